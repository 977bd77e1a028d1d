#include "hf/dicomio/VolumeSampling.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

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

namespace {

// Trilinear samples of voxels of type T at index-space points start + step x n.
template <class T>
void sampleLine(const Volume& volume, const T* voxels, const Vec3& start, const Vec3& step, int count, float* out)
{
    const StackGeometry& g = volume.geometry();
    const long nx = g.columns, ny = g.rows, nz = g.slices;
    const size_t row = size_t(nx), slice = size_t(nx) * size_t(ny);
    for (int n = 0; n < count; ++n) {
        const double at[3] = {start.x + step.x * n, start.y + step.y * n, start.z + step.z * n};
        const long size[3] = {nx, ny, nz};
        long low[3], high[3];
        double w[3];
        bool inside = true;
        for (int a = 0; a < 3 && inside; ++a) {
            if (!(at[a] >= -0.5 && at[a] <= size[a] - 0.5)) {
                inside = false;
                break;
            }
            const double c = std::clamp(at[a], 0.0, double(size[a] - 1));
            low[a] = long(c);
            high[a] = std::min(low[a] + 1, size[a] - 1);
            w[a] = c - double(low[a]);
        }
        if (!inside) {
            out[n] = std::numeric_limits<float>::quiet_NaN();
            continue;
        }
        auto v = [&](long i, long j, long k) { return double(voxels[size_t(k) * slice + size_t(j) * row + size_t(i)]); };
        const double c00 = v(low[0], low[1], low[2]) * (1 - w[0]) + v(high[0], low[1], low[2]) * w[0];
        const double c10 = v(low[0], high[1], low[2]) * (1 - w[0]) + v(high[0], high[1], low[2]) * w[0];
        const double c01 = v(low[0], low[1], high[2]) * (1 - w[0]) + v(high[0], low[1], high[2]) * w[0];
        const double c11 = v(low[0], high[1], high[2]) * (1 - w[0]) + v(high[0], high[1], high[2]) * w[0];
        const double c0 = c00 * (1 - w[1]) + c10 * w[1], c1 = c01 * (1 - w[1]) + c11 * w[1];
        out[n] = float(c0 * (1 - w[2]) + c1 * w[2]);
    }
}

} // namespace

void interpolateAlongLine(const Volume& volume, const Vec3& start, const Vec3& step, int count, float* out)
{
    const StackGeometry& g = volume.geometry();
    // The geometry is affine: the line is a line in index space too.
    const Vec3 from = g.toIndex(start), by = g.toIndex(start + step) - from;
    switch (volume.type()) {
    case VoxelType::Int16: sampleLine(volume, reinterpret_cast<const std::int16_t*>(volume.data()), from, by, count, out); return;
    case VoxelType::UInt16: sampleLine(volume, reinterpret_cast<const std::uint16_t*>(volume.data()), from, by, count, out); return;
    case VoxelType::Float32: sampleLine(volume, reinterpret_cast<const float*>(volume.data()), from, by, count, out); return;
    case VoxelType::Rgb8:
        for (int n = 0; n < count; ++n) {
            const auto v = interpolatedValueAt(volume, start + step * n);
            out[n] = v ? float(*v) : std::numeric_limits<float>::quiet_NaN();
        }
        return;
    }
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
