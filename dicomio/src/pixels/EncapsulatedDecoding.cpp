#include "EncapsulatedDecoding.h"

#include "EncapsulatedFrames.h"
#include "PaletteColor.h"
#include "PixelConversion.h"
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/Volume.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace hf {

bool preadFully(int fd, std::byte* out, size_t bytes, std::uint64_t offset)
{
    while (bytes > 0) {
        const ssize_t got = pread(fd, out, bytes, off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        out += got;
        bytes -= size_t(got);
        offset += std::uint64_t(got);
    }
    return true;
}

std::string decodeEncapsulatedFile(const FrameHeader& h, std::uint64_t pixelDataEnd, const std::vector<FrameTarget>& frames,
                                   FrameDecoder decoder, CodestreamStart startsCodestream, Volume& volume,
                                   const PaletteTables* palette)
{
    if (!h.pixelDataOffset || pixelDataEnd <= h.pixelDataOffset || h.pixelDataLength != 0xffffffffu)
        return "this transfer syntax needs encapsulated Pixel Data";
    std::vector<std::uint8_t> value(size_t(pixelDataEnd - h.pixelDataOffset));
    const int fd = open(h.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::string("cannot open file: ") + std::strerror(errno);
    const bool read = preadFully(fd, reinterpret_cast<std::byte*>(value.data()), value.size(), h.pixelDataOffset);
    close(fd);
    if (!read)
        return "cannot read the pixel data";
    const EncapsulatedFrames split = splitEncapsulatedFrames(value.data(), value.size(), h.framesInFile, startsCodestream);
    if (!split.error.empty())
        return split.error;
    FrameShape shape;
    shape.columns = h.columns;
    shape.rows = h.rows;
    shape.samplesPerPixel = h.samplesPerPixel;
    shape.bitsAllocated = h.bitsAllocated;
    shape.isSigned = h.pixelSigned;
    if ((palette ? 3 : shape.samplesPerPixel) != volume.components())
        return "Samples per Pixel does not match the rest of the stack";
    if (palette && (shape.samplesPerPixel != 1 || (shape.bitsAllocated != 8 && shape.bitsAllocated != 16)))
        return "palette colour needs 8- or 16-bit single-sample indices";
    StoredPixelFormat format = storedFormatOf(h);
    format.planarConfiguration = 0;  // our decoders interleave
    const size_t pixels = size_t(h.columns) * size_t(h.rows);
    std::unique_ptr<std::byte[]> scratch(new std::byte[pixels * size_t(h.samplesPerPixel) * size_t(h.bitsAllocated / 8)]);
    for (const auto& f : frames) {
        if (f.frameIndex < 0 || size_t(f.frameIndex) >= split.frames.size())
            return "frame " + std::to_string(f.frameIndex) + " missing from pixel data";
        const auto& codestream = split.frames[size_t(f.frameIndex)];
        if (std::string error = decoder(codestream.data(), codestream.size(), shape, scratch.get()); !error.empty())
            return error;
        if (palette) {
            applyPalette(*palette, scratch.get(), shape.bitsAllocated, pixels, volume.slice(f.slice));
            continue;
        }
        format.slope = f.slope;
        format.intercept = f.intercept;
        convertFrame(scratch.get(), format, pixels, volume.type(), volume.slice(f.slice));
    }
    return {};
}

} // namespace hf
