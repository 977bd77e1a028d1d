#include "hf/viewer/StructureDisplay.h"

#include "hf/dicomio/StructureSlicing.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <map>

namespace hf {

StructureDisplay::StructureDisplay(SliceScene& scene)
    : m_scene(scene)
{
}

void StructureDisplay::setStructureSets(std::vector<std::shared_ptr<const StructureSet>> sets)
{
    m_sets = std::move(sets);
    refresh();
}

bool StructureDisplay::drawable(const StructureSet& set) const
{
    const Volume* volume = m_scene.volume();
    return volume && !set.frameOfReferenceUid.empty() && set.frameOfReferenceUid == volume->frameOfReferenceUid;
}

void StructureDisplay::setVisible(const std::string& setSopInstanceUid, int roiNumber, bool visible)
{
    if (visible)
        m_hidden.erase({setSopInstanceUid, roiNumber});
    else
        m_hidden.insert({setSopInstanceUid, roiNumber});
    refresh();
}

bool StructureDisplay::isVisible(const std::string& setSopInstanceUid, int roiNumber) const
{
    return !m_hidden.count({setSopInstanceUid, roiNumber});
}

void StructureDisplay::refresh()
{
    m_drawn.clear();
    const Volume* volume = m_scene.volume();
    if (!volume) {
        m_scene.setContourShapes("rtstruct", {});
        return;
    }
    const StackGeometry& g = volume->geometry();
    // A contour belongs to the slice whose thickness it lies in.
    const double halfThickness = (g.sliceSpacing > 0 ? g.sliceSpacing : 1.0) / 2;
    std::vector<std::shared_ptr<const StructureSet>> drawable;
    for (const auto& set : m_sets)
        if (this->drawable(*set))
            drawable.push_back(set);
    auto shapes = outlines(drawable, m_hidden, m_scene.plane(), halfThickness, m_drawn);
    m_scene.setContourShapes("rtstruct", std::move(shapes));
}

std::vector<OverlayShape> StructureDisplay::outlines(const std::vector<std::shared_ptr<const StructureSet>>& sets, const Hidden& hidden,
                                                     const SlicePlane& plane, double halfThickness, std::vector<Drawn>& drawn)
{
    std::vector<OverlayShape> shapes;
    for (const auto& set : sets) {
        std::map<int, const StructureRoi*> rois;
        for (const StructureRoi& roi : set->rois)
            if (!hidden.count({set->sopInstanceUid, roi.number}))
                rois[roi.number] = &roi;
        std::map<int, size_t> drawnIndex;  // ROI number -> its entry in drawn
        for (StructureCut& cut : cutStructures(*set, plane, halfThickness)) {
            const auto roi = rois.find(cut.roiNumber);
            if (roi == rois.end())
                continue;
            OverlayShape shape;
            shape.id = "rtstruct:" + set->sopInstanceUid + ":" + std::to_string(cut.roiNumber);
            shape.type = cut.shape == StructureCut::Shape::Closed ? OverlayShape::Type::ClosedPolyline
                         : cut.shape == StructureCut::Shape::Open ? OverlayShape::Type::Polyline
                                                                  : OverlayShape::Type::Marker;
            shape.colour = roi->second->colour;
            auto entry = drawnIndex.find(cut.roiNumber);
            if (entry == drawnIndex.end()) {
                shape.label = roi->second->name;  // once per ROI and plane
                entry = drawnIndex.emplace(cut.roiNumber, drawn.size()).first;
                drawn.push_back({set->sopInstanceUid, roi->second->name, cut.roiNumber, roi->second->colour, 0, cut.points});
            }
            ++drawn[entry->second].shapes;
            shape.points = std::move(cut.points);
            shapes.push_back(std::move(shape));
        }
    }
    return shapes;
}

} // namespace hf
