#pragma once
// A segmentation as a coloured layer over one slice: each visible segment's frames that lie in
// the slice (parallel to it, within half a slice) resampled to the slice's pixels (nearest
// neighbour, in patient space, so a SEG on another grid than the images still lands right),
// in the segment's colour, fractional values as partial opacity. A slice at an angle to the
// frames (MPR, oblique) samples the SEG as a volume: each pixel takes the frame whose depth
// holds it. Any thread.
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SlicePlane.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace hf {

struct SegmentationLayer {
    std::vector<std::uint8_t> rgba;     // plane.columns x plane.rows, row by row; empty: nothing on this slice
    std::map<int, long long> pixels;    // per segment drawn: how many of the slice's pixels it covers
};

// opacity 0..1: of a pixel fully inside a segment.
SegmentationLayer segmentationLayer(const Segmentation& seg, const SlicePlane& plane, double halfThickness,
                                    const std::set<int>& hiddenSegments, double opacity);

} // namespace hf
