#pragma once
// The workstation's main window: a grid of 2D views (1x1 .. 3x3), optionally beside a 3D view,
// the study list dock, a reading toolbar (layout, window/level entry, presets, cine) and a
// status bar with the pixel probe, load progress and cancel. Thin: behaviour lives in the
// viewports, the grid and the load tasks.
#include "GuiOptions.h"
#include "NodeSettings.h"
#include "PresetLibrary.h"

#include "ExportInput.h"

#include <QMainWindow>

#include <atomic>
#include <map>
#include <memory>
#include <vector>

class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace hf {
class AnnotationListPanel;
class MprWidget;
class SliceViewport;
class StudyListWidget;
class ViewportGrid;
class Volume;
class VolumeViewport;
}

namespace hf::gui {

class AnnotationController;
class SyncController;
class RemoteTasks;
class TransferQueue;
class CacheTasks;
class StudyLoadTask;
struct OpenedSeries;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const GuiOptions& options, const PresetLibrary& presets, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Indexes PATHs into the cache and opens their first series (or --series) in the active
    // view; with several views, the other series found fill the next views.
    void open(const QStringList& paths, bool copyIntoCache = false);
    // The active 2D view.
    SliceViewport* sliceViewport() const;
    ViewportGrid* viewportGrid() const { return m_grid; }
    MprWidget* mprWidget() const { return m_mpr; }
    bool mprShown() const;
    VolumeViewport* volumeViewport() const { return m_volume; }
    AnnotationController* annotationController() const { return m_annotations; }
    SyncController* syncController() const { return m_sync; }
    // Settings > PACS nodes, as if the reader had changed them in the dialog.
    void setNodeSettings(const NodeSettings& nodes);
    void openNodeSettings();
    QStringList nodeNames() const;
    QString syncStatusText() const;
    AnnotationListPanel* annotationList() const { return m_annotationList; }
    // Switches the layout: 1x1, 1x2, 2x1, 2x2, 3x3 or 2d3d (one slice view beside 3D).
    bool setLayoutName(const QString& layout);
    // Exports the active view's series in the background (progress and cancel in the status
    // bar); exportFinished reports the files or the reason it failed.
    void exportActive(const exporting::ExportRequest& request);
    // The part of the slice a view shows (its zoom and pan), for "export as shown".
    static QRectF visibleRegion(const SliceViewport& view);
    // "file: reason" for every file of the last open that could not be read or decoded.
    const QStringList& problems() const { return m_problems; }

signals:
    // Emitted once everything requested is loaded and handed to the views.
    void loadFinished(bool ok, const QString& message);
    void exportFinished(bool ok, const QStringList& files, const QString& message);

private:
    void buildMenusAndToolbar();
    void buildAnnotationTools();
    void connectAnnotations(int view);
    void connectLoadTask(int view);
    void loadInto(int view, const QStringList& files, const QString& seriesUid, int firstSlice);
    void showFirstSlice(int view, std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series);
    void showVolume(int view, std::shared_ptr<const Volume> volume, const QStringList& errors);
    void showFailure(int view, const QString& reason, const QStringList& errors);
    void loadEnded(int view, bool ok, const QString& message);
    void applyRequestedWindow(SliceViewport* view);
    void applyToActive(const std::function<void(SliceViewport&)>& action);
    void activeViewChanged();
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
    NodeSettings m_nodes;  // before the services that use them
    const PresetLibrary& m_presets;
    ViewportGrid* m_grid;
    MprWidget* m_mpr;
    QStackedWidget* m_centre;
    std::shared_ptr<const Volume> m_primaryVolume;  // what the MPR layouts show
    void showInMpr();
    VolumeViewport* m_volume;
    std::vector<StudyLoadTask*> m_tasks;  // one per view
    CacheTasks* m_cache;
    AnnotationController* m_annotations;
    SyncController* m_sync;
    QLabel* m_syncStatus;
    RemoteTasks* m_remote;
    TransferQueue* m_transfers;
    QProgressBar* m_transferProgress;
    QToolButton* m_transferCancel;
    AnnotationListPanel* m_annotationList;
    QDockWidget* m_annotationDock;
    StudyListWidget* m_studyList;
    QDockWidget* m_studyDock;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QToolButton* m_problemsButton;
    QLabel* m_status;
    QLabel* m_probe;
    QDoubleSpinBox* m_windowCenter;
    QDoubleSpinBox* m_windowWidth;
    QDoubleSpinBox* m_cineRate;
    QStringList m_problems;
    std::vector<bool> m_loading;  // per view: a load task is running for it
    bool m_loadFailed = false;
    QString m_loadMessages;
    bool m_fillOtherViews = true;  // the first open of PATHs fills the grid with their series
    bool m_openNextInNewWindow = false;
    int m_openNextInView = -1;
    std::shared_ptr<std::atomic<bool>> m_exportCancel;
    std::map<QString, QStringList> m_keyImages;  // study -> SOP instances flagged
};

} // namespace hf::gui
