#pragma once
// A volume's modality values anywhere in patient space: trilinear interpolation between the
// eight voxels around a point, as the reformatted views show them (MPR planes, curved
// reformats, plane measurements). Any thread.
#include "hf/dicomio/Vec3.h"

#include <optional>

namespace hf {

class Volume;

// Nothing outside the volume (more than half a voxel beyond its edge voxels).
std::optional<double> interpolatedValueAt(const Volume& volume, const Vec3& lps);

// The same at `count` points along a line (start + step x n), into `out`: NaN outside. What
// the reformats sample a row with; much faster than as many single points.
void interpolateAlongLine(const Volume& volume, const Vec3& start, const Vec3& step, int count, float* out);

// The volume's smallest voxel spacing: the sample distance of reformats and plane measurements.
double smallestSpacing(const Volume& volume);

} // namespace hf
