#include "PixelConversion.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace hf {
namespace {

// Stored value of pixel p, masked to Bits Stored and sign-extended (bits above are overlays or junk).
template <class Raw>
inline std::int64_t storedValue(const std::byte* source, size_t p, int shift, std::uint32_t mask, bool isSigned, int bitsStored)
{
    Raw raw;
    std::memcpy(&raw, source + p * sizeof(Raw), sizeof(Raw));
    std::uint32_t v = (std::uint32_t(raw) >> shift) & mask;
    if (isSigned && bitsStored < 32 && (v >> (bitsStored - 1)) & 1u)
        return std::int64_t(v) - (std::int64_t(1) << bitsStored);
    if (isSigned && bitsStored == 32)
        return std::int32_t(v);
    return v;
}

template <class Raw, class Out>
void convertGray(const std::byte* source, const StoredPixelFormat& f, size_t count, std::byte* destination)
{
    const int shift = std::max(0, f.highBit + 1 - f.bitsStored);
    const std::uint32_t mask = f.bitsStored >= 32 ? 0xffffffffu : ((1u << f.bitsStored) - 1u);
    const bool identity = f.slope == 1.0 && f.intercept == 0.0;
    for (size_t p = 0; p < count; ++p) {
        const std::int64_t s = storedValue<Raw>(source, p, shift, mask, f.isSigned, f.bitsStored);
        Out out;
        if constexpr (std::is_floating_point_v<Out>)
            out = Out(identity ? double(s) : double(s) * f.slope + f.intercept);
        else
            out = Out(identity ? s : std::llround(double(s) * f.slope + f.intercept));
        std::memcpy(destination + p * sizeof(Out), &out, sizeof(Out));
    }
}

template <class Out>
void convertGrayFrom(const std::byte* source, const StoredPixelFormat& f, size_t count, std::byte* destination)
{
    switch (f.bitsAllocated) {
    case 8: convertGray<std::uint8_t, Out>(source, f, count, destination); break;
    case 16: convertGray<std::uint16_t, Out>(source, f, count, destination); break;
    default: convertGray<std::uint32_t, Out>(source, f, count, destination); break;
    }
}

void convertRgb(const std::byte* source, const StoredPixelFormat& f, size_t count, std::byte* destination)
{
    const size_t step = f.bitsAllocated / 8;  // 16-bit colour keeps its high byte
    auto sample = [&](size_t index) { return std::uint8_t(source[index * step + (step - 1)]); };
    for (size_t p = 0; p < count; ++p)
        for (int c = 0; c < 3; ++c) {
            const size_t index = f.planarConfiguration == 1 ? size_t(c) * count + p : p * 3 + size_t(c);
            destination[p * 3 + size_t(c)] = std::byte(sample(index));
        }
}

} // namespace

double lowestValue(const StoredPixelFormat& f)
{
    const double lo = f.isSigned ? -std::ldexp(1.0, f.bitsStored - 1) : 0.0;
    const double hi = f.isSigned ? std::ldexp(1.0, f.bitsStored - 1) - 1 : std::ldexp(1.0, f.bitsStored) - 1;
    return std::min(lo * f.slope + f.intercept, hi * f.slope + f.intercept);
}

double highestValue(const StoredPixelFormat& f)
{
    const double lo = f.isSigned ? -std::ldexp(1.0, f.bitsStored - 1) : 0.0;
    const double hi = f.isSigned ? std::ldexp(1.0, f.bitsStored - 1) - 1 : std::ldexp(1.0, f.bitsStored) - 1;
    return std::max(lo * f.slope + f.intercept, hi * f.slope + f.intercept);
}

void convertFrame(const std::byte* source, const StoredPixelFormat& format, size_t pixelCount,
                  VoxelType destinationType, std::byte* destination)
{
    switch (destinationType) {
    case VoxelType::Int16: convertGrayFrom<std::int16_t>(source, format, pixelCount, destination); break;
    case VoxelType::UInt16: convertGrayFrom<std::uint16_t>(source, format, pixelCount, destination); break;
    case VoxelType::Float32: convertGrayFrom<float>(source, format, pixelCount, destination); break;
    case VoxelType::Rgb8: convertRgb(source, format, pixelCount, destination); break;
    }
}

} // namespace hf
