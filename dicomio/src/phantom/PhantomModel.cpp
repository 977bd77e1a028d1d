#include "hf/dicomio/PhantomModel.h"

#include <algorithm>
#include <array>
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

double petSuvFactor() { return kPetWeightKg * 1000 / (kPetInjectedDoseBq * std::pow(2.0, -kPetUptakeS / kPetHalfLifeS)); }

PhantomModel::PhantomModel(PhantomOptions o)
    : m_options(std::move(o))
{
    const bool ct = m_options.modality != "MR" && !m_options.pet();
    m_air = m_options.mammography() ? 0 : ct ? -1000 : 0;
    m_water = m_options.mammography() ? 1500 : ct ? 0 : m_options.pet() ? 5000 : 500;
    if (m_options.orientation != "axial" && m_options.orientation != "coronal" && m_options.orientation != "sagittal")
        throw std::invalid_argument("orientation must be axial, coronal or sagittal, not " + m_options.orientation);
    if (m_options.spacingTag != "pixel" && m_options.spacingTag != "imager" && m_options.spacingTag != "none")
        throw std::invalid_argument("spacing tag must be pixel, imager or none, not " + m_options.spacingTag);
    if (m_options.orientation != "axial" && m_options.tiltDegrees != 0)
        throw std::invalid_argument("gantry tilt applies to axial phantoms only");
    // The cylinder fits the volume's extent across x and y, whichever image axes those are.
    const double extentAlongSlices = m_options.slices * m_options.sliceSpacing;
    const double extentX = m_options.orientation == "sagittal" ? extentAlongSlices : m_options.columns * m_options.columnSpacing;
    const double extentY = m_options.orientation == "axial"     ? m_options.rows * m_options.rowSpacing
                           : m_options.orientation == "coronal" ? extentAlongSlices
                                                                : m_options.columns * m_options.columnSpacing;
    const double halfWidth = std::min(extentX, extentY) / 2;
    m_cylinderRadius = 0.8 * halfWidth;
    const double R = m_cylinderRadius;
    // Objects sit in the plane of the middle slice, so one axial image shows them all.
    m_objectZ = m_options.orientation == "axial" ? slicePosition(m_options.slices / 2).z : 0.0;
    const double r = 0.25 * R;
    // PET (Bq/mL): the spheres are lesions of three uptakes, 8, 4 and 2 times the background.
    const bool pet = m_options.pet();
    m_spheres = {
        {"bone", {0.45 * R, 0, m_objectZ}, r, pet ? 40000.0 : ct ? 1000.0 : 100.0},
        {"fat", {-0.45 * R, 0, m_objectZ}, r, pet ? 20000.0 : ct ? -100.0 : 1200.0},
        {"contrast", {0, -0.45 * R, m_objectZ}, r, pet ? 10000.0 : ct ? 300.0 : 800.0},
    };
    const double rodRadius = std::max(m_options.columnSpacing, m_options.rowSpacing);
    m_rod = {{-0.3 * R, 0.5 * R, m_objectZ}, {0.3 * R, 0.5 * R, m_objectZ}, rodRadius, pet ? 5000.0 : ct ? 2000.0 : 1500.0};
    const double zEnd = std::max({extentAlongSlices, m_options.rows * m_options.rowSpacing, m_options.columns * m_options.columnSpacing});
    m_spine = {{0, 0.72 * R, -zEnd}, {0, 0.72 * R, zEnd}, 0.1 * R, pet ? 8000.0 : ct ? 700.0 : 300.0};
    // Above the contrast sphere's top (objectZ + 0.25 R), rising 0.25 R over its half turn.
    m_tube.helixRadius = 0.5 * R;
    m_tube.pitch = 0.25 * R / kPi;
    m_tube.z0 = m_objectZ + 0.45 * R;
    m_tube.radius = 0.07 * R;
    m_tube.value = pet ? 15000.0 : ct ? 250.0 : 900.0;
}

Vec3 PhantomTube::centre(double t) const
{
    return {helixRadius * std::cos(t), helixRadius * std::sin(t), z0 + pitch * (t - kPi)};
}

double PhantomTube::length() const
{
    return std::hypot(helixRadius, pitch) * kPi;
}

std::vector<Vec3> PhantomTube::centreline(int count) const
{
    std::vector<Vec3> points;
    for (int n = 0; n < std::max(2, count); ++n)
        points.push_back(centre(kPi + kPi * n / (std::max(2, count) - 1)));
    return points;
}

double PhantomTube::distance(const Vec3& p) const
{
    // Coarse over the half turn, then finer around the best: the helix is smooth and the
    // tube thin, so the nearest point is found to well under a micrometre.
    double bestT = kPi, best = 1e300;
    for (int n = 0; n <= 128; ++n) {
        const double t = kPi + kPi * n / 128;
        if (const double d = (p - centre(t)).norm(); d < best)
            best = d, bestT = t;
    }
    double step = kPi / 128;
    for (int round = 0; round < 30; ++round) {
        for (const double t : {bestT - step, bestT + step}) {
            const double c = std::clamp(t, kPi, 2 * kPi);
            if (const double d = (p - centre(c)).norm(); d < best)
                best = d, bestT = c;
        }
        step /= 2;
    }
    return best;
}

const PhantomSphere& PhantomModel::sphere(const std::string& name) const
{
    for (const auto& s : m_spheres)
        if (s.name == name)
            return s;
    throw std::out_of_range("no phantom sphere named " + name);
}

Vec3 PhantomModel::rowDirection() const
{
    return m_options.orientation == "sagittal" ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
}

Vec3 PhantomModel::columnDirection() const
{
    if (m_options.orientation != "axial")
        return {0, 0, -1};  // head at the top of coronal and sagittal images
    // Gantry tilt rotates the image plane about the patient's left-right axis.
    const double t = m_options.tiltDegrees * kPi / 180.0;
    return {0, std::cos(t), -std::sin(t)};
}

Vec3 PhantomModel::stackDirection() const
{
    // Axial: the table moves along z whatever the tilt; otherwise along the image normal.
    return m_options.orientation == "axial" ? Vec3{0, 0, 1} : rowDirection().cross(columnDirection());
}

Vec3 PhantomModel::slicePosition(int k) const
{
    const auto& o = m_options;
    const Vec3 centre = stackDirection() * ((k - (o.slices - 1) / 2.0) * o.sliceSpacing);
    return centre - rowDirection() * ((o.columns - 1) * o.columnSpacing / 2)
           - columnDirection() * ((o.rows - 1) * o.rowSpacing / 2);
}

Vec3 PhantomModel::voxelPosition(int i, int j, int k) const
{
    return slicePosition(k) + rowDirection() * (i * m_options.columnSpacing) + columnDirection() * (j * m_options.rowSpacing);
}

namespace {

// R = Rz * Ry * Rx for angles in degrees; rows.
std::array<Vec3, 3> rotation(const Vec3& degrees)
{
    const double k = 3.14159265358979323846 / 180;
    const double cx = std::cos(degrees.x * k), sx = std::sin(degrees.x * k), cy = std::cos(degrees.y * k), sy = std::sin(degrees.y * k);
    const double cz = std::cos(degrees.z * k), sz = std::sin(degrees.z * k);
    return {Vec3{cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx}, Vec3{sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx},
            Vec3{-sy, cy * sx, cy * cx}};
}

} // namespace

Vec3 PhantomModel::movedPoint(const Vec3& p) const
{
    const auto r = rotation(m_options.rotateDegrees);
    return Vec3{r[0].dot(p), r[1].dot(p), r[2].dot(p)} + m_options.translate;
}

double PhantomModel::valueAt(const Vec3& moved) const
{
    // A moved phantom: the value the unmoved one has where this point came from (R^T (p - t)).
    Vec3 p = moved;
    if (m_options.translate.norm() > 0 || m_options.rotateDegrees.norm() > 0) {
        const auto r = rotation(m_options.rotateDegrees);
        const Vec3 d = moved - m_options.translate;
        p = r[0] * d.x + r[1] * d.y + r[2] * d.z;
    }
    if (m_options.mammography()) {  // the half disc against the chest wall (the last column)
        const double wallX = (m_options.columns - 0.5) * m_options.columnSpacing + slicePosition(0).x;
        const double centreY = slicePosition(0).y + (m_options.rows - 1) * m_options.rowSpacing / 2;
        return std::hypot(p.x - wallX, p.y - centreY) <= m_cylinderRadius ? m_water : m_air;
    }
    if (m_options.tube && std::abs(std::hypot(p.x, p.y) - m_tube.helixRadius) <= m_tube.radius + 1e-9 &&
        p.z >= m_tube.z0 - m_tube.radius && p.z <= m_tube.z0 + m_tube.pitch * kPi + m_tube.radius && m_tube.distance(p) <= m_tube.radius)
        return m_tube.value;
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
