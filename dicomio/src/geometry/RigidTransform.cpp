#include "hf/dicomio/RigidTransform.h"

#include <algorithm>
#include <cmath>

namespace hf {

Vec3 RigidTransform::apply(const Vec3& p) const
{
    const auto& r = rotation;
    return Vec3{r[0] * p.x + r[1] * p.y + r[2] * p.z, r[3] * p.x + r[4] * p.y + r[5] * p.z, r[6] * p.x + r[7] * p.y + r[8] * p.z} + translation;
}

RigidTransform RigidTransform::inverse() const
{
    RigidTransform out;
    const auto& r = rotation;
    out.rotation = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
    const Vec3 back = Vec3{out.rotation[0] * translation.x + out.rotation[1] * translation.y + out.rotation[2] * translation.z,
                           out.rotation[3] * translation.x + out.rotation[4] * translation.y + out.rotation[5] * translation.z,
                           out.rotation[6] * translation.x + out.rotation[7] * translation.y + out.rotation[8] * translation.z};
    out.translation = back * -1.0;
    return out;
}

RigidTransform RigidTransform::then(const RigidTransform& next) const
{
    RigidTransform out;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            double sum = 0;
            for (int k = 0; k < 3; ++k)
                sum += next.rotation[size_t(r * 3 + k)] * rotation[size_t(k * 3 + c)];
            out.rotation[size_t(r * 3 + c)] = sum;
        }
    out.translation = next.apply(translation);
    return out;
}

double RigidTransform::angleDegrees() const
{
    const double trace = rotation[0] + rotation[4] + rotation[8];
    return std::acos(std::clamp((trace - 1) / 2, -1.0, 1.0)) * 180 / 3.14159265358979323846;
}

RigidTransform RigidTransform::fromEuler(const Vec3& degrees, const Vec3& translation)
{
    const double k = 3.14159265358979323846 / 180;
    const double cx = std::cos(degrees.x * k), sx = std::sin(degrees.x * k), cy = std::cos(degrees.y * k), sy = std::sin(degrees.y * k);
    const double cz = std::cos(degrees.z * k), sz = std::sin(degrees.z * k);
    RigidTransform t;
    t.rotation = {cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx, sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx,
                  -sy,     cy * sx,                cy * cx};
    t.translation = translation;
    return t;
}

} // namespace hf
