#pragma once
// The series strip dock below the views (shown when the study has more than one entry): every stack of every series of the study the active
// view shows, from the cache (CacheTasks::studyStacks), with the views' stacks marked; an entry
// opens in the active view (double click, Enter) or in the view it is dropped on. GUI thread.
#include "CacheTasks.h"

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace hf {
class SeriesStrip;
class ViewportGrid;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;

class SeriesStripReactions : public QObject {
    Q_OBJECT
public:
    SeriesStripReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

    void addViewActions(QMenu& view);

private:
    void followStudy(const QString& studyUid);
    void markViews();
    void showWhenUseful();

    CacheTasks& m_cache;
    ViewportGrid& m_grid;
    SeriesLoading& m_loading;
    SeriesStrip* m_strip;
    QDockWidget* m_dock;
    CacheReplyTo m_replyTo;
    QString m_asked;  // the study last asked for (answers for another are late)
    bool m_several = false, m_priors = false;  // more than one stack; other studies of the patient
};

} // namespace hf::gui
