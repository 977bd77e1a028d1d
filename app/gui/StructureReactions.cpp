#include "StructureReactions.h"

#include "hf/dicomio/StructureSet.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StructureDisplay.h"
#include "hf/viewer/ViewportGrid.h"

#include <QTreeWidget>

namespace hf::gui {
namespace {

QTreeWidget* newList()
{
    auto* list = new QTreeWidget;
    list->setObjectName("structure-list");
    return list;
}

} // namespace

StructureReactions::StructureReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading,
                                       StatusPanel& status)
    : StudyObjectDock(window, cache, grid, loading, status, tr("Structures"), "structures", newList())
{
}

void StructureReactions::request(const QString& studyUid)
{
    m_cache.structureSets(m_replyTo, studyUid, [this, studyUid](CacheTasks::StructureSets sets, QStringList errors) {
        if (studyUid == m_studyUid)
            m_sets = std::move(sets);
        received(studyUid, errors, tr("RT structure set not shown: "));
    });
}

void StructureReactions::give(SliceViewport& view, bool ofStudy)
{
    view.structures().setStructureSets(ofStudy ? m_sets : CacheTasks::StructureSets{});
}

void StructureReactions::setEntryVisible(SliceViewport& view, const std::string& setUid, int roi, bool visible)
{
    view.structures().setVisible(setUid, roi, visible);
}

void StructureReactions::list()
{
    for (const auto& set : m_sets) {
        QString title = QString::fromStdString(set->label.empty() ? "RT Structure Set" : set->label);
        if (!set->manufacturer.empty())
            title += " (" + QString::fromStdString(set->manufacturer) + ")";
        if (!drawnSomewhere([&](const SliceViewport& v) { return v.structures().drawable(*set); }))
            title += tr(" - other Frame of Reference than the images: not drawn");
        if (!set->warnings.empty())
            title += tr(" - %1 warning(s)").arg(set->warnings.size());
        QTreeWidgetItem* row = addObjectRow(title, QString::fromStdString(set->path)
                                                       + (set->warnings.empty() ? QString() : "\n" + QString::fromStdString(set->warnings.front())));
        for (const StructureRoi& roi : set->rois) {
            QString text = QString::fromStdString(roi.name);
            if (!roi.interpretedType.empty())
                text += " (" + QString::fromStdString(roi.interpretedType) + ")";
            const bool visible = m_grid.viewCount() == 0 || m_grid.view(0)->structures().isVisible(set->sopInstanceUid, roi.number);
            addEntryRow(*row, text, roi.colour, set->sopInstanceUid, roi.number, visible);
        }
    }
}

} // namespace hf::gui
