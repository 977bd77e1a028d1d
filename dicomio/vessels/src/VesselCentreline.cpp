#include "hf/dicomio/VesselCentreline.h"

#include "hf/dicomio/Volume.h"

#include "ItkThreads.h"

#include <itkFastMarchingImageFilter.h>
#include <itkImage.h>
#include <itkImageRegionIterator.h>
#include <itkSignedMaurerDistanceMapImageFilter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace hf {
namespace {

using SpeedImage = itk::Image<float, 3>;
using Index = std::array<long, 3>;

void checkCancel(const CentrelineOptions& o)
{
    if (o.cancel && o.cancel->load())
        throw std::runtime_error("cancelled");
}

// The mean value of the voxels around an index (3 x 3 x 3, clipped to the volume).
double meanAround(const Volume& v, const Index& at)
{
    const StackGeometry& g = v.geometry();
    double sum = 0;
    int n = 0;
    for (long k = at[2] - 1; k <= at[2] + 1; ++k)
        for (long j = at[1] - 1; j <= at[1] + 1; ++j)
            for (long i = at[0] - 1; i <= at[0] + 1; ++i)
                if (i >= 0 && j >= 0 && k >= 0 && i < g.columns && j < g.rows && k < g.slices) {
                    sum += v.valueAt(int(i), int(j), int(k));
                    ++n;
                }
    return n ? sum / n : 0;
}

} // namespace

std::vector<Vec3> vesselCentreline(const Volume& volume, const Vec3& from, const Vec3& to, const CentrelineOptions& o)
{
    useItkThreadsWithoutPool();
    const StackGeometry& g = volume.geometry();
    auto indexOf = [&](const Vec3& p, const char* which) {
        const Vec3 f = g.toIndex(p);
        const Index i{std::lround(f.x), std::lround(f.y), std::lround(f.z)};
        if (!std::isfinite(f.x) || !std::isfinite(f.y) || !std::isfinite(f.z) || i[0] < 0 || i[1] < 0 || i[2] < 0 || i[0] >= g.columns ||
            i[1] >= g.rows || i[2] >= g.slices)
            throw std::invalid_argument(std::string("the ") + which + " click is outside the volume");
        return i;
    };
    const Index a = indexOf(from, "first"), b = indexOf(to, "second");
    // The vessel's value: what the clicks are in; they must agree.
    const double va = meanAround(volume, a), vb = meanAround(volume, b);
    const double mu = (va + vb) / 2, sigma = std::max(30.0, 0.25 * std::abs(mu));
    if (std::abs(va - vb) > 2 * sigma)
        throw std::invalid_argument("the two clicks are not in the same vessel (values " + std::to_string(long(va)) + " and " +
                                    std::to_string(long(vb)) + ")");
    // The search box: the clicks' box and a margin, in voxels; a vessel bends out of the box of
    // its ends, so the margin grows with their distance.
    const double spacing[3] = {g.columnSpacing, g.rowSpacing, std::max(1e-3, std::abs(g.sliceSpacing))};
    const double direct = std::hypot((a[0] - b[0]) * spacing[0], (a[1] - b[1]) * spacing[1], (a[2] - b[2]) * spacing[2]);
    const double marginMm = std::max(o.marginMm, 0.6 * direct);
    const long size[3] = {g.columns, g.rows, g.slices};
    Index low, high;
    double voxels = 1;
    for (int d = 0; d < 3; ++d) {
        const long margin = long(std::ceil(marginMm / spacing[d]));
        low[size_t(d)] = std::max(0L, std::min(a[size_t(d)], b[size_t(d)]) - margin);
        high[size_t(d)] = std::min(size[d] - 1, std::max(a[size_t(d)], b[size_t(d)]) + margin);
        voxels *= double(high[size_t(d)] - low[size_t(d)] + 1);
    }
    if (voxels > o.maxVoxels)
        throw std::invalid_argument("the clicks are too far apart: the search would cover " + std::to_string(long(voxels)) + " voxels");
    // The vessel: voxels within 2 sigma of its value. The speed grows with the distance from its
    // wall (squared), so the fastest way runs along the middle, not the inside of each bend.
    using Mask = itk::Image<unsigned char, 3>;
    auto mask = Mask::New();
    SpeedImage::RegionType region;
    region.SetSize({size_t(high[0] - low[0] + 1), size_t(high[1] - low[1] + 1), size_t(high[2] - low[2] + 1)});
    mask->SetRegions(region);
    mask->SetSpacing(spacing);
    mask->Allocate();
    for (long k = low[2]; k <= high[2]; ++k) {
        checkCancel(o);
        for (long j = low[1]; j <= high[1]; ++j)
            for (long i = low[0]; i <= high[0]; ++i)
                mask->SetPixel({i - low[0], j - low[1], k - low[2]},
                               std::abs(volume.valueAt(int(i), int(j), int(k)) - mu) <= 2 * sigma ? 1 : 0);
    }
    using Distance = itk::SignedMaurerDistanceMapImageFilter<Mask, SpeedImage>;
    auto distance = Distance::New();
    distance->SetInput(mask);
    distance->SetUseImageSpacing(true);
    distance->SetSquaredDistance(false);
    distance->SetInsideIsPositive(true);
    checkCancel(o);
    distance->Update();
    SpeedImage::Pointer speed = distance->GetOutput();
    for (itk::ImageRegionIterator<SpeedImage> it(speed, region); !it.IsAtEnd(); ++it) {
        const double d = std::max(0.0, double(it.Get()));
        it.Set(float(1e-3 + d * d));  // outside the vessel barely moves
    }
    using Marching = itk::FastMarchingImageFilter<SpeedImage, SpeedImage>;
    auto marching = Marching::New();
    auto seeds = Marching::NodeContainer::New();
    Marching::NodeType seed;
    seed.SetValue(0);
    seed.SetIndex({a[0] - low[0], a[1] - low[1], a[2] - low[2]});
    seeds->InsertElement(0, seed);
    marching->SetTrialPoints(seeds);
    marching->SetInput(speed);
    marching->SetOutputSize(region.GetSize());
    marching->SetOutputSpacing(speed->GetSpacing());
    checkCancel(o);
    marching->Update();
    const SpeedImage* arrival = marching->GetOutput();
    // Back from the far click, always to the neighbour reached earliest, until the seed.
    std::vector<Index> trace{{b[0] - low[0], b[1] - low[1], b[2] - low[2]}};
    const Index start{a[0] - low[0], a[1] - low[1], a[2] - low[2]};
    const long box[3] = {high[0] - low[0] + 1, high[1] - low[1] + 1, high[2] - low[2] + 1};
    if (arrival->GetPixel({trace.back()[0], trace.back()[1], trace.back()[2]}) >= 1e30f)
        throw std::invalid_argument("no vessel joins the two clicks");
    for (size_t steps = 0; trace.back() != start; ++steps) {
        if (steps > size_t(box[0] + box[1] + box[2]) * 4)
            throw std::invalid_argument("no vessel joins the two clicks (the trace did not reach the first)");
        const Index at = trace.back();
        Index best = at;
        float bestTime = arrival->GetPixel({at[0], at[1], at[2]});
        for (long dk = -1; dk <= 1; ++dk)
            for (long dj = -1; dj <= 1; ++dj)
                for (long di = -1; di <= 1; ++di) {
                    const Index n{at[0] + di, at[1] + dj, at[2] + dk};
                    if ((di || dj || dk) && n[0] >= 0 && n[1] >= 0 && n[2] >= 0 && n[0] < box[0] && n[1] < box[1] && n[2] < box[2])
                        if (const float t = arrival->GetPixel({n[0], n[1], n[2]}); t < bestTime) {
                            bestTime = t;
                            best = n;
                        }
                }
        if (best == at)
            throw std::invalid_argument("no vessel joins the two clicks (the trace stopped)");
        trace.push_back(best);
    }
    std::reverse(trace.begin(), trace.end());
    // A way that leaves the vessel for more than a voxel or two joins two separate things.
    int outside = 0;
    for (const Index& t : trace) {
        outside = speed->GetPixel({t[0], t[1], t[2]}) < 0.01f ? outside + 1 : 0;
        if (outside >= 3)
            throw std::invalid_argument("no vessel joins the two clicks (the fastest way leaves it)");
    }
    // In patient space, smoothed over a few voxels (the trace zigzags between voxel centres),
    // the clicks kept as the ends, then thinned to about pointSpacing mm apart.
    std::vector<Vec3> smooth;
    const long half = 2;
    for (long n = 0; n < long(trace.size()); ++n) {
        Vec3 sum;
        long count = 0;
        for (long m = std::max(0L, n - half); m <= std::min(long(trace.size()) - 1, n + half); ++m) {
            sum = sum + g.toPatient(double(trace[size_t(m)][0] + low[0]), double(trace[size_t(m)][1] + low[1]), double(trace[size_t(m)][2] + low[2]));
            ++count;
        }
        smooth.push_back(sum * (1.0 / double(count)));
    }
    smooth.front() = from;
    smooth.back() = to;
    std::vector<Vec3> points{smooth.front()};
    double run = 0;
    for (size_t n = 1; n + 1 < smooth.size(); ++n) {
        run += (smooth[n] - smooth[n - 1]).norm();
        if (run >= o.pointSpacing) {
            points.push_back(smooth[n]);
            run = 0;
        }
    }
    if ((points.back() - smooth.back()).norm() < o.pointSpacing / 2 && points.size() > 1)
        points.back() = smooth.back();
    else
        points.push_back(smooth.back());
    return points;
}

} // namespace hf
