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

// The samples n of start + step x n whose coordinate on one axis lies in [low, high]: a range
// [from, to) narrowed from what it was.
void narrow(double start, double step, double low, double high, long& from, long& to)
{
    if (std::abs(step) < 1e-12) {
        if (!(start >= low && start <= high))
            to = from;
        return;
    }
    double a = (low - start) / step, b = (high - start) / step;
    if (a > b)
        std::swap(a, b);
    from = std::max(from, long(std::ceil(a - 1e-9)));
    to = std::min(to, long(std::floor(b + 1e-9)) + 1);
}

// Trilinear samples of voxels of type T at index-space points start + step x n.
template <class T>
void sampleLine(const Volume& volume, const T* voxels, const Vec3& start, const Vec3& step, int count, float* out)
{
    const StackGeometry& g = volume.geometry();
    const long nx = g.columns, ny = g.rows, nz = g.slices;
    const size_t row = size_t(nx), slice = size_t(nx) * size_t(ny);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // Inside the volume (within half a voxel of its edge voxels), and the part of that where all
    // eight neighbours exist without clamping (the fast loop).
    long inFrom = 0, inTo = count, fastFrom = 0, fastTo = count;
    const double s[3] = {start.x, start.y, start.z}, d[3] = {step.x, step.y, step.z};
    const long size[3] = {nx, ny, nz};
    for (int a = 0; a < 3; ++a) {
        narrow(s[a], d[a], -0.5, size[a] - 0.5, inFrom, inTo);
        narrow(s[a], d[a], 0.0, size[a] > 1 ? size[a] - 1.0 - 1e-6 : -1.0, fastFrom, fastTo);
    }
    // Every range within [0, count): a line that meets the volume only beyond its end (or
    // before its start) narrows to bounds outside it, which must not become writes past `out`.
    inFrom = std::clamp(inFrom, 0L, long(count));
    inTo = std::clamp(inTo, inFrom, long(count));
    fastFrom = std::clamp(fastFrom, inFrom, inTo);
    fastTo = std::clamp(fastTo, fastFrom, inTo);
    // The careful way: clamped to the edge voxels.
    auto careful = [&](long n) {
        const double at[3] = {s[0] + d[0] * n, s[1] + d[1] * n, s[2] + d[2] * n};
        long low[3], high[3];
        double w[3];
        for (int a = 0; a < 3; ++a) {
            if (!(at[a] >= -0.5 && at[a] <= size[a] - 0.5))
                return nan;
            const double c = std::clamp(at[a], 0.0, double(size[a] - 1));
            low[a] = long(c);
            high[a] = std::min(low[a] + 1, size[a] - 1);
            w[a] = c - double(low[a]);
        }
        auto v = [&](long i, long j, long k) { return double(voxels[size_t(k) * slice + size_t(j) * row + size_t(i)]); };
        const double c00 = v(low[0], low[1], low[2]) * (1 - w[0]) + v(high[0], low[1], low[2]) * w[0];
        const double c10 = v(low[0], high[1], low[2]) * (1 - w[0]) + v(high[0], high[1], low[2]) * w[0];
        const double c01 = v(low[0], low[1], high[2]) * (1 - w[0]) + v(high[0], low[1], high[2]) * w[0];
        const double c11 = v(low[0], high[1], high[2]) * (1 - w[0]) + v(high[0], high[1], high[2]) * w[0];
        const double c0 = c00 * (1 - w[1]) + c10 * w[1], c1 = c01 * (1 - w[1]) + c11 * w[1];
        return float(c0 * (1 - w[2]) + c1 * w[2]);
    };
    for (long n = 0; n < inFrom; ++n)
        out[n] = nan;
    for (long n = inFrom; n < fastFrom; ++n)
        out[n] = careful(n);
    for (long n = fastFrom; n < fastTo; ++n) {
        const double x = s[0] + d[0] * n, y = s[1] + d[1] * n, z = s[2] + d[2] * n;
        const long i = long(x), j = long(y), k = long(z);
        const float fx = float(x - double(i)), fy = float(y - double(j)), fz = float(z - double(k));
        const T* p = voxels + size_t(k) * slice + size_t(j) * row + size_t(i);
        const float c00 = float(p[0]) + fx * (float(p[1]) - float(p[0]));
        const float c10 = float(p[row]) + fx * (float(p[row + 1]) - float(p[row]));
        const float c01 = float(p[slice]) + fx * (float(p[slice + 1]) - float(p[slice]));
        const float c11 = float(p[slice + row]) + fx * (float(p[slice + row + 1]) - float(p[slice + row]));
        const float c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
        out[n] = c0 + fz * (c1 - c0);
    }
    for (long n = fastTo; n < inTo; ++n)
        out[n] = careful(n);
    for (long n = inTo; n < count; ++n)
        out[n] = nan;
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
    case VoxelType::Rgb16:
    case VoxelType::Rgb32:
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
