#include "RemoteTasks.h"

#include "hf/dicomio/RemoteQuery.h"

#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

namespace hf::gui {
namespace {

// The quick search box matches a name (or its start), a patient ID or an accession number, as
// in the local list: one query for each, merged by study.
std::vector<RemoteQuery> remoteQueriesOf(const StudyFilter& f)
{
    RemoteQuery base;
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

} // namespace

RemoteTasks::RemoteTasks(QObject* parent)
    : QObject(parent)
    , m_alive(std::make_shared<std::atomic<bool>>(true))
    , m_generation(std::make_shared<std::atomic<int>>(0))
{
}

RemoteTasks::~RemoteTasks()
{
    m_alive->store(false);
}

void RemoteTasks::queryStudies(const PacsNode& node, const StudyFilter& filter)
{
    const int generation = ++*m_generation;
    auto alive = m_alive;
    auto current = m_generation;
    QPointer<RemoteTasks> self(this);
    (void)QtConcurrent::run(QThreadPool::globalInstance(), [=] {
        RemoteQueryResult found;
        found.ok = true;
        std::set<std::string> seen;
        for (const RemoteQuery& q : remoteQueriesOf(filter)) {
            RemoteQueryResult one = findRemote(node, q);
            if (!one.ok) {
                found = one;  // the node's failure, said once
                break;
            }
            for (RemoteRecord& r : one.records)
                if (seen.insert(r.studyUid).second)
                    found.records.push_back(std::move(r));
        }
        std::vector<StudyRow> rows;
        for (const RemoteRecord& r : found.records) {
            StudyRow row;
            row.patientName = r.patientName;
            row.patientId = r.patientId;
            row.birthDate = r.patientBirthDate;
            row.sex = r.patientSex;
            row.studyUid = r.studyUid;
            row.date = r.studyDate;
            row.time = r.studyTime;
            row.description = r.studyDescription;
            row.accession = r.accessionNumber;
            row.modalities = r.modalities;
            row.seriesCount = r.seriesCount;
            row.imageCount = r.instances;
            row.location = node.name;
            rows.push_back(std::move(row));
        }
        QMetaObject::invokeMethod(
            self.data(),
            [=, rows = std::move(rows)]() mutable {
                if (!alive->load() || !self || generation != current->load())
                    return;
                if (!found.ok)
                    emit self->failed(QString::fromStdString(found.message));
                emit self->studiesReady(std::move(rows));
            },
            Qt::QueuedConnection);
    });
}

void RemoteTasks::querySeries(const PacsNode& node, const QString& studyUid)
{
    auto alive = m_alive;
    QPointer<RemoteTasks> self(this);
    (void)QtConcurrent::run(QThreadPool::globalInstance(), [=] {
        RemoteQuery q;
        q.studyUid = studyUid.toStdString();
        const RemoteQueryResult found = findRemote(node, q);
        std::vector<SeriesRow> series;
        for (const RemoteRecord& r : found.records)
            series.push_back({r.seriesUid, r.modality, r.seriesDescription, r.seriesNumber, r.instances});
        QMetaObject::invokeMethod(
            self.data(),
            [=, series = std::move(series)]() mutable {
                if (!alive->load() || !self)
                    return;
                if (!found.ok)
                    emit self->failed(QString::fromStdString(found.message));
                emit self->seriesReady(studyUid, std::move(series));
            },
            Qt::QueuedConnection);
    });
}

} // namespace hf::gui
