#pragma once
// Fusion: another series of the same patient space (PET, SPECT, a parametric map) drawn over a
// plane of the base image in a colour table. The overlay is resampled in patient space at each
// pixel of the plane (trilinear), so grids, spacings and extents may differ. No VTK: the layer
// is an RGBA image the scenes put over their plane. Any thread.
#include "hf/dicomio/SlicePlane.h"
#include "hf/rendering/ColourTable.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hf {

class Volume;

struct FusionLook {
    ColourTable table;
    double lower = 0, upper = 1;  // the overlay's window, in its display units
    double opacity = 0.5;         // 0..1
};

// What the overlay's values are shown in: SUV where its SUV is known (the factor), else its own
// units (1).
double fusionDisplayScale(const Volume& overlay);
// A first window: SUV 0 to 5 on PET with SUV, else 0 to half the overlay's maximum.
FusionLook defaultFusionLook(const Volume& overlay, ColourTable table);

// The overlay at each pixel centre of `plane` (row 0 first, columns x rows x RGBA): the table's
// colour at `opacity`; transparent at or below the window's lower end and outside the overlay.
std::vector<std::uint8_t> fusionLayer(const Volume& overlay, const SlicePlane& plane, const FusionLook& look);
// The overlay's value (display units) at a patient point, trilinear; nothing outside it.
std::optional<double> fusedValueAt(const Volume& overlay, const Vec3& lps);

} // namespace hf
