#pragma once
// Curved planar reformats of a volume along a path (a vessel, a spine, a bowel loop), sampled
// by trilinear interpolation at the volume's finest spacing:
// - straightened: row r is the path `r x spacing` mm from its start, column c lies across it
//   along the station's normal turned by `degrees` (a straight vessel of constant width);
// - stretched: one direction across the whole path; rows as far apart as the path runs at right
//   angles to it, columns along it, each row placed where the path is along it (its bends in
//   that direction show, the others are flattened);
// - cross-section: a square image at right angles to the path at one station.
// Any thread (rows are spread over the cores).
#include "hf/dicomio/CurvedPath.h"

#include <vector>

namespace hf {

class Volume;

struct ReformatImage {
    int width = 0, height = 0;
    double spacing = 1;         // mm per pixel, both ways
    std::vector<float> values;  // row-major, row 0 first; NaN outside the volume
    std::vector<double> rowArcLength;  // straightened and stretched: the path's arc length on each row
    std::vector<double> pathColumn;    // ... and the column the path runs through there
    float at(int column, int row) const { return values[size_t(row) * size_t(width) + size_t(column)]; }
};

// Refuse more than this many pixels (a path across the patient at a tiny spacing) by throwing
// std::invalid_argument, rather than sampling for minutes.
constexpr double kMaxReformatPixels = 16e6;

ReformatImage straightenedReformat(const Volume& volume, const CurvedPath& path, double widthMm, double degrees, double spacing = 0);
ReformatImage stretchedReformat(const Volume& volume, const CurvedPath& path, double widthMm, double degrees, double spacing = 0);
ReformatImage pathCrossSection(const Volume& volume, const CurvedPath& path, double arcLength, double widthMm, double degrees,
                               double spacing = 0);

} // namespace hf
