#include "RemoteTasks.h"

#include "hf/dicomio/net/RemoteQuery.h"

#include "AuditEvents.h"
#include "BackgroundJob.h"

#include <algorithm>
#include <set>

namespace hf::gui {
namespace {

// The quick search box matches a name (or its start), a patient ID or an accession number, as
// in the local list: one query for each, merged by study.
std::vector<RemoteQuery> remoteQueriesOf(const StudyFilter& f, size_t maxResults)
{
    RemoteQuery base;
    base.maxRecords = maxResults;
    base.accessionNumber = f.accession;
    base.modality = f.modality;
    base.fromDate = f.from;
    base.toDate = f.to;
    const std::string text = !f.text.empty() ? f.text : f.patient;
    if (text.empty())
        return {base};
    RemoteQuery byName = base, byId = base, byAccession = base;
    byName.patientName = text.find_first_of("*?") == std::string::npos ? text + "*" : text;
    byId.patientId = text;
    byAccession.accessionNumber = text;
    return {byName, byId, byAccession};
}

// The keys a query asked, as the audit trail records them.
std::string keysOf(const RemoteQuery& q)
{
    std::string keys;
    for (const auto& [name, value] : {std::pair{"PatientName", q.patientName}, std::pair{"PatientID", q.patientId}, std::pair{"AccessionNumber", q.accessionNumber},
                                      std::pair{"ModalitiesInStudy", q.modality}, std::pair{"StudyDateFrom", q.fromDate}, std::pair{"StudyDateTo", q.toDate},
                                      std::pair{"StudyInstanceUID", q.studyUid}})
        if (!value.empty())
            keys += (keys.empty() ? "" : ", ") + std::string(name) + "=" + value;
    return keys;
}

void audit(app::AuditTrail& trail, const PacsNode& node, const RemoteQuery& q, const RemoteQueryResult& result)
{
    AuditEvent queried(AuditEventKind::Query);
    queried.query = keysOf(q);
    app::recordExchange(trail, queried, node, result.ok, result.message);
}

} // namespace

RemoteTasks::RemoteTasks(std::shared_ptr<app::AuditTrail> audit, QObject* parent)
    : QObject(parent)
    , m_audit(std::move(audit))
    , m_generation(std::make_shared<std::atomic<int>>(0))
{
}

RemoteTasks::~RemoteTasks() = default;

void RemoteTasks::queryStudies(const PacsNode& node, const StudyFilter& filter)
{
    const int generation = ++*m_generation;
    auto current = m_generation;
    auto trail = m_audit;
    runInBackground(this, [=]() -> GuiContinuation {
        RemoteQueryResult found;
        found.ok = true;
        std::set<std::string> seen;
        const size_t most = size_t(std::max(1, node.maxResults));
        for (const RemoteQuery& q : remoteQueriesOf(filter, most)) {
            RemoteQueryResult one = findRemote(node, q);
            audit(*trail, node, q, one);
            if (!one.ok) {
                found = one;  // the node's failure, said once
                break;
            }
            found.truncated = found.truncated || one.truncated;
            for (RemoteRecord& r : one.records)
                if (seen.insert(r.study.uid).second)
                    found.records.push_back(std::move(r));
        }
        // The merged answers of the quick search's three queries keep to the node's bound too.
        if (found.records.size() > most) {
            found.records.resize(most);
            found.truncated = true;
        }
        std::vector<StudyRow> rows;
        for (const RemoteRecord& r : found.records) {
            StudyRow row;
            row.patient = r.patient;
            row.study = r.study;
            row.modalities = r.modalities;
            row.seriesCount = r.seriesCount;
            row.imageCount = r.instances;
            row.location = node.name;
            rows.push_back(std::move(row));
        }
        return [=, rows = std::move(rows)]() mutable {
            if (generation != current->load())
                return;  // a newer query answers instead
            if (!found.ok)
                emit failed(QString::fromStdString(found.message));
            emit studiesReady(std::move(rows), found.truncated);
        };
    });
}

void RemoteTasks::querySeries(const PacsNode& node, const QString& studyUid)
{
    auto trail = m_audit;
    runInBackground(this, [=]() -> GuiContinuation {
        RemoteQuery q;
        q.studyUid = studyUid.toStdString();
        const RemoteQueryResult found = findRemote(node, q);
        audit(*trail, node, q, found);
        std::vector<SeriesRow> series;
        for (const RemoteRecord& r : found.records) {
            SeriesRow row;
            row.uid = r.series.uid;
            row.modality = r.series.modality;
            row.description = r.series.description;
            row.number = r.series.number;
            row.imageCount = r.instances;
            series.push_back(std::move(row));
        }
        return [=, series = std::move(series)]() mutable {
            if (!found.ok)
                emit failed(QString::fromStdString(found.message));
            emit seriesReady(studyUid, std::move(series));
        };
    });
}

} // namespace hf::gui
