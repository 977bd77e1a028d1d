#pragma once
// Opens PATHs off the GUI thread: scan tags, build stacks, decode the chosen stack. Signals are
// emitted on the GUI thread (the object's thread); cancel() may be called any time.
#include "hf/dicomio/FrameHeader.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace hf {
class Volume;
}

namespace hf::gui {

struct OpenedSeries {
    QString patientName, patientId, studyDate, studyDescription, seriesDescription, modality, seriesUid;
    int seriesNumber = 0;
    QStringList warnings;
};

class StudyLoadTask : public QObject {
    Q_OBJECT
public:
    explicit StudyLoadTask(QObject* parent = nullptr);
    ~StudyLoadTask() override;

    // Starts loading; the first series (or seriesUid) of PATHs is opened. With a cache path,
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
    void run(QStringList paths, QString seriesUid, int firstSlice, QString cachePath, bool copyIntoCache);
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_alive;
};

} // namespace hf::gui
