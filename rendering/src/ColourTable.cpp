#include "hf/rendering/ColourTable.h"

#include <algorithm>
#include <cmath>

namespace hf {

ColourTable::ColourTable()
    : ColourTable("Grey", {})
{
}

ColourTable::ColourTable(std::string name, std::vector<ColourStop> stops)
    : m_name(std::move(name))
{
    if (stops.size() < 2)
        stops = {{0, 0, 0, 0}, {1, 255, 255, 255}};
    std::stable_sort(stops.begin(), stops.end(), [](const ColourStop& a, const ColourStop& b) { return a.position < b.position; });
    for (size_t e = 0; e < m_entries.size(); ++e) {
        const double f = double(e) / 255;
        auto above = std::find_if(stops.begin(), stops.end(), [f](const ColourStop& s) { return s.position >= f; });
        if (above == stops.begin() || above == stops.end()) {
            const ColourStop& s = above == stops.end() ? stops.back() : *above;
            m_entries[e] = {s.r, s.g, s.b};
            continue;
        }
        const ColourStop& below = *(above - 1);
        const double span = above->position - below.position;
        const double t = span > 0 ? (f - below.position) / span : 1;
        const auto mix = [t](std::uint8_t a, std::uint8_t b) { return std::uint8_t(std::lround(a + (b - a) * t)); };
        m_entries[e] = {mix(below.r, above->r), mix(below.g, above->g), mix(below.b, above->b)};
    }
}

} // namespace hf
