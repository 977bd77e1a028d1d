#pragma once
// The values a reformatted plane shows: the volume resampled in patient space by trilinear
// interpolation (as the MPR draws it), combined across a slab (its maximum, minimum or mean
// along the normal). What plane measurements and tests read. Any thread.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/dicomio/VolumeSampling.h"

#include <optional>

namespace hf {

class Volume;

// The value the plane shows at one of its points: thin, the interpolated value; a slab, the
// combination of samples one voxel apart along its normal across its thickness.
std::optional<double> planeValueAt(const Volume& volume, const AnnotationPlane& plane, const Vec3& lps);

// The sampling distance of plane measurements: the volume's smallest voxel spacing.
double planeSampleSpacing(const Volume& volume);

} // namespace hf
