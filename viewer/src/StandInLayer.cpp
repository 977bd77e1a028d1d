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

    // -1: outside the stack.
    int sliceAt(const Vec3& p) const
    {
        const StackGeometry& g = m_geometry;
        const Vec3 index = g.toIndex(p);
        if (index.x < -0.5 || index.x > g.columns - 0.5 || index.y < -0.5 || index.y > g.rows - 0.5)
            return -1;
        if (m_along.empty()) {
            const long k = std::lround(index.z);
            return k >= 0 && k < g.slices ? int(k) : -1;
        }
        const double along = (p - g.origin).dot(g.normal);
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
    std::vector<std::uint8_t> rgba(size_t(plane.columns) * size_t(plane.rows) * 4, 0);
    const Vec3 stepColumn = plane.rowDirection * plane.columnSpacing, stepRow = plane.columnDirection * plane.rowSpacing;
    for (int r = 0; r < plane.rows; ++r)
        for (int c = 0; c < plane.columns; ++c) {
            if (!volume.sliceToCome(finder.sliceAt(plane.origin + stepColumn * double(c) + stepRow * double(r))))
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
