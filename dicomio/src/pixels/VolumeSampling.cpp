#include "hf/dicomio/VolumeSampling.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>

namespace hf {

std::optional<double> interpolatedValueAt(const Volume& volume, const Vec3& lps)
{
    const StackGeometry& g = volume.geometry();
    const Vec3 index = g.toIndex(lps);
    const double at[3] = {index.x, index.y, index.z};
    const int size[3] = {g.columns, g.rows, g.slices};
    int low[3], high[3];
    double weight[3];
    for (int a = 0; a < 3; ++a) {
        if (!std::isfinite(at[a]) || at[a] < -0.5 || at[a] > size[a] - 0.5 || size[a] < 1)
            return std::nullopt;
        const double c = std::clamp(at[a], 0.0, double(size[a] - 1));
        low[a] = int(std::floor(c));
        high[a] = std::min(low[a] + 1, size[a] - 1);
        weight[a] = c - low[a];
    }
    double sum = 0;
    for (int corner = 0; corner < 8; ++corner) {
        double w = 1;
        int v[3];
        for (int a = 0; a < 3; ++a) {
            const bool up = corner & (1 << a);
            w *= up ? weight[a] : 1 - weight[a];
            v[a] = up ? high[a] : low[a];
        }
        if (w > 0)
            sum += w * volume.valueAt(v[0], v[1], v[2]);
    }
    return sum;
}

double smallestSpacing(const Volume& volume)
{
    const StackGeometry& g = volume.geometry();
    double s = std::min(g.columnSpacing, g.rowSpacing);
    if (g.slices > 1 && g.sliceSpacing > 0)
        s = std::min(s, g.sliceSpacing);
    return s > 0 ? s : 1.0;
}

} // namespace hf
