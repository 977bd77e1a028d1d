#include "StudyLoadTask.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/CacheRebuild.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace hf::gui {
namespace {

QStringList describe(const std::vector<FileError>& errors)
{
    QStringList out;
    for (const auto& e : errors)
        out << QString::fromStdString(e.file + ": " + e.reason);
    return out;
}

} // namespace

StudyLoadTask::StudyLoadTask(QObject* parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_alive(std::make_shared<std::atomic<bool>>(true))
    , m_generation(std::make_shared<std::atomic<int>>(0))
{
}

StudyLoadTask::~StudyLoadTask()
{
    m_cancel->store(true);
    m_alive->store(false);
}

void StudyLoadTask::cancel()
{
    m_cancel->store(true);
}

void StudyLoadTask::start(const QStringList& paths, const QString& seriesUid, int firstSlice, const QString& cachePath,
                          bool copyIntoCache)
{
    // A new run supersedes the previous one: that one is cancelled and its results dropped.
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const int generation = ++*m_generation;
    auto cancel = m_cancel;
    (void)QtConcurrent::run([this, paths, seriesUid, firstSlice, cachePath, copyIntoCache, cancel, generation] {
        run(paths, seriesUid, firstSlice, cachePath, copyIntoCache, cancel, generation);
    });
}

void StudyLoadTask::run(QStringList paths, QString seriesUid, int firstSlice, QString cachePath, bool copyIntoCache,
                        std::shared_ptr<std::atomic<bool>> cancel, int generation)
{
    // Everything below runs on a pool thread; results go back through queued calls that check
    // the task still exists (the window may have closed meanwhile).
    auto alive = m_alive;
    auto current = m_generation;
    QPointer<StudyLoadTask> self(this);
    auto post = [alive, self, current, generation](auto fn) {
        QMetaObject::invokeMethod(
            self.data(), [alive, self, current, generation, fn] { if (alive->load() && self && current->load() == generation) fn(); },
            Qt::QueuedConnection);
    };
    ProgressSink scanProgress{[&](size_t done, size_t total) {
                                  post([this, done, total] { emit progress(tr("Reading headers"), qint64(done), qint64(total)); });
                              },
                              cancel.get()};
    std::vector<std::string> files;
    for (const auto& p : paths)
        files.push_back(p.toStdString());
    ScanResult scan;
    QStringList scanErrors;
    if (cachePath.isEmpty()) {
        scan = HeaderScanner().scan(files, scanProgress);
    } else {
        // Index batch by batch, so the study list fills while a large folder is still being read.
        // The viewer opens what was found either way: a cache problem is reported, not fatal.
        try {
            CacheDatabase db(cachePath.toStdString());
            const CacheFileStore store(QFileInfo(cachePath).absolutePath().toStdString());
            ImportResult result = CacheImporter(db, copyIntoCache ? &store : nullptr, 256)
                                        .import(files, scanProgress, [this, post](const IndexCounts& added) {
                                            post([this, added] { emit imported(added.instances); });
                                        });
            scan = std::move(result.scan);
        } catch (const std::exception& e) {
            scanErrors << QString::fromUtf8(e.what());
            if (scan.frames.empty())
                scan = HeaderScanner().scan(files, scanProgress);
        }
    }
    scanErrors = describe(scan.errors) + scanErrors;
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));

    const Series* series = nullptr;
    const Study* study = nullptr;
    const Patient* patient = nullptr;
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series)
                if (!series && !se.stacks.empty() && (seriesUid.isEmpty() || se.uid == seriesUid.toStdString())) {
                    series = &se;
                    study = &st;
                    patient = &p;
                }
    if (!series) {
        const QString reason = seriesUid.isEmpty() ? tr("no images found in %1").arg(paths.join(", "))
                                                   : tr("series %1 not found in %2").arg(seriesUid, paths.join(", "));
        post([this, reason, scanErrors] { emit failed(reason, scanErrors); });
        return;
    }
    const Stack& stack = series->stacks.front();
    OpenedSeries opened;
    SeriesInfo& info = opened.info;
    info.patientName = QString::fromStdString(patient->name).replace('^', ' ').trimmed();
    info.patientId = QString::fromStdString(patient->id);
    info.patientBirthDate = QString::fromStdString(patient->birthDate);
    info.patientSex = QString::fromStdString(patient->sex);
    info.studyUid = QString::fromStdString(study->uid);
    info.studyDate = QString::fromStdString(study->date);
    info.studyTime = QString::fromStdString(study->time);
    info.studyDescription = QString::fromStdString(study->description);
    info.seriesDescription = QString::fromStdString(series->description);
    info.modality = QString::fromStdString(series->modality);
    info.seriesUid = QString::fromStdString(series->uid);
    info.seriesNumber = series->number;
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series) {
                if (&se == series || se.stacks.empty())
                    continue;
                QStringList seriesFiles;
                for (const auto& stk : se.stacks)
                    for (const auto& frame : stk.slices)
                        if (seriesFiles.isEmpty() || seriesFiles.back() != QString::fromStdString(frame.path))
                            seriesFiles << QString::fromStdString(frame.path);
                seriesFiles.removeDuplicates();
                opened.otherSeries.append({QString::fromStdString(se.uid), seriesFiles});
            }
    for (const auto& w : stack.warnings)
        opened.warnings << QString::fromStdString(w);

    ProgressSink loadProgress{[&](size_t done, size_t total) {
                                  post([this, done, total] { emit progress(tr("Loading images"), qint64(done), qint64(total)); });
                              },
                              cancel.get()};
    auto onFirst = [&](const std::shared_ptr<Volume>& volume, int slice) {
        std::shared_ptr<const Volume> v = volume;
        post([this, v, slice, opened] { emit firstSliceReady(v, slice, opened); });
    };
    const LoadResult loaded = VolumeLoader().load(stack, loadProgress, onFirst, firstSlice);
    QStringList errors = scanErrors + describe(loaded.errors);
    if (!loaded.volume) {
        const QString reason = errors.isEmpty() ? tr("could not load the series") : errors.first();
        post([this, reason, errors] { emit failed(reason, errors); });
        return;
    }
    std::shared_ptr<const Volume> volume = loaded.volume;
    post([this, volume, errors] { emit finished(volume, errors); });
}

} // namespace hf::gui
