#include "hf/dicomio/PhantomModel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hf {
namespace {
constexpr double kPi = 3.14159265358979323846;

double distanceToSegment(const Vec3& p, const Vec3& a, const Vec3& b)
{
    const Vec3 ab = b - a;
    const double t = std::clamp((p - a).dot(ab) / ab.dot(ab), 0.0, 1.0);
    return (p - (a + ab * t)).norm();
}
} // namespace

PhantomModel::PhantomModel(PhantomOptions o)
    : m_options(std::move(o))
{
    const bool ct = m_options.modality != "MR";
    m_air = ct ? -1000 : 0;
    m_water = ct ? 0 : 500;
    const double halfWidth = std::min(m_options.columns * m_options.columnSpacing, m_options.rows * m_options.rowSpacing) / 2;
    m_cylinderRadius = 0.8 * halfWidth;
    const double R = m_cylinderRadius;
    // Objects sit in the plane of the middle slice, so one axial image shows them all.
    m_objectZ = slicePosition(m_options.slices / 2).z;
    const double r = 0.25 * R;
    m_spheres = {
        {"bone", {0.45 * R, 0, m_objectZ}, r, ct ? 1000.0 : 100.0},
        {"fat", {-0.45 * R, 0, m_objectZ}, r, ct ? -100.0 : 1200.0},
        {"contrast", {0, -0.45 * R, m_objectZ}, r, ct ? 300.0 : 800.0},
    };
    const double rodRadius = std::max(m_options.columnSpacing, m_options.rowSpacing);
    m_rod = {{-0.3 * R, 0.5 * R, m_objectZ}, {0.3 * R, 0.5 * R, m_objectZ}, rodRadius, ct ? 2000.0 : 1500.0};
    const double zEnd = m_options.slices * m_options.sliceSpacing;
    m_spine = {{0, 0.72 * R, -zEnd}, {0, 0.72 * R, zEnd}, 0.1 * R, ct ? 700.0 : 300.0};
}

const PhantomSphere& PhantomModel::sphere(const std::string& name) const
{
    for (const auto& s : m_spheres)
        if (s.name == name)
            return s;
    throw std::out_of_range("no phantom sphere named " + name);
}

Vec3 PhantomModel::columnDirection() const
{
    // Gantry tilt rotates the image plane about the patient's left-right axis.
    const double t = m_options.tiltDegrees * kPi / 180.0;
    return {0, std::cos(t), -std::sin(t)};
}

Vec3 PhantomModel::slicePosition(int k) const
{
    const auto& o = m_options;
    const Vec3 centre{0, 0, (k - (o.slices - 1) / 2.0) * o.sliceSpacing};
    return centre - rowDirection() * ((o.columns - 1) * o.columnSpacing / 2)
           - columnDirection() * ((o.rows - 1) * o.rowSpacing / 2);
}

Vec3 PhantomModel::voxelPosition(int i, int j, int k) const
{
    return slicePosition(k) + rowDirection() * (i * m_options.columnSpacing) + columnDirection() * (j * m_options.rowSpacing);
}

double PhantomModel::valueAt(const Vec3& p) const
{
    if (distanceToSegment(p, m_rod.from, m_rod.to) <= m_rod.radius)
        return m_rod.value;
    if (distanceToSegment(p, m_spine.from, m_spine.to) <= m_spine.radius)
        return m_spine.value;
    for (const auto& s : m_spheres)
        if ((p - s.center).norm() <= s.radius)
            return s.value;
    if (std::hypot(p.x, p.y) <= m_cylinderRadius)
        return m_water;
    return m_air;
}

} // namespace hf
