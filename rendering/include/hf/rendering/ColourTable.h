#pragma once
// A colour table for an overlay (PET over CT): colours at positions from 0 (the window's lower
// end) to 1 (its upper end), interpolated linearly into 256 entries. The tables live as data
// files (resources/colormaps); app/ reads them and hands the stops here. Value type, any thread.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

struct ColourStop {
    double position;  // 0..1
    std::uint8_t r, g, b;
};

class ColourTable {
public:
    ColourTable();  // grey
    // Stops in any order; fewer than two make the grey table (under this name).
    ColourTable(std::string name, std::vector<ColourStop> stops);

    const std::string& name() const { return m_name; }
    // The colour at `fraction` of the window (clamped to 0..1).
    const std::array<std::uint8_t, 3>& at(double fraction) const
    {
        const double f = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
        return m_entries[size_t(f * 255 + 0.5)];
    }

private:
    std::string m_name;
    std::array<std::array<std::uint8_t, 3>, 256> m_entries{};
};

} // namespace hf
