#pragma once
// Writes baseline TIFF files (uncompressed, one page per image, strips of whole rows):
// 8-bit RGB pictures and 16-bit signed or unsigned greyscale modality values, with the pixel
// spacing in the resolution tags (pixels per centimetre). Written to a temporary file that is
// renamed at the end, so a failure never leaves half a file. Any thread.
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

struct TiffPage {
    int width = 0, height = 0;
    int samplesPerPixel = 1;  // 1 grey, 3 RGB
    int bitsPerSample = 8;    // 8 or 16
    bool signedSamples = false;
    std::vector<std::uint8_t> data;  // rows top to bottom, samples interleaved, native (little) endian
    double pixelsPerCmX = 0, pixelsPerCmY = 0;  // 0: no resolution written
    std::string description;                    // ImageDescription, optional
};

// Throws std::runtime_error naming the path and the reason (unwritable folder, disk full).
void writeTiff(const std::string& path, const std::vector<TiffPage>& pages);

} // namespace hf
