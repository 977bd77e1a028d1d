#pragma once
// Decodes a file's encapsulated frames with a decoder of our own choosing (not GDCM's): the
// Pixel Data value is read within the bounds the preflight walked, split into frames, each
// frame decoded to stored samples and converted into its slice.
#include "FrameShape.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

class Volume;
struct FrameHeader;
struct PaletteTables;

struct FrameTarget {
    int frameIndex;  // inside the file
    int slice;       // in the volume
    double slope, intercept;
};

using FrameDecoder = std::string (*)(const std::uint8_t* codestream, size_t size, const FrameShape& shape, std::byte* out);
using CodestreamStart = bool (*)(const std::uint8_t* fragment, size_t size);

// `palette`: the decoded samples are palette indices, made RGB through these tables.
std::string decodeEncapsulatedFile(const FrameHeader& header, std::uint64_t pixelDataEnd, const std::vector<FrameTarget>& frames,
                                   FrameDecoder decoder, CodestreamStart startsCodestream, Volume& volume,
                                   const PaletteTables* palette = nullptr);

// pread until `bytes` are read; false on an error or the end of the file.
bool preadFully(int fd, std::byte* out, size_t bytes, std::uint64_t offset);

} // namespace hf
