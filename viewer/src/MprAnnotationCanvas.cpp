#include "hf/viewer/MprAnnotationCanvas.h"

#include "hf/annotations/PlaneSampling.h"
#include "hf/dicomio/Volume.h"
#include "hf/viewer/AnnotationOnPlane.h"

#include <algorithm>

namespace hf {

bool MprAnnotationCanvas::ready() const { return m_scene.volume() != nullptr; }

SlicePlane MprAnnotationCanvas::plane() const { return m_scene.screenPlane(m_plane); }

std::optional<DrawnAnnotation> MprAnnotationCanvas::drawn(const ViewAnnotation& a, const std::vector<Vec3>& points) const
{
    const Volume* volume = m_scene.volume();
    if (!volume || a.annotation.kind == AnnotationKind::Sphere)
        return std::nullopt;
    const double half = std::max(0.5 * planeSampleSpacing(*volume), m_scene.slabMode() != SlabMode::None ? m_scene.slabThickness() / 2 : 0.0);
    const StackGeometry& g = volume->geometry();
    return annotationOnPlane(a.annotation, points, plane(), half + 1e-6, false, g.rowDirection, g.columnDirection);
}

Vec3 MprAnnotationCanvas::patientPosition(double x, double y) const { return m_scene.patientPosition(m_plane, x, y); }

std::array<double, 2> MprAnnotationCanvas::viewPosition(const Vec3& lps) const { return m_scene.viewPosition(m_plane, lps); }

void MprAnnotationCanvas::setShapes(std::vector<OverlayShape> shapes) { m_scene.setAnnotationShapes(m_plane, std::move(shapes)); }

AnnotationPlane MprAnnotationCanvas::planeNow() const
{
    AnnotationPlane p;
    p.origin = m_scene.crosshair();
    p.row = m_scene.right(m_plane);
    p.column = m_scene.up(m_plane) * -1.0;
    switch (m_scene.slabMode()) {
    case SlabMode::Maximum: p.slabMode = "mip"; break;
    case SlabMode::Minimum: p.slabMode = "minip"; break;
    case SlabMode::Mean: p.slabMode = "average"; break;
    case SlabMode::None: break;
    }
    p.slabThickness = p.slabMode.empty() ? 0 : m_scene.slabThickness();
    return p;
}

} // namespace hf
