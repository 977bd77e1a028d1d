#include "hf/rendering/FusionLayer.h"

#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace hf {
namespace {

// Trilinear sampling at a continuous voxel index, voxels of type T; nothing beyond half a voxel
// outside the grid (edge voxels are held out to there).
template <class T>
struct Sampler {
    const T* data;
    int nx, ny, nz;
    std::optional<double> at(double x, double y, double z) const
    {
        if (x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5)
            return std::nullopt;
        x = std::clamp(x, 0.0, double(nx - 1));
        y = std::clamp(y, 0.0, double(ny - 1));
        z = std::clamp(z, 0.0, double(nz - 1));
        const int i = std::min(int(x), std::max(0, nx - 2)), j = std::min(int(y), std::max(0, ny - 2)), k = std::min(int(z), std::max(0, nz - 2));
        const int i1 = std::min(i + 1, nx - 1), j1 = std::min(j + 1, ny - 1), k1 = std::min(k + 1, nz - 1);
        const double fx = x - i, fy = y - j, fz = z - k;
        const auto v = [&](int a, int b, int c) { return double(data[(size_t(c) * ny + b) * nx + a]); };
        const double c00 = v(i, j, k) * (1 - fx) + v(i1, j, k) * fx, c10 = v(i, j1, k) * (1 - fx) + v(i1, j1, k) * fx;
        const double c01 = v(i, j, k1) * (1 - fx) + v(i1, j, k1) * fx, c11 = v(i, j1, k1) * (1 - fx) + v(i1, j1, k1) * fx;
        return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
    }
};

// Calls f(sampler) with the overlay's voxel type (RGB overlays are sampled on their red channel's
// grid as grey: not a fusion source in practice).
template <class F>
auto withSampler(const Volume& v, F&& f)
{
    const StackGeometry& g = v.geometry();
    switch (v.type()) {
    case VoxelType::Int16: return f(Sampler<std::int16_t>{reinterpret_cast<const std::int16_t*>(v.data()), g.columns, g.rows, g.slices});
    case VoxelType::UInt16: return f(Sampler<std::uint16_t>{reinterpret_cast<const std::uint16_t*>(v.data()), g.columns, g.rows, g.slices});
    case VoxelType::Float32: return f(Sampler<float>{reinterpret_cast<const float*>(v.data()), g.columns, g.rows, g.slices});
    case VoxelType::Rgb8:
    case VoxelType::Rgb16:
    case VoxelType::Rgb32: break;
    }
    return f(Sampler<std::uint8_t>{nullptr, 0, 0, 0});
}

} // namespace

double fusionDisplayScale(const Volume& overlay) { return overlay.suv.ok ? overlay.suv.factor : 1.0; }

FusionLook defaultFusionLook(const Volume& overlay, ColourTable table)
{
    FusionLook look;
    look.table = std::move(table);
    if (overlay.suv.ok) {
        look.upper = 5;
        return look;
    }
    const double high = computeStatistics(overlay).max;
    look.upper = high > 0 ? high / 2 : 1;
    return look;
}

std::vector<std::uint8_t> fusionLayer(const Volume& overlay, const SlicePlane& plane, const FusionLook& look)
{
    std::vector<std::uint8_t> rgba(size_t(std::max(0, plane.columns)) * size_t(std::max(0, plane.rows)) * 4, 0);
    const StackGeometry& g = overlay.geometry();
    // The index transform is affine: the first pixel's index and its steps along a row and a column.
    const Vec3 origin = g.toIndex(plane.origin);
    const Vec3 alongRow = g.toIndex(plane.origin + plane.rowDirection * plane.columnSpacing) - origin;
    const Vec3 alongColumn = g.toIndex(plane.origin + plane.columnDirection * plane.rowSpacing) - origin;
    const double scale = fusionDisplayScale(overlay);
    const double span = look.upper > look.lower ? look.upper - look.lower : 1e-9;
    const auto alpha = std::uint8_t(std::lround(std::clamp(look.opacity, 0.0, 1.0) * 255));
    withSampler(overlay, [&](const auto& s) {
        if (!s.data)
            return 0;
        const auto rows = [&](int first, int last) {
            for (int r = first; r < last; ++r) {
                const Vec3 rowStart = origin + alongColumn * double(r);
                std::uint8_t* out = rgba.data() + size_t(r) * size_t(plane.columns) * 4;
                for (int c = 0; c < plane.columns; ++c, out += 4) {
                    const Vec3 index = rowStart + alongRow * double(c);
                    const auto value = s.at(index.x, index.y, index.z);
                    if (!value || *value * scale <= look.lower)
                        continue;
                    const auto& colour = look.table.at((*value * scale - look.lower) / span);
                    out[0] = colour[0], out[1] = colour[1], out[2] = colour[2], out[3] = alpha;
                }
            }
        };
        // A reading screen's plane is a quarter of a million pixels or more: its rows are shared
        // out over the cores (each writes only its own rows).
        const int workers = std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
        if (workers == 1 || size_t(plane.rows) * size_t(plane.columns) < 65536) {
            rows(0, plane.rows);
            return 0;
        }
        std::vector<std::thread> pool;
        for (int w = 1; w < workers; ++w)
            pool.emplace_back(rows, plane.rows * w / workers, plane.rows * (w + 1) / workers);
        rows(0, plane.rows / workers);
        for (std::thread& t : pool)
            t.join();
        return 0;
    });
    return rgba;
}

std::optional<double> fusedValueAt(const Volume& overlay, const Vec3& lps)
{
    const Vec3 index = overlay.geometry().toIndex(lps);
    const double scale = fusionDisplayScale(overlay);
    return withSampler(overlay, [&](const auto& s) -> std::optional<double> {
        if (!s.data)
            return std::nullopt;
        const auto value = s.at(index.x, index.y, index.z);
        return value ? std::optional<double>(*value * scale) : std::nullopt;
    });
}

} // namespace hf
