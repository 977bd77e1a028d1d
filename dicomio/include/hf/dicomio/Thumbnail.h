#pragma once
// A small 8-bit picture of one slice, for the study list: the file's first window (else the
// slice's value range), MONOCHROME1 inverted, true aspect for non-square pixels, box-averaged
// down to fit maxSize. Pure function; any thread.
#include <cstdint>
#include <vector>

namespace hf {

class Volume;

struct Thumbnail {
    int width = 0, height = 0;
    int channels = 1;  // 1 grey, 3 RGB
    std::vector<std::uint8_t> pixels;
};

Thumbnail makeThumbnail(const Volume& volume, int slice, int maxSize);

} // namespace hf
