#include "SegmentationReactions.h"

#include "hf/dicomio/Segmentation.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QLabel>
#include <QMainWindow>
#include <QSlider>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hf::gui {
namespace {

// The list under an opacity slider.
QWidget* newPanel()
{
    auto* list = new QTreeWidget;
    list->setObjectName("segment-list");
    auto* opacity = new QSlider(Qt::Horizontal);
    opacity->setObjectName("segment-opacity");
    opacity->setRange(0, 100);
    opacity->setValue(50);
    opacity->setToolTip(QObject::tr("Opacity of the segments over the images"));
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(new QLabel(QObject::tr("Opacity")));
    layout->addWidget(opacity);
    layout->addWidget(list, 1);
    return panel;
}

} // namespace

SegmentationReactions::SegmentationReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading,
                                             StatusPanel& status)
    : StudyObjectDock(window, cache, grid, loading, status, tr("Segments"), "segments", newPanel())
{
    m_opacity = window.findChild<QSlider*>("segment-opacity");
    connect(m_opacity, &QSlider::valueChanged, this, &SegmentationReactions::setOpacity);
}

void SegmentationReactions::request(const QString& studyUid)
{
    m_cache.segmentations(m_replyTo, studyUid, [this, studyUid](CacheTasks::Segmentations segs, QStringList errors) {
        if (studyUid == m_studyUid)
            m_segmentations = std::move(segs);
        received(studyUid, errors, tr("Segmentation not shown: "));
    });
}

void SegmentationReactions::give(SliceViewport& view, bool ofStudy)
{
    view.segmentations().setSegmentations(ofStudy ? m_segmentations : CacheTasks::Segmentations{});
}

void SegmentationReactions::setEntryVisible(SliceViewport& view, const std::string& segUid, int segment, bool visible)
{
    view.segmentations().setVisible(segUid, segment, visible);
}

void SegmentationReactions::list()
{
    for (const auto& seg : m_segmentations) {
        QString title = QString::fromStdString(seg->seriesDescription.empty() ? "Segmentation" : seg->seriesDescription);
        if (!seg->manufacturer.empty())
            title += " (" + QString::fromStdString(seg->manufacturer) + ")";
        if (seg->fractional)
            title += tr(", fractional");
        if (!drawnSomewhere([&](const SliceViewport& v) { return v.segmentations().drawable(*seg); }))
            title += tr(" - other Frame of Reference than the images: not drawn");
        QTreeWidgetItem* row = addObjectRow(title, QString::fromStdString(seg->path));
        const auto volumes = segmentVolumesMl(*seg);
        for (const SegmentInfo& segment : seg->segments) {
            const double ml = volumes.at(segment.number);
            QString text = QString::fromStdString(segment.label.empty() ? "Segment " + std::to_string(segment.number) : segment.label);
            text += QString("  %1 mL").arg(ml, 0, 'f', ml < 10 ? 2 : 1);
            const bool visible = m_grid.viewCount() == 0 || m_grid.view(0)->segmentations().isVisible(seg->sopInstanceUid, segment.number);
            addEntryRow(*row, text, segment.colour, seg->sopInstanceUid, segment.number, visible)->setToolTip(0, QString::fromStdString(segment.propertyType));
        }
    }
}

void SegmentationReactions::setOpacity(int percent)
{
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        m_grid.view(i)->segmentations().setOpacity(percent / 100.0);
        m_grid.view(i)->refresh();
    }
    emit viewsChanged();
}

} // namespace hf::gui
