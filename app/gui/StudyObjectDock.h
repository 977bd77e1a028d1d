#pragma once
// What the Structures and Segments docks share: they follow the study the views show (its
// objects are read in the background when its first image is shown, the views of that study
// get them, the others none), and list each object with its entries (ROIs, segments), each with
// its colour swatch and a check box for its visibility in every view. Subclasses say how their
// objects are read, given to a view, listed and hidden. GUI thread.
#include "CacheTasks.h"

#include <QObject>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <string>

class QDockWidget;
class QMainWindow;
class QMenu;
class QTreeWidget;
class QTreeWidgetItem;

namespace hf {
class SliceViewport;
class ViewportGrid;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;

class StudyObjectDock : public QObject {
    Q_OBJECT
public:
    // panel: what the dock shows: the list, or a widget holding it (with controls around it).
    StudyObjectDock(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status,
                    const QString& title, const QString& name, QWidget* panel);

    void addViewActions(QMenu& view);
    // The study's objects are being read (a screenshot waits for them).
    bool reading() const { return m_reading; }
    // New objects of this study arrived in the cache (the sync pulled them): read them again
    // when it is the one the views show.
    void reload(const QString& studyUid);

signals:
    // The views were given other objects or another visibility (the MPR planes follow).
    void viewsChanged();

protected:
    // Ask for the study's objects; call received() with the answer.
    virtual void request(const QString& studyUid) = 0;
    virtual void forget() = 0;                       // drop the objects held
    virtual bool holdsAny() const = 0;
    virtual void give(SliceViewport& view, bool ofStudy) = 0;  // the objects, or none
    virtual void list() = 0;                         // fill the list from the objects (signals blocked)
    virtual void setEntryVisible(SliceViewport& view, const std::string& objectUid, int number, bool visible) = 0;

    void received(const QString& studyUid, const QStringList& errors, const QString& errorPrefix);
    void applyToViews();
    // True when some view of the study can draw the object (drawable(view)).
    bool drawnSomewhere(const std::function<bool(const SliceViewport&)>& drawable) const;
    QTreeWidgetItem* addObjectRow(const QString& title, const QString& tooltip);
    QTreeWidgetItem* addEntryRow(QTreeWidgetItem& object, const QString& text, const std::array<std::uint8_t, 3>& colour,
                                 const std::string& objectUid, int number, bool visible);
    void refill();
    // The list's current entry row as (object UID, number); nothing for an object row or none.
    std::optional<std::pair<std::string, int>> currentEntry() const;
    QTreeWidget& listWidget() const { return *m_list; }

    CacheTasks& m_cache;
    ViewportGrid& m_grid;
    StatusPanel& m_status;
    CacheReplyTo m_replyTo;
    QString m_studyUid;  // the study whose objects are held (or asked for)

private:
    void followStudy(const QString& studyUid);
    void entryToggled(QTreeWidgetItem* item);

    QDockWidget* m_dock;
    QTreeWidget* m_list;
    bool m_reading = false;
};

} // namespace hf::gui
