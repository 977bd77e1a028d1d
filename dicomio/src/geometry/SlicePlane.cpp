#include "hf/dicomio/SlicePlane.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf {
namespace {

// Narrows [t0, t1] to the part of the line p + t*d whose in-plane coordinates lie in the
// plane's rectangle (Liang-Barsky on two slabs). False when nothing is left.
bool clipToRectangle(const SlicePlane& plane, const Vec3& p, const Vec3& d, double& t0, double& t1)
{
    const double coordinate[2] = {plane.u(p), plane.v(p)};
    const double speed[2] = {d.dot(plane.rowDirection), d.dot(plane.columnDirection)};
    const double low[2] = {-0.5 * plane.columnSpacing, -0.5 * plane.rowSpacing};
    const double high[2] = {(plane.columns - 0.5) * plane.columnSpacing, (plane.rows - 0.5) * plane.rowSpacing};
    for (int axis = 0; axis < 2; ++axis) {
        if (std::abs(speed[axis]) < 1e-12) {
            if (coordinate[axis] < low[axis] || coordinate[axis] > high[axis])
                return false;
            continue;
        }
        double a = (low[axis] - coordinate[axis]) / speed[axis];
        double b = (high[axis] - coordinate[axis]) / speed[axis];
        if (a > b)
            std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
    }
    return t0 < t1;
}

} // namespace

SlicePlane SlicePlane::of(const StackGeometry& g, int slice)
{
    SlicePlane p;
    p.origin = g.toPatient(0, 0, slice);
    p.rowDirection = g.rowDirection.normalized();
    p.columnDirection = g.columnDirection.normalized();
    p.normal = p.rowDirection.cross(p.columnDirection).normalized();
    p.columnSpacing = g.columnSpacing;
    p.rowSpacing = g.rowSpacing;
    p.columns = g.columns;
    p.rows = g.rows;
    return p;
}

Vec3 SlicePlane::center() const
{
    return origin + rowDirection * ((columns - 1) * columnSpacing / 2) + columnDirection * ((rows - 1) * rowSpacing / 2);
}

std::optional<Segment> planeIntersection(const SlicePlane& shown, const SlicePlane& other)
{
    const Vec3 direction = shown.normal.cross(other.normal);
    const double sine = direction.norm();
    if (sine < 1e-6)
        return std::nullopt;
    // A point on both planes: solve n1.p = d1, n2.p = d2 with p in the span of n1 and n2.
    const double d1 = shown.normal.dot(shown.origin), d2 = other.normal.dot(other.origin);
    const double n12 = shown.normal.dot(other.normal);
    const double det = 1 - n12 * n12;
    const double c1 = (d1 - d2 * n12) / det, c2 = (d2 - d1 * n12) / det;
    const Vec3 point = shown.normal * c1 + other.normal * c2;
    const Vec3 d = direction * (1.0 / sine);
    double t0 = -std::numeric_limits<double>::infinity(), t1 = std::numeric_limits<double>::infinity();
    if (!clipToRectangle(shown, point, d, t0, t1) || !clipToRectangle(other, point, d, t0, t1))
        return std::nullopt;
    return Segment{point + d * t0, point + d * t1};
}

std::optional<int> nearestSlice(const StackGeometry& g, const Vec3& position)
{
    if (g.slices <= 0)
        return std::nullopt;
    // Along the normal (the slice step may be sheared by gantry tilt; its normal part is the spacing).
    const Vec3 normal = g.rowDirection.cross(g.columnDirection).normalized();
    const double step = g.sliceStep.dot(normal);
    if (std::abs(step) < 1e-9)
        return g.slices == 1 && std::abs((position - g.origin).dot(normal)) <= g.sliceSpacing / 2 ? std::optional<int>(0)
                                                                                                  : std::nullopt;
    const double k = (position - g.origin).dot(normal) / step;
    if (k < -0.5 || k > g.slices - 0.5)
        return std::nullopt;
    return std::clamp(int(std::lround(k)), 0, g.slices - 1);
}

bool parallelStacks(const StackGeometry& a, const StackGeometry& b, double degrees)
{
    const Vec3 na = a.rowDirection.cross(a.columnDirection).normalized();
    const Vec3 nb = b.rowDirection.cross(b.columnDirection).normalized();
    return std::abs(na.dot(nb)) >= std::cos(degrees * 3.14159265358979323846 / 180.0);
}

} // namespace hf
