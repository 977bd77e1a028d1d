#include "RleCodec.h"

#include <cstring>

namespace hf {
namespace {

std::uint32_t le32(const std::uint8_t* p) { return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24; }

// PackBits into exactly `count` bytes; false when the segment ends early.
bool unpackSegment(const std::uint8_t* in, size_t size, std::uint8_t* out, size_t count)
{
    size_t at = 0, written = 0;
    while (written < count) {
        if (at >= size)
            return false;
        const auto n = std::int8_t(in[at++]);
        if (n >= 0) {
            const size_t run = size_t(n) + 1;
            if (at + run > size)
                return false;
            const size_t take = std::min(run, count - written);
            std::memcpy(out + written, in + at, take);
            at += run;
            written += take;
        } else if (n != -128) {
            if (at >= size)
                return false;
            const size_t run = size_t(1 - int(n));
            const size_t take = std::min(run, count - written);
            std::memset(out + written, in[at++], take);
            written += take;
        }
    }
    return true;
}

} // namespace

std::string decodeRleFrame(const std::uint8_t* frame, size_t size, const FrameShape& shape, std::byte* out)
{
    if (shape.bitsAllocated != 8 && shape.bitsAllocated != 16 && shape.bitsAllocated != 32)
        return "RLE with Bits Allocated " + std::to_string(shape.bitsAllocated) + " is not supported";
    if (size < 64)
        return "the RLE frame is shorter than its 64-byte header";
    const int bytesPerSample = shape.bitsAllocated / 8;
    const int segments = shape.samplesPerPixel * bytesPerSample;
    const std::uint32_t declared = le32(frame);
    if (declared != std::uint32_t(segments))
        return "the RLE header declares " + std::to_string(declared) + " segments but " + std::to_string(shape.samplesPerPixel)
               + " samples of " + std::to_string(shape.bitsAllocated) + " bits need " + std::to_string(segments);
    const size_t pixels = size_t(shape.columns) * size_t(shape.rows);
    std::vector<std::uint8_t> plane(pixels);
    for (int s = 0; s < segments; ++s) {
        const std::uint32_t start = le32(frame + 4 + 4 * s);
        const std::uint32_t end = s + 1 < segments ? le32(frame + 8 + 4 * s) : std::uint32_t(size);
        if (start < 64 || start > end || end > size)
            return "RLE segment " + std::to_string(s + 1) + " lies outside the frame (offset " + std::to_string(start) + ")";
        if (!unpackSegment(frame + start, end - start, plane.data(), pixels))
            return "RLE segment " + std::to_string(s + 1) + " ends before Rows x Columns bytes";
        // Segment s holds byte (bytesPerSample - 1 - s % bytesPerSample) of sample s / bytesPerSample.
        const int sample = s / bytesPerSample, byte = bytesPerSample - 1 - s % bytesPerSample;
        const size_t stride = size_t(shape.samplesPerPixel) * size_t(bytesPerSample);
        auto* target = reinterpret_cast<std::uint8_t*>(out) + size_t(sample) * size_t(bytesPerSample) + size_t(byte);
        for (size_t p = 0; p < pixels; ++p)
            target[p * stride] = plane[p];
    }
    return {};
}

} // namespace hf
