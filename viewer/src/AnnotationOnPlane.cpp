#include "hf/viewer/AnnotationOnPlane.h"

#include "hf/annotations/Geometry.h"

#include <cmath>

namespace hf {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The annotation's outline in patient space as segments (pairs of points).
std::vector<std::pair<Vec3, Vec3>> outlineSegments(const Annotation& a, const std::vector<Vec3>& p, const Vec3& imageRow, const Vec3& imageColumn)
{
    std::vector<std::pair<Vec3, Vec3>> segments;
    auto chain = [&](const std::vector<Vec3>& q, bool closed) {
        for (size_t n = 0; n + 1 < q.size() + (closed && q.size() > 2 ? 1 : 0); ++n)
            segments.emplace_back(q[n], q[(n + 1) % q.size()]);
    };
    switch (a.kind) {
    case AnnotationKind::Length:
    case AnnotationKind::Arrow:
    case AnnotationKind::Angle:
    case AnnotationKind::Path: chain(p, false); break;
    case AnnotationKind::CobbAngle:
        if (p.size() == 4)
            segments = {{p[0], p[1]}, {p[2], p[3]}};
        break;
    case AnnotationKind::Polygon:
    case AnnotationKind::Freehand: chain(p, true); break;
    case AnnotationKind::Ellipse:
    case AnnotationKind::Rectangle: {
        // Its box runs along its plane's axes, or its image's.
        if (p.size() != 2)
            break;
        const Vec3 r = a.plane ? a.plane->row : imageRow, c = a.plane ? a.plane->column : imageColumn, d = p[1] - p[0];
        const double w = d.dot(r), h = d.dot(c);
        std::vector<Vec3> ring;
        if (a.kind == AnnotationKind::Rectangle) {
            ring = {p[0], p[0] + r * w, p[1], p[0] + c * h};
        } else {
            const Vec3 centre = (p[0] + p[1]) * 0.5;
            for (int n = 0; n < 48; ++n) {
                const double t = 2 * kPi * n / 48;
                ring.push_back(centre + r * (w / 2 * std::cos(t)) + c * (h / 2 * std::sin(t)));
            }
        }
        chain(ring, true);
        break;
    }
    case AnnotationKind::Point:
    case AnnotationKind::Text:
    case AnnotationKind::Sphere: break;
    }
    return segments;
}

} // namespace

std::optional<DrawnAnnotation> annotationOnPlane(const Annotation& a, const std::vector<Vec3>& points, const SlicePlane& plane,
                                                 double halfThickness, bool onItsSlice, const Vec3& imageRow, const Vec3& imageColumn)
{
    if (a.deleted || points.empty())
        return std::nullopt;
    if (a.kind == AnnotationKind::Sphere) {  // a volume of interest: on every plane it cuts
        if (points.size() != 2)
            return std::nullopt;
        const auto cut = sphereCut(points[0], points[1], plane.origin, plane.rowDirection, plane.columnDirection);
        if (!cut)
            return std::nullopt;
        return DrawnAnnotation{{(*cut)[0], (*cut)[1]}, false};
    }
    const Vec3 normal = plane.rowDirection.cross(plane.columnDirection).normalized();
    auto distance = [&](const Vec3& p) { return (p - plane.origin).dot(normal); };
    bool inPlane = onItsSlice;
    if (!inPlane) {
        // Every point near the plane; a box (ellipse, rectangle) also parallel to it, since its
        // corners alone do not say where its sides run.
        const bool box = a.kind == AnnotationKind::Ellipse || a.kind == AnnotationKind::Rectangle;
        const Vec3 own = a.plane ? a.plane->normal() : imageRow.cross(imageColumn).normalized();
        const bool parallel = std::abs(own.dot(normal)) > std::cos(0.5 * kPi / 180);
        inPlane = parallel || !box;
        for (const Vec3& p : points)
            inPlane = inPlane && std::abs(distance(p)) <= halfThickness;
    }
    if (inPlane)
        return DrawnAnnotation{points, false};
    DrawnAnnotation cut{{}, true};
    for (const auto& [p, q] : outlineSegments(a, points, imageRow, imageColumn)) {
        const double dp = distance(p), dq = distance(q);
        if ((dp < 0) == (dq < 0) || dp == dq)
            continue;
        cut.points.push_back(p + (q - p) * (dp / (dp - dq)));
    }
    if (cut.points.empty())
        return std::nullopt;
    return cut;
}

} // namespace hf
