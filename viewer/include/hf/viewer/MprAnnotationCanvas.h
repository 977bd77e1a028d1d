#pragma once
// One MPR plane (axial, coronal, sagittal, oblique, a slab) as a place to draw annotations: the
// annotations drawn on this plane (within half a voxel, or half the slab), the acquired images'
// ones lying in it, and where others cross it. Drawn ones keep the plane (planeNow). Spheres
// are left to MprObjectDisplay, which outlines them on every plane. GUI thread.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/AnnotationCanvas.h"

namespace hf {

class MprAnnotationCanvas : public AnnotationCanvas {
public:
    MprAnnotationCanvas(MprScene& scene, MprPlane plane) : m_scene(scene), m_plane(plane) {}
    bool ready() const override;
    SlicePlane plane() const override;
    std::optional<DrawnAnnotation> drawn(const ViewAnnotation& annotation, const std::vector<Vec3>& points) const override;
    Vec3 patientPosition(double x, double y) const override;
    std::array<double, 2> viewPosition(const Vec3& lps) const override;
    void setShapes(std::vector<OverlayShape> shapes) override;
    // The plane as an annotation keeps it: through the crosshair, along the view's axes (right,
    // down), with the scene's slab.
    AnnotationPlane planeNow() const;

private:
    MprScene& m_scene;
    MprPlane m_plane;
};

} // namespace hf
