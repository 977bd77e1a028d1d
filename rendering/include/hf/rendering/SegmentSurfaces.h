#pragma once
// A segmentation's segments as closed surfaces for the 3D view: each visible segment's frames
// stacked into a mask volume on the SEG's own grid (a frame per depth step along its normal),
// its boundary extracted (flying edges at half the full value), in patient space. Plain arrays
// out, so that the work can run off the GUI thread. Any thread.
#include "hf/dicomio/Segmentation.h"

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace hf {

struct SurfaceMesh {
    std::string label;
    std::array<std::uint8_t, 3> colour{};
    std::vector<float> points;            // x, y, z per vertex, patient LPS mm
    std::vector<float> normals;           // per vertex, unit, outwards
    std::vector<std::uint32_t> triangles; // three vertex indices each
    std::array<double, 6> bounds{};       // xmin, xmax, ymin, ymax, zmin, zmax
};

// The masks' stack may hold at most this many depth steps (a hostile file's positions could
// ask for millions); beyond it the segment is left out and `warning` says so.
constexpr int kMaxSurfaceDepthSteps = 4096;

std::vector<SurfaceMesh> segmentSurfaces(const Segmentation& seg, const std::set<int>& hiddenSegments, std::string* warning = nullptr);

} // namespace hf
