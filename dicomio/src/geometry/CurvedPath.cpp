#include "hf/dicomio/CurvedPath.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hf {
namespace {

constexpr int kSamplesPerSegment = 64;
constexpr size_t kMaxPoints = 10000;

Vec3 catmullRom(const Vec3& p0, const Vec3& p1, const Vec3& p2, const Vec3& p3, double t)
{
    const double t2 = t * t, t3 = t2 * t;
    return (p1 * 2.0 + (p2 - p0) * t + (p0 * 2.0 - p1 * 5.0 + p2 * 4.0 - p3) * t2 + (p1 * 3.0 - p0 - p2 * 3.0 + p3) * t3) * 0.5;
}

// A unit vector at right angles to `t`: the patient axis least along it, made perpendicular.
Vec3 anyPerpendicular(const Vec3& t)
{
    const Vec3 axis = std::abs(t.x) <= std::abs(t.y) && std::abs(t.x) <= std::abs(t.z) ? Vec3{1, 0, 0}
                      : std::abs(t.y) <= std::abs(t.z)                                  ? Vec3{0, 1, 0}
                                                                                        : Vec3{0, 0, 1};
    return (axis - t * axis.dot(t)).normalized();
}

} // namespace

CurvedPath::CurvedPath(std::vector<Vec3> points)
    : m_points(std::move(points))
{
    if (m_points.size() < 2)
        throw std::invalid_argument("a path needs at least 2 points, not " + std::to_string(m_points.size()));
    if (m_points.size() > kMaxPoints)
        throw std::invalid_argument("a path has at most " + std::to_string(kMaxPoints) + " points, not " + std::to_string(m_points.size()));
    for (const Vec3& p : m_points)
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z) || p.norm() > 1e6)
            throw std::invalid_argument("a path point is not a finite position in patient space");
    // Repeated points (a double click) add nothing to the curve.
    m_points.erase(std::unique(m_points.begin(), m_points.end(), [](const Vec3& a, const Vec3& b) { return (a - b).norm() < 1e-9; }),
                   m_points.end());
    if (m_points.size() < 2)
        throw std::invalid_argument("a path has no length: its points coincide");
    const size_t n = m_points.size();
    auto point = [&](long i) { return m_points[size_t(std::clamp(i, 0L, long(n) - 1))]; };
    for (size_t i = 0; i + 1 < n; ++i)
        for (int k = 0; k < kSamplesPerSegment; ++k)
            m_dense.push_back(catmullRom(point(long(i) - 1), point(long(i)), point(long(i) + 1), point(long(i) + 2), double(k) / kSamplesPerSegment));
    m_dense.push_back(m_points.back());
    m_arc.assign(m_dense.size(), 0.0);
    for (size_t i = 1; i < m_dense.size(); ++i)
        m_arc[i] = m_arc[i - 1] + (m_dense[i] - m_dense[i - 1]).norm();
    // Parallel transport: each normal is the previous one with its part along the new tangent removed.
    m_denseNormal.resize(m_dense.size());
    for (size_t i = 0; i < m_dense.size(); ++i) {
        const Vec3 t = (m_dense[std::min(i + 1, m_dense.size() - 1)] - m_dense[i > 0 ? i - 1 : 0]).normalized();
        const Vec3 previous = i > 0 ? m_denseNormal[i - 1] : anyPerpendicular(t);
        Vec3 normal = previous - t * previous.dot(t);
        m_denseNormal[i] = normal.norm() > 1e-6 ? normal.normalized() : anyPerpendicular(t);
    }
}

CurvedPath::Station CurvedPath::at(double arcLength, double degrees) const
{
    const double s = std::clamp(arcLength, 0.0, length());
    const size_t upper = size_t(std::upper_bound(m_arc.begin(), m_arc.end(), s) - m_arc.begin());
    const size_t i = std::min(upper == 0 ? 0 : upper - 1, m_dense.size() - 2);
    const double span = m_arc[i + 1] - m_arc[i];
    const double f = span > 0 ? std::clamp((s - m_arc[i]) / span, 0.0, 1.0) : 0.0;
    Station station;
    station.arcLength = s;
    station.position = m_dense[i] + (m_dense[i + 1] - m_dense[i]) * f;
    station.tangent = (m_dense[i + 1] - m_dense[i]).normalized();
    Vec3 normal = m_denseNormal[i] + (m_denseNormal[i + 1] - m_denseNormal[i]) * f;
    normal = (normal - station.tangent * normal.dot(station.tangent)).normalized();
    if (normal.norm() < 0.5)
        normal = anyPerpendicular(station.tangent);
    const Vec3 binormal = station.tangent.cross(normal);
    const double a = degrees * 3.14159265358979323846 / 180;
    station.normal = normal * std::cos(a) + binormal * std::sin(a);
    station.binormal = station.tangent.cross(station.normal);
    return station;
}

} // namespace hf
