#include "hf/dicomio/AutoWindow.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hf {

WindowPreset autoWindow(const Volume& volume, int slice, double lowPercentile, double highPercentile)
{
    const StackGeometry& g = volume.geometry();
    WindowPreset window{0, 1, "Auto"};
    if (g.slices <= 0 || slice < 0 || slice >= g.slices || g.columns <= 0 || g.rows <= 0)
        return window;
    // Sample at most ~64k pixels of the slice: plenty for two percentiles, and fast on any size.
    const size_t pixels = size_t(g.columns) * size_t(g.rows);
    const size_t stride = std::max<size_t>(1, pixels / 65536);
    std::vector<double> values;
    values.reserve(pixels / stride + 1);
    const int width = g.columns;
    for (size_t p = 0; p < pixels; p += stride)
        values.push_back(volume.valueAt(int(p % size_t(width)), int(p / size_t(width)), slice));
    auto at = [&](double percentile) {
        const size_t n = std::min(values.size() - 1, size_t(std::lround(percentile / 100.0 * double(values.size() - 1))));
        std::nth_element(values.begin(), values.begin() + long(n), values.end());
        return values[n];
    };
    const double low = at(std::clamp(lowPercentile, 0.0, 100.0));
    const double high = at(std::clamp(highPercentile, 0.0, 100.0));
    window.center = (low + high) / 2;
    window.width = std::max(1.0, high - low);
    return window;
}

} // namespace hf
