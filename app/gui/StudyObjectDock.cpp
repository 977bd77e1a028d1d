#include "StudyObjectDock.h"

#include "SeriesLoading.h"
#include "StatusPanel.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPixmap>
#include <QSignalBlocker>
#include <QTreeWidget>

namespace hf::gui {
namespace {

constexpr int kObjectRole = Qt::UserRole + 1;  // the object's SOP Instance UID
constexpr int kEntryRole = Qt::UserRole + 2;   // the entry's number (ROI, segment)

} // namespace

StudyObjectDock::StudyObjectDock(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status,
                                 const QString& title, const QString& name, QWidget* panel)
    : QObject(&window)
    , m_cache(cache)
    , m_grid(grid)
    , m_status(status)
    , m_dock(new QDockWidget(title))
    , m_list(qobject_cast<QTreeWidget*>(panel) ? qobject_cast<QTreeWidget*>(panel) : panel->findChild<QTreeWidget*>())
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [this](const QString& reason) {
        m_reading = false;
        m_status.say(reason);
    };
    m_list->setHeaderHidden(true);
    m_dock->setObjectName(name);
    m_dock->setWidget(panel);
    window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->setVisible(false);  // shown once a study with such objects is open
    connect(m_list, &QTreeWidget::itemChanged, this, &StudyObjectDock::entryToggled);
    connect(&loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        const QString study = m_grid.view(view)->studyUid();
        if (study != m_studyUid)
            return followStudy(study);
        applyToViews();  // another series of the same study gets the objects too
        refill();        // and may make one drawable
    });
}

void StudyObjectDock::addViewActions(QMenu& view)
{
    view.addAction(m_dock->toggleViewAction());
}

void StudyObjectDock::reload(const QString& studyUid)
{
    if (!studyUid.isEmpty() && studyUid == m_studyUid)
        followStudy(studyUid);
}

void StudyObjectDock::followStudy(const QString& studyUid)
{
    m_studyUid = studyUid;
    forget();
    applyToViews();
    refill();
    if (studyUid.isEmpty())
        return;
    m_reading = true;
    request(studyUid);
}

void StudyObjectDock::received(const QString& studyUid, const QStringList& errors, const QString& errorPrefix)
{
    if (studyUid != m_studyUid)
        return;  // the reader moved on
    m_reading = false;
    applyToViews();
    refill();
    if (holdsAny())
        m_dock->setVisible(true);
    if (!errors.isEmpty())
        m_status.say(errorPrefix + errors.join("; "));
}

void StudyObjectDock::applyToViews()
{
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        SliceViewport* view = m_grid.view(i);
        give(*view, !m_studyUid.isEmpty() && view->studyUid() == m_studyUid);
        view->refresh();
    }
    emit viewsChanged();
}

bool StudyObjectDock::drawnSomewhere(const std::function<bool(const SliceViewport&)>& drawable) const
{
    for (int i = 0; i < m_grid.viewCount(); ++i)
        if (m_grid.view(i)->studyUid() == m_studyUid && drawable(*m_grid.view(i)))
            return true;
    return false;
}

void StudyObjectDock::refill()
{
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    list();
}

QTreeWidgetItem* StudyObjectDock::addObjectRow(const QString& title, const QString& tooltip)
{
    auto* row = new QTreeWidgetItem(m_list, {title});
    row->setToolTip(0, tooltip);
    row->setExpanded(true);
    return row;
}

QTreeWidgetItem* StudyObjectDock::addEntryRow(QTreeWidgetItem& object, const QString& text, const std::array<std::uint8_t, 3>& colour,
                                              const std::string& objectUid, int number, bool visible)
{
    auto* item = new QTreeWidgetItem(&object, {text});
    QPixmap swatch(14, 14);
    swatch.fill(QColor(colour[0], colour[1], colour[2]));
    item->setIcon(0, QIcon(swatch));
    item->setData(0, kObjectRole, QString::fromStdString(objectUid));
    item->setData(0, kEntryRole, number);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
    object.setExpanded(true);
    return item;
}

std::optional<std::pair<std::string, int>> StudyObjectDock::currentEntry() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    if (!item || !item->parent() || !item->data(0, kObjectRole).isValid())
        return std::nullopt;
    return std::pair{item->data(0, kObjectRole).toString().toStdString(), item->data(0, kEntryRole).toInt()};
}

void StudyObjectDock::entryToggled(QTreeWidgetItem* item)
{
    if (!item->parent())
        return;
    const std::string object = item->data(0, kObjectRole).toString().toStdString();
    const int number = item->data(0, kEntryRole).toInt();
    const bool visible = item->checkState(0) == Qt::Checked;
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        setEntryVisible(*m_grid.view(i), object, number, visible);
        m_grid.view(i)->refresh();
    }
    emit viewsChanged();
}

} // namespace hf::gui
