#pragma once
// Sequence of Ultrasound Regions (0018,6011; PS3.3 C.8.5.5): an ultrasound image is a mosaic of
// regions (a B-mode sector, a Doppler strip...), each with its own physical units and pixel
// deltas. A measurement is calibrated by the one region that holds all its points.
#include <string>
#include <vector>

namespace hf {

struct UltrasoundRegion {
    int minX = 0, minY = 0, maxX = 0, maxY = 0;  // Region Location Min/Max X0 Y0 X1 Y1, pixels, inclusive
    int unitsX = 0, unitsY = 0;                  // Physical Units X/Y Direction codes (3: cm, 4: s, 7: cm/s...)
    double deltaX = 0, deltaY = 0;               // Physical Delta X/Y: units per pixel
    int dataType = 0;                            // Region Data Type (1: tissue, 3: PW Doppler spectrum...)

    bool contains(double i, double j) const { return i >= minX - 0.5 && i <= maxX + 0.5 && j >= minY - 0.5 && j <= maxY + 0.5; }
    bool calibrated() const { return unitsX > 0 && unitsY > 0 && deltaX > 0 && deltaY > 0; }
    bool sameCalibration(const UltrasoundRegion& o) const
    {
        return unitsX == o.unitsX && unitsY == o.unitsY && deltaX == o.deltaX && deltaY == o.deltaY;
    }
};

// "cm", "s", "cm/s", "dB"... for a Physical Units code (PS3.3 C.8.5.5.1.15); empty for "none".
std::string ultrasoundUnitName(int code);

// The first region holding pixel (i, j), or nullptr.
const UltrasoundRegion* ultrasoundRegionAt(const std::vector<UltrasoundRegion>& regions, double i, double j);

} // namespace hf
