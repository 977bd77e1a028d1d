#pragma once
// A rigid transform of patient space (LPS mm): p -> R p + t. Registration gives the one that
// takes a point of the fixed (current) series to the same anatomy in the moving one (the prior).
// Value type, any thread.
#include "hf/dicomio/Vec3.h"

#include <array>

namespace hf {

struct RigidTransform {
    std::array<double, 9> rotation{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row by row
    Vec3 translation;

    Vec3 apply(const Vec3& p) const;
    RigidTransform inverse() const;
    // This transform, then `next`: p -> next(this(p)).
    RigidTransform then(const RigidTransform& next) const;
    // The rotation's angle (degrees, 0..180), whatever its axis.
    double angleDegrees() const;
    // From angles about x, then y, then z (degrees; R = Rz Ry Rx) and a translation.
    static RigidTransform fromEuler(const Vec3& degrees, const Vec3& translation);
};

} // namespace hf
