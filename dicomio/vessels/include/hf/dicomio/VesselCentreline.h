#pragma once
// The centreline of a contrast-filled vessel between two points inside it (two clicks): the
// fastest way through voxels like those at the clicks (ITK's fast marching on a speed that falls
// off away from their value), traced back, smoothed and thinned to points about `pointSpacing`
// mm apart for a path annotation. The speed grows with the distance from the vessel's wall, so
// the path keeps to its middle. Any thread; can be cancelled between its stages.
#include "hf/dicomio/Vec3.h"

#include <atomic>
#include <vector>

namespace hf {

class Volume;

struct CentrelineOptions {
    double pointSpacing = 5;      // mm between the returned points
    double marginMm = 15;         // searched beyond the clicks' box, each way (at least 0.6 x their distance)
    double maxVoxels = 40e6;      // a larger search box is refused
    const std::atomic<bool>* cancel = nullptr;
};

// Throws std::invalid_argument naming the problem: a click outside the volume, the clicks not
// in the same kind of tissue (no vessel joins them), a search box too large; std::runtime_error
// when cancelled.
std::vector<Vec3> vesselCentreline(const Volume& volume, const Vec3& from, const Vec3& to, const CentrelineOptions& options = {});

} // namespace hf
