#pragma once
// Measurement maths in patient space (LPS mm): the numbers that go into reports. Pure functions.
#include "hf/dicomio/Vec3.h"

namespace hf {

// Distance between two points in mm.
double lengthMm(const Vec3& a, const Vec3& b);
// Angle at `vertex` between the rays to a and b, in degrees (0..180); 0 when a ray has no length.
double angleDegrees(const Vec3& a, const Vec3& vertex, const Vec3& b);

} // namespace hf
