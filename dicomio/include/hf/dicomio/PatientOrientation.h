#pragma once
// Patient orientation letters (PS3.3 C.7.6.1.1.1) for a direction in LPS: the letters of its
// significant components, largest first, e.g. (0.9, -0.4, 0) -> "LA". Used for the labels on
// the four sides of a view. Any thread.
#include "hf/dicomio/Vec3.h"

#include <string>

namespace hf {

// Components below `threshold` (of a unit vector) are left out, so a 2-degree obliquity does
// not turn "L" into "LPH".
std::string orientationLabel(const Vec3& direction, double threshold = 0.2);

} // namespace hf
