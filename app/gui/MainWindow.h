#pragma once
// The workstation's main window: a 2D slice view beside a 3D volume view, a status bar with
// load progress and cancel. Thin: behaviour lives in the viewports and the load task.
#include "GuiOptions.h"
#include "PresetLibrary.h"

#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QProgressBar;
class QToolButton;

namespace hf {
class SliceViewport;
class StudyListWidget;
class Volume;
class VolumeViewport;
}

namespace hf::gui {

class CacheTasks;
class StudyLoadTask;
struct OpenedSeries;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const GuiOptions& options, const PresetLibrary& presets, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Indexes PATHs into the cache and opens their first series (or --series).
    void open(const QStringList& paths, bool copyIntoCache = false);
    SliceViewport* sliceViewport() const { return m_slice; }
    VolumeViewport* volumeViewport() const { return m_volume; }
    // "file: reason" for every file of the last open that could not be read or decoded.
    const QStringList& problems() const { return m_problems; }

signals:
    // Emitted once the whole requested series is loaded and handed to the views.
    void loadFinished(bool ok, const QString& message);

private:
    void showFirstSlice(std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series);
    void showVolume(std::shared_ptr<const Volume> volume, const QStringList& errors);
    void showFailure(const QString& reason, const QStringList& errors);
    void applyRequestedWindow();
    void openFolderDialog();
    void connectStudyList();
    void confirmRemoveStudy(const QString& studyUid);
    void offerRebuild(const QString& reason);
    void openInNewWindow(const QString& seriesUid, const QStringList& files);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void showProblems(const QStringList& problems);

    GuiOptions m_options;
    const PresetLibrary& m_presets;
    SliceViewport* m_slice;
    VolumeViewport* m_volume;
    StudyLoadTask* m_task;
    CacheTasks* m_cache;
    StudyListWidget* m_studyList;
    QDockWidget* m_studyDock;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QToolButton* m_problemsButton;
    QLabel* m_status;
    QStringList m_problems;
    bool m_openNextInNewWindow = false;
};

} // namespace hf::gui
