#pragma once
// Converts decoded stored pixel values of one frame into modality values of the volume's voxel
// type. Source and destination may be the same memory when both use two bytes per pixel.
#include "hf/dicomio/Volume.h"

#include <cstddef>

namespace hf {

struct StoredPixelFormat {
    int bitsAllocated = 16;
    int bitsStored = 16;
    int highBit = 15;
    bool isSigned = false;
    int samplesPerPixel = 1;
    int planarConfiguration = 0;
    double slope = 1, intercept = 0;
};

void convertFrame(const std::byte* source, const StoredPixelFormat& format, size_t pixelCount,
                  VoxelType destinationType, std::byte* destination);

// The lowest modality value a stored format can produce (used to fill slices that failed).
double lowestValue(const StoredPixelFormat& format);
double highestValue(const StoredPixelFormat& format);

} // namespace hf
