#pragma once
// DICOM RLE Lossless (PS3.5 Annex G), our own decoder: a 64-byte header of segment offsets, then
// one PackBits segment per byte of each sample, most significant byte first. Debian's GDCM
// aborts on some RLE files (RT Dose without Number of Frames), and every offset and run here
// is checked against the frame's bytes.
#include "FrameShape.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

// Decodes one frame into `out` as native little-endian stored samples, interleaved; returns an
// error naming what is wrong, or empty.
std::string decodeRleFrame(const std::uint8_t* frame, size_t size, const FrameShape& shape, std::byte* out);

} // namespace hf
