#pragma once
// A 2D slice view as a place to draw annotations: the annotations of the shown image (and
// those within half a slice thickness of it), and where annotations drawn on other planes cross
// it. GUI thread.
#include "hf/viewer/AnnotationCanvas.h"

namespace hf {

class SliceScene;

class SliceAnnotationCanvas : public AnnotationCanvas {
public:
    explicit SliceAnnotationCanvas(SliceScene& scene) : m_scene(scene) {}
    bool ready() const override;
    SlicePlane plane() const override;
    std::optional<DrawnAnnotation> drawn(const ViewAnnotation& annotation, const std::vector<Vec3>& points) const override;
    Vec3 patientPosition(double x, double y) const override;
    std::array<double, 2> viewPosition(const Vec3& lps) const override;
    void setShapes(std::vector<OverlayShape> shapes) override;

private:
    SliceScene& m_scene;
};

} // namespace hf
