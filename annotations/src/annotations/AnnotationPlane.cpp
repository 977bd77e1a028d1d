#include "hf/annotations/AnnotationPlane.h"

#include "hf/annotations/Annotation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace hf {

bool AnnotationPlane::shownIn(const AnnotationPlane& other, double tolerance) const
{
    const Vec3 n = normal(), m = other.normal();
    if (std::abs(n.dot(m)) < std::cos(0.5 * 3.14159265358979323846 / 180))
        return false;
    const double reach = std::max(tolerance, 0.5 * std::max(slabThickness, other.slabThickness));
    return std::abs((origin - other.origin).dot(m)) <= reach;
}

AnnotationPlane parsePlane(const std::string& text)
{
    const std::vector<Vec3> parts = parsePoints(text);
    if (parts.size() != 3)
        throw std::invalid_argument("a plane is ORIGIN;ROW;COLUMN (three x,y,z triples), not " + std::to_string(parts.size()) + " triples");
    for (const Vec3& v : parts)
        if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
            throw std::invalid_argument("the plane has a value that is not a finite number");
    if (parts[1].norm() < 1e-9 || parts[2].norm() < 1e-9)
        throw std::invalid_argument("the plane's row or column axis has no length");
    AnnotationPlane plane;
    plane.origin = parts[0];
    plane.row = parts[1].normalized();
    plane.column = parts[2].normalized();
    if (std::abs(plane.row.dot(plane.column)) > std::sin(3.14159265358979323846 / 180))
        throw std::invalid_argument("the plane's row and column axes are not at right angles");
    return plane;
}

std::string formatPlane(const AnnotationPlane& plane)
{
    return formatPoints({plane.origin, plane.row, plane.column});
}

void parseSlab(const std::string& text, AnnotationPlane& plane)
{
    std::istringstream in(text);
    std::string mode;
    double thickness = 0;
    if (!(in >> mode)) {
        plane.slabMode.clear();
        plane.slabThickness = 0;
        return;
    }
    std::string rest;
    if (mode != "mip" && mode != "minip" && mode != "average")
        throw std::invalid_argument("slab '" + text + "': the mode is mip, minip or average");
    if (!(in >> thickness) || (in >> rest) || !std::isfinite(thickness) || thickness <= 0 || thickness > 1000)
        throw std::invalid_argument("slab '" + text + "': the thickness is a number of millimetres, more than 0 and at most 1000");
    plane.slabMode = mode;
    plane.slabThickness = thickness;
}

std::string formatSlab(const AnnotationPlane& plane)
{
    if (!plane.slab())
        return {};
    char s[64];
    std::snprintf(s, sizeof s, "%s %.17g", plane.slabMode.c_str(), plane.slabThickness);
    return s;
}

} // namespace hf
