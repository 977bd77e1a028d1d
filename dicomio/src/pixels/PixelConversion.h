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
    // YBR_FULL or YBR_FULL_422 as GDCM hands it out (422 already expanded to Y Cb Cr per
    // pixel): converted to RGB.
    bool ybr = false;
    // 422 chroma subsampling on disk: two bytes per pixel in native pixel data.
    bool subsampled422 = false;
    double slope = 1, intercept = 0;
    // IEEE samples (Float / Double Float Pixel Data): bitsAllocated 32 or 64.
    bool isFloat = false;
    // Modality LUT Sequence: stored values map through it instead of slope/intercept. Not owned.
    const VoiLut* modalityLut = nullptr;
};

// A header's stored format, with its rescale.
StoredPixelFormat storedFormatOf(const FrameHeader& header);

void convertFrame(const std::byte* source, const StoredPixelFormat& format, size_t pixelCount,
                  VoxelType destinationType, std::byte* destination);

// Bytes one frame occupies in native (uncompressed) pixel data on disk.
size_t nativeFrameBytes(const StoredPixelFormat& format, size_t pixelCount);
// Bytes one frame occupies in GDCM's decoded buffer.
size_t decodedFrameBytes(const StoredPixelFormat& format, size_t pixelCount);

// The lowest modality value a stored format can produce (used to fill slices that failed).
double lowestValue(const StoredPixelFormat& format);
double highestValue(const StoredPixelFormat& format);

} // namespace hf
