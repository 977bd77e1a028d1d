#pragma once
// The RT structure sets of the study the views show, from the cache: read in the background
// when a study's first image is shown, drawn over every view of that study whose images share
// their Frame of Reference, and listed in a dock (View > Structures) with each ROI's colour and
// a check box for its visibility. A set of another Frame of Reference is listed as not drawn.
// GUI thread.
#include "CacheTasks.h"

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;
class QTreeWidget;
class QTreeWidgetItem;

namespace hf {
class ViewportGrid;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;

class StructureReactions : public QObject {
    Q_OBJECT
public:
    StructureReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

    void addViewActions(QMenu& view);
    // A study's structure sets are being read (a screenshot waits for them).
    bool reading() const { return m_reading; }

private:
    void followStudy(const QString& studyUid);
    void applyToViews();
    void fillList();
    void roiToggled(QTreeWidgetItem* item);

    CacheTasks& m_cache;
    ViewportGrid& m_grid;
    StatusPanel& m_status;
    QDockWidget* m_dock;
    QTreeWidget* m_list;
    CacheReplyTo m_replyTo;
    QString m_studyUid;  // the study whose sets are held (or asked for)
    CacheTasks::StructureSets m_sets;
    bool m_reading = false;
};

} // namespace hf::gui
