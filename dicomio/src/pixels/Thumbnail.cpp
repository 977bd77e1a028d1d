#include "hf/dicomio/Thumbnail.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>

namespace hf {

Thumbnail makeThumbnail(const Volume& volume, int slice, int maxSize)
{
    const StackGeometry& g = volume.geometry();
    Thumbnail t;
    if (g.columns <= 0 || g.rows <= 0 || slice < 0 || slice >= g.slices || maxSize <= 0)
        return t;
    // Physical size decides the shape; the longer side becomes maxSize.
    const double widthMm = g.columns * g.columnSpacing, heightMm = g.rows * g.rowSpacing;
    const double scale = maxSize / std::max(widthMm, heightMm);
    t.width = std::max(1, int(std::lround(widthMm * scale)));
    t.height = std::max(1, int(std::lround(heightMm * scale)));
    t.channels = volume.components();
    t.pixels.assign(size_t(t.width) * size_t(t.height) * size_t(t.channels), 0);

    double lo, hi;
    if (volume.type() == VoxelType::Rgb8) {
        lo = 0;
        hi = 255;
    } else if (isColour(volume.type())) {
        lo = 0;  // wider colour: the slice's own range, all channels alike
        hi = 0;
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                for (int c = 0; c < 3; ++c)
                    hi = std::max(hi, volume.componentAt(i, j, slice, c));
    } else if (!volume.windows.empty()) {
        lo = volume.windows.front().center - volume.windows.front().width / 2;
        hi = volume.windows.front().center + volume.windows.front().width / 2;
    } else {
        lo = INFINITY;
        hi = -INFINITY;
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i) {
                const double v = volume.valueAt(i, j, slice);
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    }
    const double range = std::max(hi - lo, 1e-9);
    const bool invert = volume.photometric == Photometric::Monochrome1;
    for (int y = 0; y < t.height; ++y)
        for (int x = 0; x < t.width; ++x) {
            // Box-average the source pixels this thumbnail pixel covers.
            const int i0 = x * g.columns / t.width, i1 = std::max(i0 + 1, (x + 1) * g.columns / t.width);
            const int j0 = y * g.rows / t.height, j1 = std::max(j0 + 1, (y + 1) * g.rows / t.height);
            for (int c = 0; c < t.channels; ++c) {
                double sum = 0;
                for (int j = j0; j < j1; ++j)
                    for (int i = i0; i < i1; ++i)
                        sum += volume.componentAt(i, j, slice, c);
                const double mean = sum / double((i1 - i0) * (j1 - j0));
                double level = std::clamp((mean - lo) / range, 0.0, 1.0);
                if (invert)
                    level = 1.0 - level;
                t.pixels[(size_t(y) * size_t(t.width) + size_t(x)) * size_t(t.channels) + size_t(c)] =
                    std::uint8_t(std::lround(level * 255));
            }
        }
    return t;
}

} // namespace hf
