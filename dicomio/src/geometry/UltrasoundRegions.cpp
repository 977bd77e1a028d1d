#include "hf/dicomio/UltrasoundRegions.h"

namespace hf {

std::string ultrasoundUnitName(int code)
{
    switch (code) {
    case 1: return "%";
    case 2: return "dB";
    case 3: return "cm";
    case 4: return "s";
    case 5: return "Hz";
    case 6: return "dB/s";
    case 7: return "cm/s";
    case 8: return "cm2";
    case 9: return "cm2/s";
    case 0xa: return "cm3";
    case 0xb: return "cm3/s";
    case 0xc: return "deg";
    default: return {};
    }
}

const UltrasoundRegion* ultrasoundRegionAt(const std::vector<UltrasoundRegion>& regions, double i, double j)
{
    for (const auto& r : regions)
        if (r.contains(i, j))
            return &r;
    return nullptr;
}

} // namespace hf
