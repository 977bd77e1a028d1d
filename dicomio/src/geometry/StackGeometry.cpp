#include "hf/dicomio/StackGeometry.h"

namespace hf {

std::array<double, 16> StackGeometry::ijkToLps() const
{
    const Vec3 i = rowDirection * columnSpacing, j = columnDirection * rowSpacing, k = sliceStep;
    return {i.x, j.x, k.x, origin.x,
            i.y, j.y, k.y, origin.y,
            i.z, j.z, k.z, origin.z,
            0, 0, 0, 1};
}

Vec3 StackGeometry::toIndex(const Vec3& lps) const
{
    const Vec3 a = rowDirection * columnSpacing, b = columnDirection * rowSpacing, c = sliceStep;
    const Vec3 d = lps - origin;
    const double det = a.dot(b.cross(c));
    if (det == 0)
        return {};
    return {d.dot(b.cross(c)) / det, a.dot(d.cross(c)) / det, a.dot(b.cross(d)) / det};
}

} // namespace hf
