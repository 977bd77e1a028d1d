#pragma once
// Opens PATHs off the GUI thread: scan tags, build stacks, decode the chosen stack. Signals are
// emitted on the GUI thread (the object's thread); cancel() may be called any time.
#include "hf/dicomio/FrameHeader.h"
#include "hf/viewer/SeriesInfo.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace hf {
class Volume;
}

namespace hf::gui {

struct OpenedSeries {
    SeriesInfo info;
    QStringList warnings;
    // The other series found in the same PATHs, in study order, with their files: a layout of
    // several views shows them beside the first without scanning again.
    QList<QPair<QString, QStringList>> otherSeries;
};

class StudyLoadTask : public QObject {
    Q_OBJECT
public:
    explicit StudyLoadTask(QObject* parent = nullptr);
    ~StudyLoadTask() override;

    // Starts loading (superseding a run still going); the first series (or seriesUid) of PATHs is opened. With a cache path,
    // what was scanned is indexed into the local cache first (and imported() is emitted).
    void start(const QStringList& paths, const QString& seriesUid, int firstSlice, const QString& cachePath = {},
               bool copyIntoCache = false);
    void cancel();

signals:
    void progress(const QString& stage, qint64 done, qint64 total);
    void firstSliceReady(std::shared_ptr<const hf::Volume> volume, int slice, const hf::gui::OpenedSeries& series);
    void finished(std::shared_ptr<const hf::Volume> volume, const QStringList& errors);
    void failed(const QString& reason, const QStringList& errors);
    void imported(long long newInstances);

private:
    void run(QStringList paths, QString seriesUid, int firstSlice, QString cachePath, bool copyIntoCache,
             std::shared_ptr<std::atomic<bool>> cancel, int generation);
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_alive;
    std::shared_ptr<std::atomic<int>> m_generation;  // results of older runs are dropped
};

} // namespace hf::gui
