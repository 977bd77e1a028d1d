#pragma once
// Loading series into the views: PATHs (command line, File > Open folder, a drop) are indexed
// into the cache and their first series (or the one --series names) opens in the active view,
// its siblings filling the other views; a series the study list located opens in a given view.
// One StudyLoadTask per view does the work off the GUI thread; the status panel shows progress,
// Cancel and the files that could not be read. GUI thread.
#include "GuiOptions.h"

#include "hf/dicomio/ArrivalPlaceholders.h"

#include <QObject>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QMenu;
class QThreadPool;
class QWidget;

namespace hf {
class ViewportGrid;
class Volume;
}

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

class PresetLibrary;
class StatusPanel;
class StudyLoadTask;
struct OpenedSeries;

class SeriesLoading : public QObject {
    Q_OBJECT
public:
    // options: the cache, --series, --slice and the window asked for.
    // Each study shown is recorded once in `audit` (DICOM Instances Accessed).
    SeriesLoading(ViewportGrid& grid, StatusPanel& status, const PresetLibrary& presets, const GuiOptions& options,
                  std::shared_ptr<app::AuditTrail> audit, QWidget* dialogParent);
    ~SeriesLoading() override;

    void addFileActions(QMenu& file);
    // Indexes PATHs into the cache and opens their first series (or --series, at --slice, the
    // first time) in the active view; with several views, the other series fill the next ones.
    void open(const QStringList& paths, bool copyIntoCache = false);
    // What a copy into the cache keeps free on its disk (Settings > PACS nodes).
    void setKeepFree(std::uint64_t bytes);
    // PATHs chosen by the reader: no --series or --slice applies to them.
    void openChosen(const QStringList& paths, bool copyIntoCache = false);
    // A series of the cache, into `view` (the active one when -1), with the headers the index
    // kept; its stack `stackIndex` (0-based; -1: the first, or --stack the first time);
    // --slice applies to the first series opened this way; `slice` (0-based) when given. A series
    // still arriving: `expected` (the archive's list) puts the slices to come in their places.
    void openSeries(const QString& seriesUid, int view = -1, int stackIndex = -1, int slice = -1,
                    std::vector<ExpectedInstance> expected = {});
    // View > Next/Previous stack (Alt+Down, Alt+Up): the active view's series, another stack.
    void stepStack(int by);
    // Another stack (0-based) of the series `view` shows, at the slice it shows.
    void openStack(int view, int stack);
    // Steps among stacks that someone can show at once (a 4D series' decoded time points): asked
    // first, true when it did.
    void setStackStepper(std::function<bool(int view, int stack)> stepper) { m_stackStepper = std::move(stepper); }
    void addViewActions(QMenu& view);
    // A load that cannot start (the series is not in the cache): reported like a failed load.
    void reportUnavailable(const QString& reason);
    // This window loads only what it is given (a window opened beside another).
    void doNotFillOtherViews() { m_fillOtherViews = false; }
    const QStringList& problems() const { return m_problems; }

signals:
    // Emitted once everything requested is loaded and handed to the views.
    void loadFinished(bool ok, const QString& message);
    void firstSliceShown(int view);
    // The whole series is decoded (what measures and 3D need).
    void volumeLoaded(int view, std::shared_ptr<const hf::Volume> volume);
    void imported();

private:
    void connectTask(int view);
    void loadInto(int view, const QStringList& files, const QString& seriesUid, int firstSlice);
    void showFirstSlice(int view, std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series);
    void showVolume(int view, std::shared_ptr<const Volume> volume, const QStringList& errors);
    void showFailure(int view, const QString& reason, const QStringList& errors);
    void loadEnded(int view, bool ok, const QString& message);
    int takeRequestedSlice();
    int takeRequestedStack();

    ViewportGrid& m_grid;
    StatusPanel& m_status;
    const PresetLibrary& m_presets;
    GuiOptions m_options;  // seriesUid and slice are used up by the first open
    QWidget* m_dialogParent;
    std::shared_ptr<app::AuditTrail> m_audit;
    std::set<std::string> m_auditedStudies;  // a study's views are one access
    // The views' loads run side by side on a pool of their own (one thread per view), so four
    // views' first images do not wait for two whole volumes, nor for thumbnails and queries on
    // Qt's global pool.
    QThreadPool* m_pool;
    std::vector<StudyLoadTask*> m_tasks;  // one per view
    std::vector<bool> m_loading;          // per view: a load task is running for it
    QStringList m_problems;
    bool m_loadFailed = false;
    QString m_loadMessages;
    bool m_fillOtherViews = true;
    std::function<bool(int, int)> m_stackStepper;  // the first open of PATHs fills the grid with their series
};

} // namespace hf::gui
