#include "StudyLoadTask.h"

#include "AuditEvents.h"
#include "AuditTrail.h"

#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SeriesOpening.h"

#include <QFileInfo>

namespace hf::gui {
namespace {

QStringList describe(const std::vector<FileError>& errors)
{
    QStringList out;
    for (const auto& e : errors)
        out << QString::fromStdString(e.file + ": " + e.reason);
    return out;
}

// Every other series of the tree with its files, in study order.
QList<QPair<QString, QStringList>> otherSeriesOf(const StudyTree& tree, const Series* opened)
{
    QList<QPair<QString, QStringList>> others;
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series) {
                if (&se == opened || se.stacks.empty())
                    continue;
                QStringList files;
                for (const auto& stack : se.stacks)
                    for (const auto& frame : stack.slices)
                        files << QString::fromStdString(frame.path);
                files.removeDuplicates();
                others.append({QString::fromStdString(se.uid), files});
            }
    return others;
}

} // namespace

StudyLoadTask::StudyLoadTask(QObject* parent, QThreadPool* pool)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_generation(std::make_shared<std::atomic<int>>(0))
    , m_pool(pool)
{
}

StudyLoadTask::~StudyLoadTask()
{
    m_cancel->store(true);
}

void StudyLoadTask::cancel()
{
    m_cancel->store(true);
}

void StudyLoadTask::start(const QStringList& paths, const QString& seriesUid, int firstSlice, const QString& cachePath,
                          bool copyIntoCache, int stackIndex)
{
    std::vector<std::string> files;
    for (const auto& p : paths)
        files.push_back(p.toStdString());
    const GuiReceiver self(this);
    const int generation = *m_generation + 1;  // the run begin() starts
    auto current = m_generation;
    auto headers = [this, self, current, generation, files, cachePath, copyIntoCache, paths, audit = m_audit, keepFree = m_keepFree](
                       const ProgressSink& sink, QStringList& errors) -> std::vector<FrameHeader> {
        if (cachePath.isEmpty())
            return HeaderScanner().scan(files, sink).frames;
        // Indexed batch by batch, so the study list fills while a large folder is still being
        // read. The viewer opens what was found either way: a cache problem is reported, not fatal.
        ScanResult scan;
        try {
            CacheDatabase db(cachePath.toStdString());
            const CacheFileStore store(QFileInfo(cachePath).absolutePath().toStdString(), keepFree);
            scan = CacheImporter(db, copyIntoCache ? &store : nullptr, 256)
                       .import(files, sink, [this, self, current, generation](const IndexCounts& added) {
                           self.deliver([this, current, generation, added] {
                               if (current->load() == generation)
                                   emit imported(added.instances);
                           });
                       })
                       .scan;
            if (audit) {
                std::vector<FrameHeader> all = scan.frames;
                all.insert(all.end(), scan.objects.begin(), scan.objects.end());
                for (AuditEvent& e : app::eventsPerStudy(AuditEventKind::Import, all)) {
                    e.peerAddress = paths.join(", ").toStdString();
                    audit->record(e);
                }
            }
        } catch (const std::exception& e) {
            errors << QString::fromUtf8(e.what());
            if (scan.frames.empty())
                scan = HeaderScanner().scan(files, sink);
        }
        errors = describe(scan.errors) + errors;
        return std::move(scan.frames);
    };
    begin(headers, seriesUid, firstSlice, stackIndex, paths.join(", "));
}

void StudyLoadTask::startCached(const QString& seriesUid, const QString& cachePath, int firstSlice, int stackIndex,
                                std::vector<ExpectedInstance> expected)
{
    const std::string uid = seriesUid.toStdString(), db = cachePath.toStdString();
    begin([uid, db, expected = std::move(expected)](const ProgressSink& sink, QStringList& errors) {
        CacheDatabase cache(db);
        ScanResult scan = cachedScan(cache, uid, sink);
        errors = describe(scan.errors);
        std::vector<FrameHeader> standIns = arrivalPlaceholders(scan.frames, uid, expected);
        scan.frames.insert(scan.frames.end(), std::make_move_iterator(standIns.begin()), std::make_move_iterator(standIns.end()));
        return std::move(scan.frames);
    }, seriesUid, firstSlice, stackIndex, QString("the cache"));
}

void StudyLoadTask::begin(HeaderSource headers, QString seriesUid, int firstSlice, int stackIndex, QString where)
{
    // A new run supersedes the previous one: that one is cancelled and its results dropped.
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const int generation = ++*m_generation;
    auto cancel = m_cancel;
    const GuiReceiver self(this);
    Post post = [self, current = m_generation, generation](std::function<void()> fn) {
        self.deliver([current, generation, fn] {
            if (current->load() == generation)
                fn();
        });
    };
    // Work on the pool never touches the task's members: what it reports goes through post(),
    // dropped if the task is gone (the window closed) or a newer run started.
    runInBackground(this, [this, headers, seriesUid, firstSlice, stackIndex, where, cancel, post]() -> GuiContinuation {
        const ProgressSink sink{[this, post](size_t done, size_t total) {
                                    post([this, done, total] { emit progress(tr("Reading headers"), qint64(done), qint64(total)); });
                                },
                                cancel.get()};
        QStringList errors;
        try {
            std::vector<FrameHeader> frames = headers(sink, errors);
            open(std::move(frames), seriesUid, firstSlice, stackIndex, where, errors, cancel.get(), post);
        } catch (const std::exception& e) {
            post([this, reason = QString::fromUtf8(e.what()), errors] { emit failed(reason, errors); });
        }
        return {};
    }, {}, m_pool);
}

void StudyLoadTask::open(std::vector<FrameHeader> frames, const QString& seriesUid, int firstSlice, int stackIndex,
                         const QString& where, QStringList scanErrors, const std::atomic<bool>* cancel, const Post& post)
{
    OpenedSeries opened;
    SeriesOpenRequest request;
    request.seriesUid = seriesUid.toStdString();
    request.firstSlice = firstSlice;
    request.stackIndex = stackIndex;
    request.progress = {[this, post](size_t done, size_t total) {
                            post([this, done, total] { emit progress(tr("Loading images"), qint64(done), qint64(total)); });
                        },
                        cancel};
    request.chosen = [&opened](const StudyTree& tree, const SeriesInTree& found) {
        opened.info = {*found.patient, *found.study, *found.series};
        opened.stack = stackPosition(found);
        for (const auto& w : found.stack->warnings)
            opened.warnings << QString::fromStdString(w);
        opened.otherSeries = otherSeriesOf(tree, found.series);  // so the first slice carries them
    };
    request.firstSliceReady = [this, post, &opened](const std::shared_ptr<Volume>& volume, int slice) {
        std::shared_ptr<const Volume> v = volume;
        post([this, v, slice, opened] { emit firstSliceReady(v, slice, opened); });
    };
    const LoadedSeries loaded = openSeries(std::move(frames), request);
    if (!loaded.where) {
        const QString reason = seriesUid.isEmpty() ? tr("no images found in %1").arg(where)
                                                   : tr("series %1 not found in %2").arg(seriesUid, where);
        post([this, reason, scanErrors] { emit failed(reason, scanErrors); });
        return;
    }
    QStringList errors = scanErrors + describe(loaded.loaded.errors);
    if (!loaded.loaded.volume) {
        const QString reason = errors.isEmpty() ? tr("could not load the series") : errors.first();
        post([this, reason, errors] { emit failed(reason, errors); });
        return;
    }
    std::shared_ptr<const Volume> volume = loaded.loaded.volume;
    post([this, volume, errors] { emit finished(volume, errors); });
}

} // namespace hf::gui
