#pragma once
// Stacks with uneven slice spacing (a CT with two spacing regimes, a missing slice) cannot be
// reformatted from one slice step: this resamples such a volume onto a regular grid, slice by
// slice linearly between the two acquired slices around each new position, using the true
// per-slice positions. Used by MPR only (the 2D view shows the acquired slices). Any thread.
#include <memory>

namespace hf {

class Volume;

// The regular-grid copy (Float32, step = the smallest gap), or nullptr when the slices are
// already evenly spaced (or their positions are unknown).
std::shared_ptr<Volume> resampleUnevenSlices(const Volume& volume);

} // namespace hf
