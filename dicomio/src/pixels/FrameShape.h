#pragma once
// What one decoded frame must look like, from the header: decoders that are ours (RLE) or not
// GDCM's (HTJ2K, JPEG 2000) check their codestream against it and write native stored samples,
// interleaved.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hf {

struct FrameShape {
    int columns = 0, rows = 0, samplesPerPixel = 1;
    int bitsAllocated = 16;
    bool isSigned = false;
};

// Sample `index` of a frame in the shape's stored form (8 or 16 bits), clamped to what that
// form holds: a lossy codestream may overshoot its range by a little.
inline void storeSample(std::byte* out, size_t index, std::int32_t v, const FrameShape& shape)
{
    if (shape.bitsAllocated == 8) {
        const auto b = shape.isSigned ? std::uint8_t(std::int8_t(std::clamp(v, -128, 127))) : std::uint8_t(std::clamp(v, 0, 255));
        out[index] = std::byte(b);
        return;
    }
    const auto w = shape.isSigned ? std::uint16_t(std::int16_t(std::clamp(v, -32768, 32767)))
                                  : std::uint16_t(std::clamp(v, 0, 65535));
    std::memcpy(out + 2 * index, &w, 2);
}

inline std::int32_t loadSample(const std::byte* in, size_t index, const FrameShape& shape)
{
    if (shape.bitsAllocated == 8)
        return shape.isSigned ? std::int32_t(std::int8_t(in[index])) : std::int32_t(std::uint8_t(in[index]));
    std::uint16_t w;
    std::memcpy(&w, in + 2 * index, 2);
    return shape.isSigned ? std::int32_t(std::int16_t(w)) : std::int32_t(w);
}

} // namespace hf
