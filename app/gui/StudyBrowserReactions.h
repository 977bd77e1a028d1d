#pragma once
// The study list dock (F2): searches the local cache or a PACS node, lists a study's series with
// thumbnails, opens a series (here, in a view it was dropped on, or in a new window), retrieves
// from the node, removes studies from the cache and offers to rebuild a damaged index. Answers
// of the cache come back to this window only. GUI thread.
#include "CacheTasks.h"

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace hf {
class StudyListWidget;
class ViewportGrid;
}

namespace hf::gui {

class ArrivingStudy;
class RemoteTasks;
class SeriesLoading;
class StatusPanel;
class Workstation;

class StudyBrowserReactions : public QObject {
    Q_OBJECT
public:
    StudyBrowserReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid, SeriesLoading& loading,
                          StatusPanel& status);

    void addViewActions(QMenu& view);
    // Started without PATHs: the series --series names, else the list ("loaded" once filled).
    void startWith(const QString& seriesUid);
    void refresh();
    StudyListWidget& list() { return *m_list; }
    QDockWidget& dock() { return *m_dock; }

signals:
    // Enter on a local study: hang it by its protocol.
    void openStudyRequested(const QString& studyUid);
    void openInNewWindowRequested(const QString& seriesUid, const QStringList& files);
    // The first query filled the list (what a start on the list waits for).
    void listFilled();

private:
    void connectList();
    void connectTransfers();
    // Finds the series' files in the cache and opens them: in `view` (-1: the active one), or
    // in a new window.
    void locateAndOpen(const QString& studyUid, const QString& seriesUid, int view, bool inNewWindow, int stack = -1);
    void confirmRemoveStudy(const QString& studyUid);
    void offerRebuild(const QString& reason);

    QMainWindow& m_window;
    Workstation& m_station;
    ViewportGrid& m_grid;
    SeriesLoading& m_loading;
    StatusPanel& m_status;
    StudyListWidget* m_list;
    QDockWidget* m_dock;
    RemoteTasks* m_remote;
    ArrivingStudy* m_arriving;
    CacheReplyTo m_replyTo;
    bool m_filledOnce = false;
};

} // namespace hf::gui
