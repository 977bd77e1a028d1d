#include "hf/annotations/Geometry.h"

#include <algorithm>
#include <cmath>

namespace hf {

double lengthMm(const Vec3& a, const Vec3& b)
{
    return (b - a).norm();
}

double angleDegrees(const Vec3& a, const Vec3& vertex, const Vec3& b)
{
    const Vec3 u = a - vertex, v = b - vertex;
    const double nu = u.norm(), nv = v.norm();
    if (nu == 0 || nv == 0)
        return 0;
    // atan2 of |u x v| and u.v stays accurate near 0 and 180 degrees, where acos does not.
    return std::atan2(u.cross(v).norm(), u.dot(v)) * 180.0 / 3.14159265358979323846;
}

std::optional<std::array<Vec3, 2>> sphereCut(const Vec3& centre, const Vec3& surface, const Vec3& planePoint, const Vec3& right,
                                             const Vec3& down)
{
    const double radius = (surface - centre).norm();
    const Vec3 normal = right.cross(down);
    const double n = normal.norm();
    if (n <= 0)
        return std::nullopt;
    const double distance = (centre - planePoint).dot(normal) / n;
    if (std::abs(distance) >= radius)
        return std::nullopt;
    const double cut = std::sqrt(radius * radius - distance * distance);
    const Vec3 onPlane = centre - normal * (distance / n);
    return std::array<Vec3, 2>{onPlane - right * cut - down * cut, onPlane + right * cut + down * cut};
}

} // namespace hf
