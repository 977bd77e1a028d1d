#pragma once
// Reading a 4D series (time points of one geometry: dynamic contrast, perfusion, cardiac phases,
// fMRI): a view steps through time at its slice without reloading, once the time points are
// decoded (the others load in the background after the first, within a memory budget; until
// then a step loads that time point). The time slider in the toolbar follows the active view;
// Alt+Down/Alt+Up step time as they step stacks; View > Cine over time (Shift+C) plays the time
// points at the current slice (C still plays the slices at the current time). GUI thread.
#include "hf/dicomio/SeriesOpening.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QAction;
class QLabel;
class QMenu;
class QSlider;
class QTimer;
class QToolBar;

namespace hf {
class Volume;
class ViewportGrid;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;

class TimeReactions : public QObject {
    Q_OBJECT
public:
    // Preloading stops where the time points of one view would take more than memoryBudget bytes.
    TimeReactions(ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status, QString dbPath, QObject* parent,
                  size_t memoryBudget = size_t(4) << 30);
    ~TimeReactions() override;

    void addViewActions(QMenu& view);
    void addToolBarWidgets(QToolBar& bar);
    // Shows time point `time` (0-based) in `view`: at once when decoded, else loads it.
    void showTime(int view, int time);
    // How many of the view's time points are decoded (0 when it shows no 4D series).
    int decodedTimePoints(int view) const;
    bool cineOverTime() const;
    void setCineOverTime(bool playing);

private:
    struct TimePoints {
        QString seriesUid;
        StackPosition position;
        std::vector<std::shared_ptr<const Volume>> volumes;  // per time point, null until decoded
        // The background decode of the others: one job per series (its headers read once),
        // stopped when the view shows another series.
        std::shared_ptr<std::atomic<bool>> stopPreload;
    };
    // Alt+Down/Alt+Up on a 4D series: a decoded time point at once (false: SeriesLoading loads it).
    bool stepTo(int view, int stack);
    void volumeLoaded(int view, std::shared_ptr<const Volume> volume);
    void preload(int view);
    void followActiveView();
    void cineTick();

    ViewportGrid& m_grid;
    SeriesLoading& m_loading;
    StatusPanel& m_status;
    QString m_dbPath;
    size_t m_memoryBudget;
    std::vector<TimePoints> m_views;  // per grid view
    QSlider* m_slider = nullptr;
    QLabel* m_label = nullptr;
    QAction* m_sliderAction = nullptr;
    QAction* m_labelAction = nullptr;
    QAction* m_cineAction = nullptr;
    QTimer* m_cine;
    int m_cineView = 0;
};

} // namespace hf::gui
