#include "CacheTasks.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRebuild.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/Thumbnail.h"
#include "hf/dicomio/VolumeLoader.h"

#include <QDir>

#include <algorithm>

#include <QFileInfo>

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace hf::gui {

CacheTasks::CacheTasks(QString dbPath, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_alive(std::make_shared<std::atomic<bool>>(true))
{
}

CacheTasks::~CacheTasks()
{
    m_alive->store(false);
}

template <class Work>
void CacheTasks::run(Work work)
{
    // work(StudyIndex&) returns a function to run on the GUI thread with the result.
    const std::string db = m_dbPath.toStdString();
    auto alive = m_alive;
    QPointer<CacheTasks> self(this);
    (void)QtConcurrent::run([db, alive, self, work] {
        std::function<void()> deliver;
        try {
            CacheDatabase database(db);
            StudyIndex index(database);
            deliver = work(index);
        } catch (const CacheDamaged& e) {
            const QString reason = QString::fromUtf8(e.what());
            deliver = [self, reason] { emit self->damaged(reason); };
        } catch (const std::exception& e) {
            const QString reason = QString::fromUtf8(e.what());
            deliver = [self, reason] { emit self->failed(reason); };
        }
        QMetaObject::invokeMethod(
            self.data(), [alive, self, deliver] { if (alive->load() && self) deliver(); }, Qt::QueuedConnection);
    });
}

void CacheTasks::rebuild()
{
    const std::string db = m_dbPath.toStdString();
    auto alive = m_alive;
    QPointer<CacheTasks> self(this);
    (void)QtConcurrent::run([db, alive, self] {
        std::function<void()> deliver;
        try {
            const RebuildReport report = rebuildCache(db, HeaderScanner());
            const QString copy = QString::fromStdString(report.damagedCopy);
            const long long instances = report.counts.instances;
            deliver = [self, instances, copy] { emit self->rebuilt(instances, copy); };
        } catch (const std::exception& e) {
            const QString reason = QString::fromUtf8(e.what());
            deliver = [self, reason] { emit self->failed(reason); };
        }
        QMetaObject::invokeMethod(
            self.data(), [alive, self, deliver] { if (alive->load() && self) deliver(); }, Qt::QueuedConnection);
    });
}

void CacheTasks::thumbnail(const QString& seriesUid)
{
    const QString folder = QFileInfo(m_dbPath).absolutePath() + "/thumbnails";
    // UIDs are digits and dots; anything else is not used as a file name.
    const bool safe = !seriesUid.isEmpty() && seriesUid.size() <= 64
                      && std::all_of(seriesUid.begin(), seriesUid.end(), [](QChar c) { return c.isDigit() || c == '.'; });
    const QString file = safe ? folder + "/" + seriesUid + ".png" : QString();
    run([this, seriesUid, folder, file](StudyIndex& index) -> std::function<void()> {
        QImage image;
        if (!file.isEmpty() && QFileInfo::exists(file))
            image.load(file);
        if (image.isNull()) {
            const auto files = index.filesOf(seriesUid.toStdString());
            if (files.empty())
                return [] {};
            ScanResult scan = HeaderScanner(1).scan({files[files.size() / 2]});
            const StudyTree tree = StackBuilder().build(std::move(scan.frames));
            const Stack* stack = tree.firstStack();
            const LoadResult loaded = stack ? VolumeLoader(1).load(*stack) : LoadResult{};
            if (!loaded.volume)
                return [] {};
            const Thumbnail t = makeThumbnail(*loaded.volume, loaded.volume->geometry().slices / 2, 96);
            image = QImage(t.pixels.data(), t.width, t.height, t.width * t.channels,
                           t.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8)
                        .copy();
            if (!file.isEmpty() && QDir().mkpath(folder))
                image.save(file, "PNG");
        }
        return [this, seriesUid, image] { emit thumbnailReady(seriesUid, image); };
    });
}

void CacheTasks::queryStudies(const StudyFilter& filter)
{
    run([this, filter](StudyIndex& index) -> std::function<void()> {
        auto rows = index.studies(filter);
        return [this, rows] { emit studiesReady(rows); };
    });
}

void CacheTasks::querySeries(const QString& studyUid)
{
    run([this, studyUid](StudyIndex& index) -> std::function<void()> {
        auto series = index.seriesOf(studyUid.toStdString());
        return [this, studyUid, series] { emit seriesReady(studyUid, series); };
    });
}

void CacheTasks::locateSeries(const QString& studyUid, const QString& seriesUid)
{
    run([this, studyUid, seriesUid](StudyIndex& index) -> std::function<void()> {
        std::string uid = seriesUid.toStdString();
        if (uid.empty()) {
            const auto series = index.seriesOf(studyUid.toStdString());
            if (!series.empty())
                uid = series.front().uid;
        }
        QStringList files;
        for (const auto& f : index.filesOf(uid))
            files << QString::fromStdString(f);
        const QString found = QString::fromStdString(uid);
        return [this, found, files] { emit seriesLocated(found, files); };
    });
}

void CacheTasks::removeStudy(const QString& studyUid)
{
    run([this, studyUid](StudyIndex& index) -> std::function<void()> {
        const auto files = index.removeStudy(studyUid.toStdString());
        const long long instances = (long long)files.size();
        const long long freed = CacheFileStore(QFileInfo(m_dbPath).absolutePath().toStdString()).remove(files);
        return [this, studyUid, instances, freed] { emit studyRemoved(studyUid, instances, freed); };
    });
}

} // namespace hf::gui
