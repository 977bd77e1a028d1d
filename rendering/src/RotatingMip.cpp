#include "hf/rendering/RotatingMip.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace hf {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The patient-space box of the voxel centres.
void bounds(const StackGeometry& g, Vec3& low, Vec3& high)
{
    low = {1e300, 1e300, 1e300};
    high = {-1e300, -1e300, -1e300};
    for (int c = 0; c < 8; ++c) {
        const Vec3 p = g.toPatient(c & 1 ? g.columns - 1 : 0, c & 2 ? g.rows - 1 : 0, c & 4 ? g.slices - 1 : 0);
        low = {std::min(low.x, p.x), std::min(low.y, p.y), std::min(low.z, p.z)};
        high = {std::max(high.x, p.x), std::max(high.y, p.y), std::max(high.z, p.z)};
    }
}

} // namespace

Vec3 RotatingMip::right(int frame) const
{
    const double a = degrees(frame) * kPi / 180;
    return {std::cos(a), std::sin(a), 0};
}

Vec3 RotatingMip::towards(int frame) const
{
    const double a = degrees(frame) * kPi / 180;
    return {-std::sin(a), std::cos(a), 0};
}

std::shared_ptr<const RotatingMip> RotatingMip::make(const Volume& volume, int angles, const std::atomic<bool>* cancel, int threads)
{
    const StackGeometry& g = volume.geometry();
    if (g.voxelCount() == 0 || angles < 1 || isColour(volume.type()))
        return nullptr;
    std::shared_ptr<RotatingMip> mip(new RotatingMip);
    Vec3 low, high;
    bounds(g, low, high);
    mip->m_angles = angles;
    mip->m_centre = (low + high) * 0.5;
    mip->m_step = std::max(0.1, std::min(g.columnSpacing, g.rowSpacing));
    // Rows: head to foot at the finest spacing the data has (the slice spacing of axial PET).
    mip->m_rowStep = std::max(0.1, std::min({g.sliceSpacing > 0 ? g.sliceSpacing : 1.0, g.columnSpacing, g.rowSpacing}));
    const double diagonal = std::hypot(high.x - low.x, high.y - low.y) + mip->m_step;
    mip->m_columns = std::max(1, int(std::ceil(diagonal / mip->m_step)));
    mip->m_rows = std::max(1, int(std::ceil((high.z - low.z) / mip->m_rowStep)) + 1);
    mip->m_top = high.z;

    StackGeometry fg;
    fg.columns = mip->m_columns;
    fg.rows = mip->m_rows;
    fg.slices = angles;
    fg.columnSpacing = mip->m_step;
    fg.rowSpacing = mip->m_rowStep;
    fg.sliceSpacing = 1;
    fg.rowDirection = {1, 0, 0};
    fg.columnDirection = {0, 0, -1};
    fg.normal = fg.sliceStep = {0, 1, 0};
    fg.origin = {mip->m_centre.x - (mip->m_columns - 1) / 2.0 * mip->m_step, mip->m_centre.y, mip->m_top};
    auto frames = std::make_shared<Volume>(fg, VoxelType::Float32, Volume::Memory::Private);
    frames->modality = volume.modality;
    frames->petValues = volume.petValues;
    frames->suv = volume.suv;
    frames->hasPatientGeometry = false;
    frames->windows = volume.windows;
    auto* out = reinterpret_cast<float*>(frames->data());
    mip->m_depth.assign(fg.voxelCount(), std::numeric_limits<float>::quiet_NaN());

    const int samples = mip->m_columns;
    const auto project = [&](int first, int last) {
        for (int f = first; f < last; ++f) {
            if (cancel && cancel->load())
                return;
            const Vec3 r = mip->right(f), d = mip->towards(f);
            // Index-space steps: along the screen's right, down a row, and along the ray.
            const Vec3 o = g.toIndex(mip->m_centre);
            const Vec3 alongRight = g.toIndex(mip->m_centre + r * mip->m_step) - o;
            const Vec3 alongDown = g.toIndex(mip->m_centre + Vec3{0, 0, -mip->m_rowStep}) - o;
            const Vec3 alongRay = g.toIndex(mip->m_centre + d * mip->m_step) - o;
            const Vec3 topLeftNear = g.toIndex(mip->m_centre + r * (-(mip->m_columns - 1) / 2.0 * mip->m_step) + d * (-(samples - 1) / 2.0 * mip->m_step) +
                                               Vec3{0, 0, mip->m_top - mip->m_centre.z});
            for (int row = 0; row < mip->m_rows; ++row)
                for (int column = 0; column < mip->m_columns; ++column) {
                    Vec3 at = topLeftNear + alongDown * double(row) + alongRight * double(column);
                    double best = -std::numeric_limits<double>::infinity();
                    int bestSample = -1;
                    for (int s = 0; s < samples; ++s, at = at + alongRay) {
                        const int i = int(std::lround(at.x)), j = int(std::lround(at.y)), k = int(std::lround(at.z));
                        if (i < 0 || j < 0 || k < 0 || i >= g.columns || j >= g.rows || k >= g.slices)
                            continue;
                        const double v = volume.valueAt(i, j, k);
                        if (v > best)
                            best = v, bestSample = s;
                    }
                    const size_t n = (size_t(f) * mip->m_rows + row) * mip->m_columns + column;
                    out[n] = bestSample < 0 ? 0.0f : float(best);
                    if (bestSample >= 0)
                        mip->m_depth[n] = float((bestSample - (samples - 1) / 2.0) * mip->m_step);
                }
        }
    };
    const int workers = std::clamp(threads, 1, angles);
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w)
        pool.emplace_back(project, angles * w / workers, angles * (w + 1) / workers);
    project(0, angles / workers);
    for (std::thread& t : pool)
        t.join();
    if (cancel && cancel->load())
        return nullptr;
    mip->m_frames = std::move(frames);
    return mip;
}

std::optional<Vec3> RotatingMip::hottestPoint(int column, int row, int frame) const
{
    if (column < 0 || row < 0 || frame < 0 || column >= m_columns || row >= m_rows || frame >= m_angles)
        return std::nullopt;
    const float depth = m_depth[(size_t(frame) * m_rows + row) * m_columns + column];
    if (std::isnan(depth))
        return std::nullopt;
    return m_centre + right(frame) * ((column - (m_columns - 1) / 2.0) * m_step) + Vec3{0, 0, m_top - row * m_rowStep - m_centre.z} +
           towards(frame) * double(depth);
}

Vec3 hottestVoxelNear(const Volume& volume, const Vec3& lps, double radiusMm)
{
    const StackGeometry& g = volume.geometry();
    const Vec3 c = g.toIndex(lps);
    const double sliceMm = g.sliceSpacing > 0 ? g.sliceSpacing : 1.0;
    const int ri = int(std::ceil(radiusMm / g.columnSpacing)), rj = int(std::ceil(radiusMm / g.rowSpacing)), rk = int(std::ceil(radiusMm / sliceMm));
    Vec3 best = lps;
    double bestValue = -std::numeric_limits<double>::infinity(), bestDistance = 0;
    for (int k = std::max(0, int(std::lround(c.z)) - rk); k <= std::min(g.slices - 1, int(std::lround(c.z)) + rk); ++k)
        for (int j = std::max(0, int(std::lround(c.y)) - rj); j <= std::min(g.rows - 1, int(std::lround(c.y)) + rj); ++j)
            for (int i = std::max(0, int(std::lround(c.x)) - ri); i <= std::min(g.columns - 1, int(std::lround(c.x)) + ri); ++i) {
                const Vec3 p = g.toPatient(i, j, k);
                const double distance = (p - lps).norm();
                if (distance > radiusMm)
                    continue;
                // Of equally hot voxels (a uniform lesion), the one nearest the point.
                if (const double v = volume.valueAt(i, j, k); v > bestValue || (v == bestValue && distance < bestDistance))
                    bestValue = v, best = p, bestDistance = distance;
            }
    return best;
}

} // namespace hf
