#include "PixelConversion.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace hf {

StoredPixelFormat storedFormatOf(const FrameHeader& h)
{
    StoredPixelFormat f;
    f.bitsAllocated = h.bitsAllocated;
    f.bitsStored = h.bitsStored;
    f.highBit = h.highBit;
    f.isSigned = h.pixelSigned;
    f.samplesPerPixel = h.samplesPerPixel;
    f.planarConfiguration = h.planarConfiguration;
    f.slope = h.rescaleSlope;
    f.intercept = h.rescaleIntercept;
    f.isFloat = h.floatSamples;
    f.modalityLut = h.modalityLut.empty() ? nullptr : &h.modalityLut;
    return f;
}
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
    // The common CT case (16-bit stored, slope 1, whole-number intercept) in integers only, in a
    // branch-free loop the compiler vectorises: this is the hot loop of loading a series.
    if constexpr (!std::is_floating_point_v<Out> && sizeof(Raw) == 2 && sizeof(Out) == 2) {
        if (!f.modalityLut && f.slope == 1.0 && std::floor(f.intercept) == f.intercept && std::abs(f.intercept) < 65536 && f.bitsStored <= 16) {
            const auto offset = std::int32_t(f.intercept);
            const int signShift = 32 - f.bitsStored;
            const auto* in = reinterpret_cast<const std::uint16_t*>(source);
            auto* out = reinterpret_cast<Out*>(destination);
            if (f.isSigned) {
                for (size_t p = 0; p < count; ++p) {
                    const std::uint32_t v = (std::uint32_t(in[p]) >> shift) & mask;
                    out[p] = Out(std::int32_t(v << signShift) >> signShift) + Out(offset);
                }
            } else {
                for (size_t p = 0; p < count; ++p)
                    out[p] = Out(std::int32_t((std::uint32_t(in[p]) >> shift) & mask) + offset);
            }
            return;
        }
    }
    if (const VoiLut* lut = f.modalityLut) {
        // Values before the first mapped one take the first entry, after the last the last.
        const std::int64_t last = std::int64_t(lut->data.size()) - 1;
        for (size_t p = 0; p < count; ++p) {
            const std::int64_t s = storedValue<Raw>(source, p, shift, mask, f.isSigned, f.bitsStored);
            const auto out = Out(lut->data[size_t(std::clamp<std::int64_t>(s - lut->firstMapped, 0, last))]);
            std::memcpy(destination + p * sizeof(Out), &out, sizeof(Out));
        }
        return;
    }
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

// Float / Double Float Pixel Data into a float volume, through slope and intercept.
template <class Raw>
void convertFloat(const std::byte* source, const StoredPixelFormat& f, size_t count, std::byte* destination)
{
    for (size_t p = 0; p < count; ++p) {
        Raw raw;
        std::memcpy(&raw, source + p * sizeof(Raw), sizeof(Raw));
        const auto out = float(double(raw) * f.slope + f.intercept);
        std::memcpy(destination + p * sizeof(float), &out, sizeof(float));
    }
}

// PS3.3 C.7.6.3.1.2: YBR_FULL to RGB, for samples 0..top (chroma centred on half of top + 1).
void ybrToRgb(double y, double cb, double cr, double top, double rgb[3])
{
    const double half = (top + 1) / 2;
    rgb[0] = y + 1.402 * (cr - half);
    rgb[1] = y - 0.344136 * (cb - half) - 0.714136 * (cr - half);
    rgb[2] = y + 1.772 * (cb - half);
    for (int c = 0; c < 3; ++c)
        rgb[c] = std::clamp(std::round(rgb[c]), 0.0, top);
}

std::uint32_t colourSample(const std::byte* source, size_t index, int bitsAllocated)
{
    switch (bitsAllocated) {
    case 8: return std::uint8_t(source[index]);
    case 16: { std::uint16_t v; std::memcpy(&v, source + 2 * index, 2); return v; }
    default: { std::uint32_t v; std::memcpy(&v, source + 4 * index, 4); return v; }
    }
}

// Colour samples into Out per channel at their own depth (the loader picks Out wide enough for
// every slice, except beside palette colour, which is 8-bit: wider samples then keep their high byte).
template <class Out>
void convertRgb(const std::byte* source, const StoredPixelFormat& f, size_t count, std::byte* destination)
{
    const int outBits = int(sizeof(Out)) * 8;
    const int shift = std::max(0, f.bitsAllocated - outBits);
    const double top = std::ldexp(1.0, std::min(f.bitsAllocated, outBits)) - 1;
    for (size_t p = 0; p < count; ++p) {
        double v[3];
        for (int c = 0; c < 3; ++c)
            v[c] = double(colourSample(source, f.planarConfiguration == 1 ? size_t(c) * count + p : p * 3 + size_t(c), f.bitsAllocated) >> shift);
        if (f.ybr) {
            double rgb[3];
            ybrToRgb(v[0], v[1], v[2], top, rgb);
            std::copy(rgb, rgb + 3, v);
        }
        for (int c = 0; c < 3; ++c) {
            const auto out = Out(v[c]);
            std::memcpy(destination + (p * 3 + size_t(c)) * sizeof(Out), &out, sizeof(Out));
        }
    }
}

} // namespace

size_t decodedFrameBytes(const StoredPixelFormat& f, size_t pixelCount)
{
    return pixelCount * size_t(f.samplesPerPixel) * size_t(f.bitsAllocated / 8);
}

size_t nativeFrameBytes(const StoredPixelFormat& f, size_t pixelCount)
{
    if (f.subsampled422 && f.samplesPerPixel == 3)
        return pixelCount * 2 * size_t(f.bitsAllocated / 8);
    return decodedFrameBytes(f, pixelCount);
}

double lowestValue(const StoredPixelFormat& f)
{
    if (f.isFloat)
        return f.intercept;  // a stored 0: what a failed slice of a parametric map shows
    if (f.modalityLut)
        return 0;
    const double lo = f.isSigned ? -std::ldexp(1.0, f.bitsStored - 1) : 0.0;
    const double hi = f.isSigned ? std::ldexp(1.0, f.bitsStored - 1) - 1 : std::ldexp(1.0, f.bitsStored) - 1;
    return std::min(lo * f.slope + f.intercept, hi * f.slope + f.intercept);
}

double highestValue(const StoredPixelFormat& f)
{
    if (f.modalityLut)
        return std::ldexp(1.0, f.modalityLut->bits) - 1;
    const double lo = f.isSigned ? -std::ldexp(1.0, f.bitsStored - 1) : 0.0;
    const double hi = f.isSigned ? std::ldexp(1.0, f.bitsStored - 1) - 1 : std::ldexp(1.0, f.bitsStored) - 1;
    return std::max(lo * f.slope + f.intercept, hi * f.slope + f.intercept);
}

void convertFrame(const std::byte* source, const StoredPixelFormat& format, size_t pixelCount,
                  VoxelType destinationType, std::byte* destination)
{
    if (format.isFloat) {
        // Only a float volume holds them (VolumeLoader::chooseVoxelType).
        if (destinationType == VoxelType::Float32)
            format.bitsAllocated == 64 ? convertFloat<double>(source, format, pixelCount, destination)
                                       : convertFloat<float>(source, format, pixelCount, destination);
        return;
    }
    switch (destinationType) {
    case VoxelType::Int16: convertGrayFrom<std::int16_t>(source, format, pixelCount, destination); break;
    case VoxelType::UInt16: convertGrayFrom<std::uint16_t>(source, format, pixelCount, destination); break;
    case VoxelType::Float32: convertGrayFrom<float>(source, format, pixelCount, destination); break;
    case VoxelType::Rgb8: convertRgb<std::uint8_t>(source, format, pixelCount, destination); break;
    case VoxelType::Rgb16: convertRgb<std::uint16_t>(source, format, pixelCount, destination); break;
    case VoxelType::Rgb32: convertRgb<std::uint32_t>(source, format, pixelCount, destination); break;
    }
}

} // namespace hf
