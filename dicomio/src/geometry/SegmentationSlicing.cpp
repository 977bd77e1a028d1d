#include "hf/dicomio/SegmentationSlicing.h"

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

// Paints one pixel of the layer: over what earlier segments left, the later one's colour with
// alpha by its fraction.
void paint(std::uint8_t* out, const std::array<std::uint8_t, 3>& colour, double alpha)
{
    const double keep = 1 - alpha, below = out[3] / 255.0;
    const double total = alpha + below * keep;
    for (int c = 0; c < 3; ++c)
        out[c] = std::uint8_t(std::lround(total > 0 ? (colour[size_t(c)] * alpha + out[c] * below * keep) / total : 0));
    out[3] = std::uint8_t(std::lround(total * 255));
}

// A plane at an angle to the frames (MPR, oblique): every pixel looks up the frame whose
// thickness (the SEG's frame depth) holds it, per segment, and the frame's nearest pixel.
SegmentationLayer obliqueLayer(const Segmentation& seg, const SlicePlane& plane, const std::set<int>& hiddenSegments, double opacity)
{
    SegmentationLayer layer;
    const Vec3 n = seg.normal();
    const double halfDepth = segmentFrameDepth(seg) / 2;
    // Per visible segment, its frames in order along the normal.
    std::map<int, std::vector<std::pair<double, const SegmentFrame*>>> stacks;
    for (const SegmentFrame& frame : seg.frames)
        if (!hiddenSegments.count(frame.segment) && seg.segment(frame.segment))
            stacks[frame.segment].push_back({frame.position.dot(n), &frame});
    for (auto& [number, frames] : stacks)
        std::sort(frames.begin(), frames.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const size_t pixels = size_t(plane.columns) * size_t(plane.rows);
    const Vec3 stepI = plane.rowDirection * plane.columnSpacing, stepJ = plane.columnDirection * plane.rowSpacing;
    for (const auto& [number, frames] : stacks) {
        const SegmentInfo& info = *seg.segment(number);
        long long* covered = nullptr;
        for (int j = 0; j < plane.rows; ++j)
            for (int i = 0; i < plane.columns; ++i) {
                const Vec3 p = plane.origin + stepI * double(i) + stepJ * double(j);
                const double d = p.dot(n);
                auto next = std::lower_bound(frames.begin(), frames.end(), d, [](const auto& f, double value) { return f.first < value; });
                // The nearer of the frames either side.
                auto nearest = next;
                if (nearest == frames.end() || (nearest != frames.begin() && d - std::prev(nearest)->first < nearest->first - d))
                    nearest = std::prev(nearest);
                if (!(std::abs(nearest->first - d) <= halfDepth))
                    continue;  // beyond the frames (or a position that is no number)
                const SegmentFrame& frame = *nearest->second;
                const Vec3 offset = p - frame.position;
                const long u = std::lround(offset.dot(seg.rowDirection) / seg.columnSpacing);
                const long v = std::lround(offset.dot(seg.columnDirection) / seg.rowSpacing);
                if (u < 0 || v < 0 || u >= seg.columns || v >= seg.rows)
                    continue;
                const std::uint8_t value = frame.mask[size_t(v) * size_t(seg.columns) + size_t(u)];
                if (!value)
                    continue;
                if (layer.rgba.empty())
                    layer.rgba.assign(pixels * 4, 0);
                if (!covered)
                    covered = &layer.pixels[number];
                ++*covered;
                paint(&layer.rgba[(size_t(j) * size_t(plane.columns) + size_t(i)) * 4], info.colour,
                      std::min(1.0, double(value) / seg.maximumFractionalValue) * opacity);
            }
    }
    return layer;
}

} // namespace

SegmentationLayer segmentationLayer(const Segmentation& seg, const SlicePlane& plane, double halfThickness,
                                    const std::set<int>& hiddenSegments, double opacity)
{
    SegmentationLayer layer;
    if (plane.columns <= 0 || plane.rows <= 0 || seg.rows <= 0 || seg.columns <= 0 || seg.frames.empty())
        return layer;
    // Frames parallel to the slice (within about a degree) are drawn whole when they lie in its
    // thickness; any other plane samples the SEG as a volume.
    if (std::abs(seg.normal().dot(plane.normal)) < 0.9998)
        return obliqueLayer(seg, plane, hiddenSegments, opacity);
    const size_t pixels = size_t(plane.columns) * size_t(plane.rows);
    for (const SegmentFrame& frame : seg.frames) {
        if (hiddenSegments.count(frame.segment) || std::abs((frame.position - plane.origin).dot(plane.normal)) > halfThickness)
            continue;
        const SegmentInfo* info = seg.segment(frame.segment);
        if (!info)
            continue;
        if (layer.rgba.empty())
            layer.rgba.assign(pixels * 4, 0);
        long long& covered = layer.pixels[frame.segment];
        // Where the slice's pixel (0, 0) and its steps fall in the frame's pixel grid.
        const Vec3 start = plane.origin - frame.position;
        const double u0 = start.dot(seg.rowDirection) / seg.columnSpacing, v0 = start.dot(seg.columnDirection) / seg.rowSpacing;
        const double uStepI = plane.rowDirection.dot(seg.rowDirection) * plane.columnSpacing / seg.columnSpacing;
        const double vStepI = plane.rowDirection.dot(seg.columnDirection) * plane.columnSpacing / seg.rowSpacing;
        const double uStepJ = plane.columnDirection.dot(seg.rowDirection) * plane.rowSpacing / seg.columnSpacing;
        const double vStepJ = plane.columnDirection.dot(seg.columnDirection) * plane.rowSpacing / seg.rowSpacing;
        for (int j = 0; j < plane.rows; ++j)
            for (int i = 0; i < plane.columns; ++i) {
                const long u = std::lround(u0 + i * uStepI + j * uStepJ), v = std::lround(v0 + i * vStepI + j * vStepJ);
                if (u < 0 || v < 0 || u >= seg.columns || v >= seg.rows)
                    continue;
                const std::uint8_t value = frame.mask[size_t(v) * size_t(seg.columns) + size_t(u)];
                if (!value)
                    continue;
                ++covered;
                paint(&layer.rgba[(size_t(j) * size_t(plane.columns) + size_t(i)) * 4], info->colour,
                      std::min(1.0, double(value) / seg.maximumFractionalValue) * opacity);
            }
    }
    return layer;
}

} // namespace hf
