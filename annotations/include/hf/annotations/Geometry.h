#pragma once
// Measurement maths in patient space (LPS mm): the numbers that go into reports. Pure functions.
#include "hf/dicomio/Vec3.h"

#include <array>
#include <optional>

namespace hf {

// Distance between two points in mm.
double lengthMm(const Vec3& a, const Vec3& b);
// Angle at `vertex` between the rays to a and b, in degrees (0..180); 0 when a ray has no length.
double angleDegrees(const Vec3& a, const Vec3& vertex, const Vec3& b);
// Where a sphere (centre, a point on its surface) cuts a plane (a point of it and its in-plane
// unit axes): two opposite corners of the cut circle's box along those axes, or nothing when
// the plane misses it.
std::optional<std::array<Vec3, 2>> sphereCut(const Vec3& centre, const Vec3& surface, const Vec3& planePoint, const Vec3& right,
                                             const Vec3& down);

} // namespace hf
