#include "hf/viewer/MprObjectDisplay.h"

#include "hf/annotations/Geometry.h"
#include "hf/dicomio/Volume.h"

namespace hf {

MprObjectDisplay::MprObjectDisplay(MprScene& scene)
    : m_scene(scene)
{
}

void MprObjectDisplay::takeFrom(const StructureDisplay& structures, const SegmentationDisplay& segmentations, const FusionDisplay& fusion)
{
    m_fused = fusion.overlay();
    m_fusionLook = fusion.look();
    m_toFused = fusion.registration();
    m_sets = structures.structureSets();
    m_hiddenRois = structures.hidden();
    m_segmentations = segmentations.segmentations();
    m_hiddenSegments = segmentations.hidden();
    m_opacity = segmentations.opacity();
    refresh();
}

void MprObjectDisplay::clear()
{
    m_sets.clear();
    m_segmentations.clear();
    m_fused.reset();
    refresh();
}

void MprObjectDisplay::setSpheres(std::vector<Sphere> spheres)
{
    m_spheres = std::move(spheres);
    refresh();
}

void MprObjectDisplay::setPreview(std::optional<Sphere> preview)
{
    m_preview = std::move(preview);
    refresh();
}

std::optional<std::string> MprObjectDisplay::fusedValueAt(const Vec3& lps) const
{
    const Volume* volume = m_scene.volume();
    if (!m_fused || !volume || !m_drawn[0].fused)
        return std::nullopt;
    const bool sameFrame = m_fused->frameOfReferenceUid == volume->frameOfReferenceUid;
    return fusedValueText(*m_fused, sameFrame || !m_toFused ? lps : m_toFused->apply(lps));
}

void MprObjectDisplay::refresh()
{
    const Volume* volume = m_scene.volume();
    const auto sameFrame = [volume](const std::string& uid) { return volume && !uid.empty() && uid == volume->frameOfReferenceUid; };
    std::vector<std::shared_ptr<const StructureSet>> sets;
    for (const auto& set : m_sets)
        if (sameFrame(set->frameOfReferenceUid))
            sets.push_back(set);
    std::vector<std::shared_ptr<const Segmentation>> segmentations;
    for (const auto& seg : m_segmentations)
        if (sameFrame(seg->frameOfReferenceUid))
            segmentations.push_back(seg);
    // A contour parallel to a plane counts as in it within half the volume's slice spacing.
    const double halfThickness = volume && volume->geometry().sliceSpacing > 0 ? volume->geometry().sliceSpacing / 2 : 0.5;
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        Drawn& drawn = m_drawn[size_t(p)];
        drawn = {};
        if (!volume) {
            m_scene.setContourShapes(p, {});
            m_scene.setLabelLayer(p, FusionDisplay::kLayer, {});
            m_scene.setLabelLayer(p, 0, {});
            continue;
        }
        const SlicePlane plane = m_scene.screenPlane(p);
        std::vector<OverlayShape> outlines = StructureDisplay::outlines(sets, m_hiddenRois, plane, halfThickness, drawn.rois);
        std::vector<Sphere> spheres = m_spheres;
        if (m_preview)
            spheres.push_back(*m_preview);
        for (const Sphere& sphere : spheres)
            if (const auto cut = sphereCut(sphere.centre, sphere.surface, plane.origin, plane.rowDirection, plane.columnDirection)) {
                outlines.push_back({sphere.id, OverlayShape::Type::Ellipse, {(*cut)[0], (*cut)[1]}, sphere.label, sphere.id.empty(), std::nullopt});
                if (!sphere.id.empty())
                    drawn.spheres.push_back(sphere.id);
            }
        m_scene.setContourShapes(p, std::move(outlines));
        const bool fusedHere = m_fused && sameFrame(m_fused->frameOfReferenceUid);
        drawn.fused = m_fused && (fusedHere || m_toFused);  // another frame: through its registration
        m_scene.setLabelLayer(p, FusionDisplay::kLayer,
                              drawn.fused ? fusionLayer(*m_fused, fusedHere ? plane : movedPlane(plane, *m_toFused), m_fusionLook)
                                          : std::vector<std::uint8_t>{});
        m_scene.setLabelLayer(p, 0, SegmentationDisplay::layer(segmentations, m_hiddenSegments, plane, halfThickness, m_opacity, drawn.segments));
    }
}

} // namespace hf
