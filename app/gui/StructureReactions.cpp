#include "StructureReactions.h"

#include "SeriesLoading.h"
#include "StatusPanel.h"

#include "hf/dicomio/StructureSet.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StructureDisplay.h"
#include "hf/viewer/ViewportGrid.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPixmap>
#include <QSignalBlocker>
#include <QTreeWidget>

namespace hf::gui {
namespace {

constexpr int kSetRole = Qt::UserRole + 1;  // the set's SOP Instance UID
constexpr int kRoiRole = Qt::UserRole + 2;  // the ROI's number

QIcon swatch(const std::array<std::uint8_t, 3>& colour)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(QColor(colour[0], colour[1], colour[2]));
    return QIcon(pixmap);
}

} // namespace

StructureReactions::StructureReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading,
                                       StatusPanel& status)
    : QObject(&window)
    , m_cache(cache)
    , m_grid(grid)
    , m_status(status)
    , m_dock(new QDockWidget(tr("Structures")))
    , m_list(new QTreeWidget)
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [this, &status](const QString& reason) {
        m_reading = false;
        status.say(reason);
    };
    m_list->setObjectName("structure-list");
    m_list->setHeaderHidden(true);
    m_dock->setObjectName("structures");
    m_dock->setWidget(m_list);
    window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->setVisible(false);  // shown once a study with structure sets is open
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) { roiToggled(item); });
    connect(&loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        const QString study = m_grid.view(view)->studyUid();
        if (study == m_studyUid)
            applyToViews();  // another series of the same study: it gets the sets too
        else
            followStudy(study);
    });
}

void StructureReactions::addViewActions(QMenu& view)
{
    view.addAction(m_dock->toggleViewAction());
}

void StructureReactions::followStudy(const QString& studyUid)
{
    m_studyUid = studyUid;
    m_sets.clear();
    applyToViews();
    fillList();
    if (studyUid.isEmpty())
        return;
    m_reading = true;
    m_cache.structureSets(m_replyTo, studyUid, [this, studyUid](CacheTasks::StructureSets sets, QStringList errors) {
        if (studyUid != m_studyUid)
            return;  // the reader moved on
        m_reading = false;
        m_sets = std::move(sets);
        applyToViews();
        fillList();
        if (!m_sets.empty())
            m_dock->setVisible(true);
        if (!errors.isEmpty())
            m_status.say(tr("RT structure set not shown: %1").arg(errors.join("; ")));
    });
}

void StructureReactions::applyToViews()
{
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        SliceViewport* view = m_grid.view(i);
        const bool ofStudy = !m_studyUid.isEmpty() && view->studyUid() == m_studyUid;
        view->structures().setStructureSets(ofStudy ? m_sets : CacheTasks::StructureSets{});
        view->refresh();
    }
}

void StructureReactions::fillList()
{
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    // Drawable where some view of the study shows images of the set's Frame of Reference.
    auto drawnSomewhere = [this](const StructureSet& set) {
        for (int i = 0; i < m_grid.viewCount(); ++i)
            if (m_grid.view(i)->studyUid() == m_studyUid && m_grid.view(i)->structures().drawable(set))
                return true;
        return false;
    };
    for (const auto& set : m_sets) {
        QString title = QString::fromStdString(set->label.empty() ? "RT Structure Set" : set->label);
        if (!set->manufacturer.empty())
            title += " (" + QString::fromStdString(set->manufacturer) + ")";
        if (!drawnSomewhere(*set))
            title += tr(" - other Frame of Reference than the images: not drawn");
        if (!set->warnings.empty())
            title += tr(" - %1 warning(s)").arg(set->warnings.size());
        auto* top = new QTreeWidgetItem(m_list, {title});
        top->setToolTip(0, QString::fromStdString(set->path) + (set->warnings.empty() ? QString() : "\n" + QString::fromStdString(set->warnings.front())));
        for (const StructureRoi& roi : set->rois) {
            QString text = QString::fromStdString(roi.name);
            if (!roi.interpretedType.empty())
                text += " (" + QString::fromStdString(roi.interpretedType) + ")";
            auto* item = new QTreeWidgetItem(top, {text});
            item->setIcon(0, swatch(roi.colour));
            item->setData(0, kSetRole, QString::fromStdString(set->sopInstanceUid));
            item->setData(0, kRoiRole, roi.number);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            const bool visible = m_grid.viewCount() == 0 || m_grid.view(0)->structures().isVisible(set->sopInstanceUid, roi.number);
            item->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
        }
        top->setExpanded(true);
    }
}

void StructureReactions::roiToggled(QTreeWidgetItem* item)
{
    if (!item->parent())
        return;
    const std::string set = item->data(0, kSetRole).toString().toStdString();
    const int roi = item->data(0, kRoiRole).toInt();
    const bool visible = item->checkState(0) == Qt::Checked;
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        m_grid.view(i)->structures().setVisible(set, roi, visible);
        m_grid.view(i)->refresh();
    }
}

} // namespace hf::gui
