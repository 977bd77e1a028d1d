#pragma once
// Opens a series off the GUI thread: from PATHs (scan their headers, indexing them into the
// cache on the way) or from the cache (headers from its index, no file read until decoding);
// then hf::openSeries builds the stacks, chooses the series and decodes it. Signals are emitted
// on the GUI thread (the object's thread); cancel() may be called any time.
#include "hf/dicomio/ArrivalPlaceholders.h"
#include "hf/dicomio/DiskRoom.h"
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/StudyModel.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class QThreadPool;

namespace hf {
class Volume;
struct ProgressSink;
}

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

struct OpenedSeries {
    SeriesContext info;
    StackPosition stack;
    QStringList warnings;
    // The other series found in the same PATHs, in study order, with their files: a layout of
    // several views shows them beside the first without scanning again.
    QList<QPair<QString, QStringList>> otherSeries;
};

class StudyLoadTask : public QObject {
    Q_OBJECT
public:
    // pool: where the work runs (null: Qt's global pool, shared with every other background task).
    explicit StudyLoadTask(QObject* parent = nullptr, QThreadPool* pool = nullptr);
    ~StudyLoadTask() override;

    // Starts loading (superseding a run still going); the first series (or seriesUid) of PATHs is opened. With a cache path,
    // what was scanned is indexed into the local cache first (and imported() is emitted).
    void start(const QStringList& paths, const QString& seriesUid, int firstSlice, const QString& cachePath = {},
               bool copyIntoCache = false, int stackIndex = -1);
    // A series the cache holds, with the headers its index kept (files it has none for are scanned).
    // While it arrives, `expected` (what the archive listed) adds stand-ins for the slices still
    // to come (ArrivalPlaceholders.h).
    void startCached(const QString& seriesUid, const QString& cachePath, int firstSlice, int stackIndex = -1,
                     std::vector<ExpectedInstance> expected = {});
    void cancel();
    // Files indexed by start() are recorded here (Import, one event per study).
    void setAudit(std::shared_ptr<app::AuditTrail> audit) { m_audit = std::move(audit); }
    // A copy into the cache leaves files where they are while its disk has less free (DiskRoom).
    void setKeepFree(std::uint64_t bytes) { m_keepFree = bytes; }

signals:
    void progress(const QString& stage, qint64 done, qint64 total);
    void firstSliceReady(std::shared_ptr<const hf::Volume> volume, int slice, const hf::gui::OpenedSeries& series);
    void finished(std::shared_ptr<const hf::Volume> volume, const QStringList& errors);
    void failed(const QString& reason, const QStringList& errors);
    void imported(long long newInstances);

private:
    using Post = std::function<void(std::function<void()>)>;
    // Runs headers(sink, errors) -> frames, then opens the series, on a pool thread.
    using HeaderSource = std::function<std::vector<FrameHeader>(const ProgressSink& sink, QStringList& errors)>;
    void begin(HeaderSource headers, QString seriesUid, int firstSlice, int stackIndex, QString where);
    void open(std::vector<FrameHeader> frames, const QString& seriesUid, int firstSlice, int stackIndex, const QString& where,
              QStringList scanErrors, const std::atomic<bool>* cancel, const Post& post);
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<int>> m_generation;  // results of older runs are dropped
    QThreadPool* m_pool;
    std::shared_ptr<app::AuditTrail> m_audit;
    std::uint64_t m_keepFree = DiskRoom::kDefaultKeepFreeBytes;
};

} // namespace hf::gui
