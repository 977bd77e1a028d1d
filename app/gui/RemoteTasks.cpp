#include "RemoteTasks.h"

#include "hf/dicomio/RemoteQuery.h"

#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace hf::gui {
namespace {

// The quick search box holds a name (or its start), as readers type it.
RemoteQuery remoteQueryOf(const StudyFilter& f)
{
    RemoteQuery q;
    std::string name = !f.text.empty() ? f.text : f.patient;
    if (!name.empty() && name.find_first_of("*?") == std::string::npos)
        name += "*";
    q.patientName = name;
    q.accessionNumber = f.accession;
    q.modality = f.modality;
    q.fromDate = f.from;
    q.toDate = f.to;
    return q;
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
        const RemoteQueryResult found = findRemote(node, remoteQueryOf(filter));
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
