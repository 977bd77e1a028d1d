#pragma once
// Minimum, maximum and mean of a volume's modality values (all channels for RGB).
#include <cstddef>

namespace hf {

class Volume;

struct VolumeStatistics {
    double min = 0, max = 0, mean = 0;
    size_t count = 0;
};

VolumeStatistics computeStatistics(const Volume& volume);

} // namespace hf
