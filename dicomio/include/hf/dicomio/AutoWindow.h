#pragma once
// A window from the histogram of a slice: the range between two percentiles of its values,
// so a few outliers (metal, background zeros) do not flatten the contrast. Any thread.
#include "hf/dicomio/FrameHeader.h"

namespace hf {

class Volume;

// Over slice `slice` of a greyscale volume; percentiles in [0, 100]. An empty or constant slice
// gives a window of width 1 at its value.
WindowPreset autoWindow(const Volume& volume, int slice, double lowPercentile = 1, double highPercentile = 99);

} // namespace hf
