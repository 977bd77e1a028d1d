#pragma once
// The slices of an arriving series that are not here yet (Volume::slicesToCome: listed by the
// archive, their voxels filled with the lowest value) drawn as such on any plane: a hatched
// blue-grey layer wherever the plane falls on one of them, and a line saying how many are still
// to come. Without it a reformat shows them as a black band that reads as air. Any thread.
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

class Volume;
struct SlicePlane;

struct StandInLayer {
    static constexpr int kLayer = -2;  // under a fused series (-1), segments (0) and the image's marks (1)
    // RGBA (plane.columns x plane.rows, row 0 first), `covered` set to the pixels hatched;
    // empty when the plane meets no slice still to come.
    static std::vector<std::uint8_t> over(const Volume& volume, const SlicePlane& plane, int& covered);
    // "Not received yet: 120 of 500 slices", or empty when every slice is here.
    static std::string notice(const Volume& volume);
};

} // namespace hf
