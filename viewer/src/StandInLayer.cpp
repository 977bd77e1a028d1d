#include "hf/viewer/StandInLayer.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace hf {
namespace {

// Which slice a patient point lies on: by the slices' own positions along the normal when the
// volume has them (an arriving stack may be unevenly spaced), else by the grid.
class SliceFinder {
public:
    explicit SliceFinder(const Volume& volume)
        : m_geometry(volume.geometry())
    {
        const StackGeometry& g = m_geometry;
        if (int(volume.slicePositions.size()) != g.slices)
            return;
        for (int k = 0; k < g.slices; ++k)
            m_along.push_back({(volume.slicePositions[size_t(k)] - g.origin).dot(g.normal), k});
        std::sort(m_along.begin(), m_along.end());
        m_halfGap = g.sliceSpacing > 0 ? g.sliceSpacing / 2 : 0.5;
    }

    // -1: outside the stack. index: the point's continuous voxel index; along: its distance
    // from the origin along the normal (both affine in the plane's pixels: the caller steps them).
    int sliceAt(const Vec3& index, double along) const
    {
        const StackGeometry& g = m_geometry;
        if (index.x < -0.5 || index.x > g.columns - 0.5 || index.y < -0.5 || index.y > g.rows - 0.5)
            return -1;
        if (m_along.empty()) {
            const long k = std::lround(index.z);
            return k >= 0 && k < g.slices ? int(k) : -1;
        }
        auto after = std::lower_bound(m_along.begin(), m_along.end(), std::make_pair(along, -1));
        const std::pair<double, int>* nearest = nullptr;
        if (after != m_along.end())
            nearest = &*after;
        if (after != m_along.begin() && (!nearest || along - std::prev(after)->first < nearest->first - along))
            nearest = &*std::prev(after);
        return nearest && std::abs(nearest->first - along) <= m_halfGap ? nearest->second : -1;
    }

private:
    const StackGeometry& m_geometry;
    std::vector<std::pair<double, int>> m_along;  // each slice's distance along the normal, sorted
    double m_halfGap = 0.5;
};

} // namespace

std::vector<std::uint8_t> StandInLayer::over(const Volume& volume, const SlicePlane& plane, int& covered)
{
    covered = 0;
    if (std::none_of(volume.slicesToCome.begin(), volume.slicesToCome.end(), [](bool c) { return c; }) || plane.columns <= 0 ||
        plane.rows <= 0)
        return {};
    const SliceFinder finder(volume);
    const StackGeometry& g = volume.geometry();
    std::vector<std::uint8_t> rgba(size_t(plane.columns) * size_t(plane.rows) * 4, 0);
    // Index and distance along the normal at the first pixel and per step: no inversion per pixel
    // (the planes are made again at every move of the crosshair).
    const Vec3 stepColumn = plane.rowDirection * plane.columnSpacing, stepRow = plane.columnDirection * plane.rowSpacing;
    const Vec3 index0 = g.toIndex(plane.origin);
    const Vec3 indexPerColumn = g.toIndex(plane.origin + stepColumn) - index0, indexPerRow = g.toIndex(plane.origin + stepRow) - index0;
    const double along0 = (plane.origin - g.origin).dot(g.normal);
    const double alongPerColumn = stepColumn.dot(g.normal), alongPerRow = stepRow.dot(g.normal);
    for (int r = 0; r < plane.rows; ++r)
        for (int c = 0; c < plane.columns; ++c) {
            const Vec3 index = index0 + indexPerColumn * double(c) + indexPerRow * double(r);
            if (!volume.sliceToCome(finder.sliceAt(index, along0 + alongPerColumn * c + alongPerRow * r)))
                continue;
            ++covered;
            // Diagonal stripes 4 pixels wide over a faint tint: unlike any image or label colour.
            const bool stripe = ((c + r) / 4) % 2 == 0;
            std::uint8_t* px = &rgba[(size_t(r) * size_t(plane.columns) + size_t(c)) * 4];
            px[0] = 90;
            px[1] = 120;
            px[2] = 170;
            px[3] = stripe ? 150 : 60;
        }
    if (!covered)
        return {};
    return rgba;
}

std::string StandInLayer::notice(const Volume& volume)
{
    const auto toCome = std::count(volume.slicesToCome.begin(), volume.slicesToCome.end(), true);
    if (!toCome)
        return {};
    return "Not received yet: " + std::to_string(toCome) + " of " + std::to_string(volume.geometry().slices) + " slices";
}

} // namespace hf
