#pragma once
// The series strip dock below the views (shown when the study has more than one entry, or the
// patient other studies): every stack of every series of the study the active view shows, from
// the cache (CacheTasks::studyStacks), with the views' stacks marked; an entry opens in the
// active view (double click, Enter) or in the view it is dropped on. Beside it the patient's
// timeline: the studies in the cache and the priors on the PACS nodes (PriorsFinder), the
// default prior marked; a study there opens (retrieved first when only on a node) or is
// compared with the open one (its context menu: the study hung current vs prior). The default
// prior is fetched from its node in the background when only there (View > Pre-fetch the
// default prior, on unless turned off), both when a study is opened and when one arrives from
// a node. GUI thread.
#include "CacheTasks.h"

#include <QObject>

#include <set>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace hf {
class SeriesStrip;
class ViewportGrid;
}

namespace hf::gui {

class PriorsFinder;
class SeriesLoading;
class StatusPanel;
class Workstation;

class SeriesStripReactions : public QObject {
    Q_OBJECT
public:
    SeriesStripReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

    void addViewActions(QMenu& view);
    // Whether a prior is being fetched from a node in the background.
    bool prefetching() const { return !m_fetching.empty(); }

signals:
    // Hang `currentUid` beside `priorUid` (its protocol's current vs prior stage).
    void compareRequested(const QString& currentUid, const QString& priorUid);

private:
    void followStudy(const QString& studyUid);
    void refreshTimeline();
    void markViews();
    void showWhenUseful();
    // The study in the cache, retrieved from its node first when only there; then `then`.
    void whenCached(const QString& studyUid, std::function<void()> then);
    // Retrieves a study from a node (once: a second ask while it is under way does nothing); its
    // own priors are not fetched in turn when it arrives.
    void fetch(const QString& studyUid, const QString& date, const QString& nodeName, std::function<void(bool ok)> then);
    // A study arrived from a node: its default prior fetched too when only on a node.
    void prefetchPriorOf(const QString& studyUid);

    Workstation& m_station;
    StatusPanel& m_status;
    ViewportGrid& m_grid;
    SeriesLoading& m_loading;
    SeriesStrip* m_strip;
    QDockWidget* m_dock;
    PriorsFinder* m_priors;
    PriorsFinder* m_arrivals;  // its own: a timeline's find must not make an arrival's stale
    QAction* m_prefetch = nullptr;
    CacheReplyTo m_replyTo;
    QString m_asked;  // the study last asked for (answers for another are late)
    std::set<QString> m_fetching;  // studies being retrieved for the timeline
    std::set<QString> m_fetchedAsPriors;  // their own priors are not fetched in turn
    bool m_several = false, m_others = false;  // more than one stack; other studies of the patient
};

} // namespace hf::gui
