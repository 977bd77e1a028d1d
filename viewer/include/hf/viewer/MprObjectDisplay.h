#pragma once
// Other systems' objects on the MPR planes: RT structure contours cut by each plane (axial,
// coronal, sagittal and oblique ones) in their ROI colours, and segments sampled on each plane in
// their colours at the chosen opacity, and a fused series resampled onto each plane. It shows what a slice view of the same volume shows
// (same objects, same visibility), taken from that view. GUI thread.
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/StructureSet.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/FusionDisplay.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/StructureDisplay.h"

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hf {

class MprObjectDisplay {
public:
    explicit MprObjectDisplay(MprScene& scene);

    // The objects and their visibility, and the fused series, as that slice view has them.
    void takeFrom(const StructureDisplay& structures, const SegmentationDisplay& segmentations, const FusionDisplay& fusion);
    void clear();
    // Our own volumes of interest (sphere annotations) of the volume's series, outlined where
    // each plane cuts them with their labels; `preview`: one being drawn.
    struct Sphere {
        std::string id;
        Vec3 centre, surface;
        std::string label;
    };
    void setSpheres(std::vector<Sphere> spheres);
    void setPreview(std::optional<Sphere> preview);
    // The planes moved: cut and sample again.
    void refresh();

    // Per plane, what is drawn: per ROI its outlines, per segment the pixels it covers.
    struct Drawn {
        std::vector<StructureDisplay::Drawn> rois;
        std::vector<SegmentationDisplay::Drawn> segments;
        bool fused = false;  // the fused series is drawn on the plane
        std::vector<std::string> spheres;  // ids of the spheres the plane cuts
    };
    const std::shared_ptr<const Volume>& fusedOverlay() const { return m_fused; }
    const FusionLook& fusionLook() const { return m_fusionLook; }
    // The fused series' value at a point of the volume (through its registration when it is of
    // another frame), its units named; nothing where it is not drawn or has no value.
    std::optional<std::string> fusedValueAt(const Vec3& lps) const;
    const Drawn& drawn(MprPlane plane) const { return m_drawn[size_t(plane)]; }

private:
    MprScene& m_scene;
    std::vector<std::shared_ptr<const StructureSet>> m_sets;
    StructureDisplay::Hidden m_hiddenRois;
    std::vector<std::shared_ptr<const Segmentation>> m_segmentations;
    SegmentationDisplay::Hidden m_hiddenSegments;
    double m_opacity = 0.5;
    std::vector<Sphere> m_spheres;
    std::optional<Sphere> m_preview;
    std::shared_ptr<const Volume> m_fused;
    FusionLook m_fusionLook;
    std::optional<RigidTransform> m_toFused;
    std::array<Drawn, 3> m_drawn;
};

} // namespace hf
