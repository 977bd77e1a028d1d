#include "hf/dicomio/SegmentationSlicing.h"

#include <algorithm>
#include <cmath>

namespace hf {

SegmentationLayer segmentationLayer(const Segmentation& seg, const SlicePlane& plane, double halfThickness,
                                    const std::set<int>& hiddenSegments, double opacity)
{
    SegmentationLayer layer;
    if (plane.columns <= 0 || plane.rows <= 0 || seg.rows <= 0 || seg.columns <= 0)
        return layer;
    // Only frames parallel to the slice (within about a degree) are drawn on it.
    if (std::abs(seg.normal().dot(plane.normal)) < 0.9998)
        return layer;
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
                // Over what earlier segments left: the later one's colour, alpha by its fraction.
                const double alpha = std::min(1.0, double(value) / seg.maximumFractionalValue) * opacity;
                std::uint8_t* out = &layer.rgba[(size_t(j) * size_t(plane.columns) + size_t(i)) * 4];
                const double keep = 1 - alpha, below = out[3] / 255.0;
                const double total = alpha + below * keep;
                for (int c = 0; c < 3; ++c)
                    out[c] = std::uint8_t(std::lround(total > 0 ? (info->colour[size_t(c)] * alpha + out[c] * below * keep) / total : 0));
                out[3] = std::uint8_t(std::lround(total * 255));
            }
    }
    return layer;
}

} // namespace hf
