#include "hf/viewer/SliceAnnotationCanvas.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/AnnotationOnPlane.h"

namespace hf {

bool SliceAnnotationCanvas::ready() const { return m_scene.volume() != nullptr; }

SlicePlane SliceAnnotationCanvas::plane() const { return m_scene.plane(); }

std::optional<DrawnAnnotation> SliceAnnotationCanvas::drawn(const ViewAnnotation& a, const std::vector<Vec3>& points) const
{
    const Volume* volume = m_scene.volume();
    if (!volume)
        return std::nullopt;
    // Its own image, or near it: within half the slice thickness of this plane.
    const bool onItsSlice = !a.annotation.plane && a.slice >= 0 && a.slice == m_scene.slice();
    const StackGeometry& g = volume->geometry();
    return annotationOnPlane(a.annotation, points, m_scene.plane(), volume->sliceThickness > 0 ? volume->sliceThickness / 2 : 0, onItsSlice,
                             g.rowDirection, g.columnDirection);
}

Vec3 SliceAnnotationCanvas::patientPosition(double x, double y) const { return m_scene.patientPosition(x, y); }

std::array<double, 2> SliceAnnotationCanvas::viewPosition(const Vec3& lps) const { return m_scene.viewPosition(lps); }

void SliceAnnotationCanvas::setShapes(std::vector<OverlayShape> shapes) { m_scene.setShapes(std::move(shapes)); }

} // namespace hf
