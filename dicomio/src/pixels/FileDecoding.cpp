#include "FileDecoding.h"

#include "BoundedFileStreamBuf.h"
#include "HtJ2kCodec.h"
#include "J2kCodec.h"
#include "PaletteColor.h"
#include "PixelConversion.h"
#include "RleCodec.h"
#include "hf/dicomio/Volume.h"

#include <gdcmImageReader.h>
#include <gdcmReader.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace hf {
namespace {

bool isBigEndian(const FrameHeader& h) { return h.transferSyntax == "1.2.840.10008.1.2.2"; }

} // namespace

// Native greyscale needs no decoder: its frames are read from the file straight into their
// slices (one copy out of the page cache), byte-swapped if big endian, and rescaled in place.
// Big endian 32-bit samples are swapped as 32-bit values, as pydicom does (GDCM swaps them as
// 16-bit words, and Debian's GDCM aborts on RT Dose files without Number of Frames); 8-bit
// big endian stays with GDCM, which knows whether its VR swapped byte pairs.
bool canReadDirectly(const FrameHeader& h)
{
    const bool littleEndianNative = h.transferSyntax == "1.2.840.10008.1.2" || h.transferSyntax == "1.2.840.10008.1.2.1";
    const bool sampleSizeKnown = h.floatSamples ? h.bitsAllocated == 32 || h.bitsAllocated == 64
                                                : h.bitsAllocated == 16 || h.bitsAllocated == 32
                                                      || ((h.bitsAllocated == 8 || h.bitsAllocated == 1) && littleEndianNative);
    return (littleEndianNative || isBigEndian(h)) && sampleSizeKnown && h.pixelDataOffset > 0
           && h.pixelDataLength != 0xffffffffu && h.samplesPerPixel == 1
           && (h.photometric == Photometric::Monochrome1 || h.photometric == Photometric::Monochrome2);
}

namespace {

void swapSamples(std::byte* data, size_t samples, int bytesPerSample)
{
    for (size_t p = 0; p < samples; ++p)
        std::reverse(data + p * size_t(bytesPerSample), data + (p + 1) * size_t(bytesPerSample));
}

// Bits Allocated 1 (PS3.5 8.1.1): pixels packed eight to a byte, the first in the least
// significant bit, frames following each other without padding (a frame may start mid-byte).
std::string readPackedBits(int fd, const FileJob& job, Volume& volume)
{
    const FrameHeader& h = *job.header;
    const size_t pixels = size_t(h.rows) * size_t(h.columns);
    std::vector<std::uint8_t> packed(pixels / 8 + 2);
    std::vector<std::byte> unpacked(pixels);
    StoredPixelFormat format = storedFormatOf(h);
    format.bitsAllocated = 8;
    format.bitsStored = 1;
    format.highBit = 0;
    format.isSigned = false;
    for (const auto& f : job.frames) {
        const std::uint64_t firstBit = std::uint64_t(f.frameIndex) * pixels;
        const size_t bytes = size_t((firstBit % 8 + pixels + 7) / 8);
        if (!preadFully(fd, reinterpret_cast<std::byte*>(packed.data()), bytes, h.pixelDataOffset + firstBit / 8))
            return "cannot read frame " + std::to_string(f.frameIndex) + " of the pixel data";
        for (size_t p = 0; p < pixels; ++p) {
            const size_t bit = size_t(firstBit % 8) + p;
            unpacked[p] = std::byte((packed[bit / 8] >> (bit % 8)) & 1u);
        }
        format.slope = f.slope;
        format.intercept = f.intercept;
        convertFrame(unpacked.data(), format, pixels, volume.type(), volume.slice(f.slice));
    }
    return {};
}

std::string readDirectly(const FileJob& job, Volume& volume)
{
    const FrameHeader& h = *job.header;
    const int fd = open(job.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::string("cannot open file: ") + std::strerror(errno);
    if (h.bitsAllocated == 1) {
        std::string error = readPackedBits(fd, job, volume);
        close(fd);
        return error;
    }
    const size_t pixels = size_t(h.rows) * size_t(h.columns);
    const size_t frameBytes = pixels * size_t(h.bitsAllocated / 8);
    const bool inPlace = frameBytes == volume.sliceBytes();
    std::unique_ptr<std::byte[]> scratch(inPlace ? nullptr : new std::byte[frameBytes]);
    std::string error;
    for (const auto& f : job.frames) {
        std::byte* target = inPlace ? volume.slice(f.slice) : scratch.get();
        if (!preadFully(fd, target, frameBytes, h.pixelDataOffset + std::uint64_t(f.frameIndex) * frameBytes)) {
            error = "cannot read frame " + std::to_string(f.frameIndex) + " of the pixel data";
            break;
        }
        if (isBigEndian(h))
            swapSamples(target, pixels, h.bitsAllocated / 8);
        StoredPixelFormat format = storedFormatOf(h);
        format.slope = f.slope;
        format.intercept = f.intercept;
        convertFrame(target, format, pixels, volume.type(), volume.slice(f.slice));
    }
    close(fd);
    return error;
}

StoredPixelFormat formatFrom(const gdcm::PixelFormat& pf, int planar)
{
    StoredPixelFormat f;
    f.bitsAllocated = pf.GetBitsAllocated();
    f.bitsStored = pf.GetBitsStored() ? pf.GetBitsStored() : f.bitsAllocated;
    f.highBit = pf.GetHighBit() ? pf.GetHighBit() : f.bitsStored - 1;
    f.isSigned = pf.GetPixelRepresentation() == 1;
    f.samplesPerPixel = pf.GetSamplesPerPixel();
    f.planarConfiguration = planar;
    return f;
}

// Decodes one file's frames into their slices. Returns an error message, or empty on success.
// Palette colour: GDCM decodes the indices, our own bounds-checked tables make them RGB
// (GDCM's lookup-table code is where several of its unfixed out-of-bounds bugs live).
std::string decodePalette(const FileJob& job, const gdcm::ImageReader& reader, Volume& volume)
{
    const gdcm::Image& image = reader.GetImage();
    std::string error;
    const PaletteTables tables = readPaletteTables(reader.GetFile().GetDataSet(), error);
    if (!error.empty())
        return error;
    const gdcm::PixelFormat& pf = image.GetPixelFormat();
    if (pf.GetSamplesPerPixel() != 1 || (pf.GetBitsAllocated() != 8 && pf.GetBitsAllocated() != 16))
        return "palette colour needs 8- or 16-bit single-sample indices";
    const size_t pixels = size_t(volume.geometry().columns) * size_t(volume.geometry().rows);
    const size_t frameBytes = pixels * (pf.GetBitsAllocated() / 8);
    const unsigned frames = image.GetNumberOfDimensions() == 3 ? image.GetDimensions()[2] : 1;
    if (image.GetBufferLength() < frameBytes * frames)
        return "pixel buffer shorter than Rows x Columns x Frames";
    std::unique_ptr<char[]> indices(new char[image.GetBufferLength()]);
    if (!image.GetBuffer(indices.get()))
        return "cannot decode pixel data";
    for (const auto& f : job.frames) {
        if (f.frameIndex < 0 || unsigned(f.frameIndex) >= frames)
            return "frame " + std::to_string(f.frameIndex) + " missing from pixel data";
        applyPalette(tables, reinterpret_cast<const std::byte*>(indices.get()) + size_t(f.frameIndex) * frameBytes,
                     pf.GetBitsAllocated(), pixels, volume.slice(f.slice));
    }
    return {};
}

// GDCM's image reader builds palette tables as it reads and aborts on bad (and segmented) ones:
// ours are read first with a plain parse.
std::string readPaletteTablesOf(const std::string& path, PaletteTables& tables)
{
    gdcm::Reader reader;
    reader.SetFileName(path.c_str());
    const gdcm::Tag pixelData(0x7fe0, 0x0010);
    if (!reader.ReadUpToTag(pixelData, {pixelData}))
        return "cannot read the palette colour tables";
    std::string error;
    tables = readPaletteTables(reader.GetFile().GetDataSet(), error);
    return error;
}

// Native palette indices: read by our own bounded reads, made RGB by our tables.
std::string readPaletteDirectly(const FileJob& job, const PaletteTables& tables, Volume& volume)
{
    const FrameHeader& h = *job.header;
    const int fd = open(job.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::string("cannot open file: ") + std::strerror(errno);
    const size_t pixels = size_t(h.rows) * size_t(h.columns);
    const size_t frameBytes = pixels * size_t(h.bitsAllocated / 8);
    std::unique_ptr<std::byte[]> indices(new std::byte[frameBytes]);
    std::string error;
    for (const auto& f : job.frames) {
        if (!preadFully(fd, indices.get(), frameBytes, h.pixelDataOffset + std::uint64_t(f.frameIndex) * frameBytes)) {
            error = "cannot read frame " + std::to_string(f.frameIndex) + " of the pixel data";
            break;
        }
        applyPalette(tables, indices.get(), h.bitsAllocated, pixels, volume.slice(f.slice));
    }
    close(fd);
    return error;
}

std::string decodePaletteFile(const FileJob& job, Volume& volume, bool& decodedHere)
{
    const FrameHeader& h = *job.header;
    PaletteTables tables;
    decodedHere = true;
    if (std::string problem = readPaletteTablesOf(job.path, tables); !problem.empty())
        return problem;
    const bool native = h.transferSyntax == "1.2.840.10008.1.2" || h.transferSyntax == "1.2.840.10008.1.2.1";
    if (native && h.samplesPerPixel == 1 && (h.bitsAllocated == 8 || h.bitsAllocated == 16) && h.pixelDataOffset
        && h.pixelDataLength != 0xffffffffu)
        return readPaletteDirectly(job, tables, volume);
    if (h.transferSyntax == "1.2.840.10008.1.2.5")
        return decodeEncapsulatedFile(h, job.pixelDataEnd, job.frames, decodeRleFrame, nullptr, volume, &tables);
    if (tables.segmented)
        return "segmented palette colour is decoded from native or RLE pixel data only (GDCM aborts on it)";
    decodedHere = false;  // GDCM decodes the indices
    return {};
}

// JPEG 2000 greyscale and RGB (YBR_RCT/ICT arrive as RGB through the codestream's colour
// transform) go to OpenJPEG directly; YBR_FULL codestreams, palettes and odd depths stay with GDCM.
bool decodesJ2kDirectly(const FrameHeader& h)
{
    const bool photometricKnown = h.photometric == Photometric::Monochrome1 || h.photometric == Photometric::Monochrome2
                                  || (h.photometric == Photometric::Rgb && h.samplesPerPixel == 3);
    return isJ2kTransferSyntax(h.transferSyntax) && photometricKnown && (h.bitsAllocated == 8 || h.bitsAllocated == 16)
           && (h.samplesPerPixel == 1 || h.samplesPerPixel == 3);
}

std::string gdcmDecodeFailure(const FrameHeader& h)
{
    return "GDCM could not decode the pixel data (transfer syntax " + h.transferSyntax + "): its codestream is damaged "
           "or uses a feature GDCM's codec lacks";
}

} // namespace

// Decodes one file whose layout passed preflightPixelData.
std::string decodeFile(const FileJob& job, Volume& volume)
{
    if (canReadDirectly(*job.header))
        return readDirectly(job, volume);
    if (job.header->floatSamples)
        return "Float Pixel Data is read uncompressed only (Bits Allocated 32 or 64, not deflated)";
    if (job.header->photometric == Photometric::Palette) {
        bool decodedHere = false;
        std::string result = decodePaletteFile(job, volume, decodedHere);
        if (decodedHere)
            return result;
    }
    if (isHtJ2kTransferSyntax(job.header->transferSyntax))
        return decodeEncapsulatedFile(*job.header, job.pixelDataEnd, job.frames, decodeHtJ2kFrame, startsJ2kCodestream, volume);
    if (job.header->transferSyntax == "1.2.840.10008.1.2.5")
        return decodeEncapsulatedFile(*job.header, job.pixelDataEnd, job.frames, decodeRleFrame, nullptr, volume);
    if (decodesJ2kDirectly(*job.header))
        return decodeEncapsulatedFile(*job.header, job.pixelDataEnd, job.frames, decodeJ2kFrame, startsJ2kOrJp2, volume);
    gdcm::ImageReader reader;
    // GDCM reads the file only as far as the end of the Pixel Data (walked and checked); what
    // follows it was never checked, and would otherwise be parsed and allocated as declared.
    BoundedFileStreamBuf bounded(job.path, job.pixelDataEnd);
    std::istream boundedStream(&bounded);
    if (job.pixelDataEnd && bounded.isOpen())
        reader.SetStream(boundedStream);
    else
        reader.SetFileName(job.path.c_str());
    if (!reader.Read())
        return "cannot read pixel data";
    const gdcm::Image& image = reader.GetImage();
    if (image.GetPhotometricInterpretation() == gdcm::PhotometricInterpretation::PALETTE_COLOR)
        return decodePalette(job, reader, volume);
    const StackGeometry& g = volume.geometry();
    const unsigned* dims = image.GetDimensions();
    const unsigned frames = image.GetNumberOfDimensions() == 3 ? dims[2] : 1;
    if (int(dims[0]) != g.columns || int(dims[1]) != g.rows)
        return "image size changed between header and pixel data";
    const gdcm::PixelFormat& pf = image.GetPixelFormat();
    StoredPixelFormat format = formatFrom(pf, int(image.GetPlanarConfiguration()));
    format.modalityLut = job.header->modalityLut.empty() ? nullptr : &job.header->modalityLut;
    // After decoding, GDCM reports the photometric of what it hands out (JPEG YBR comes out RGB).
    const auto pi = image.GetPhotometricInterpretation();
    format.ybr = pi == gdcm::PhotometricInterpretation::YBR_FULL || pi == gdcm::PhotometricInterpretation::YBR_FULL_422;
    format.subsampled422 = pi == gdcm::PhotometricInterpretation::YBR_FULL_422;
    if (format.bitsAllocated != 8 && format.bitsAllocated != 16 && format.bitsAllocated != 32)
        return "unsupported Bits Allocated " + std::to_string(format.bitsAllocated);
    if (format.samplesPerPixel != volume.components())
        return "Samples per Pixel does not match the rest of the stack";
    const size_t pixels = size_t(g.columns) * g.rows;
    const size_t frameBytes = decodedFrameBytes(format, pixels);
    const size_t expected = frameBytes * frames;
    const size_t expectedOnDisk = nativeFrameBytes(format, pixels) * frames;
    if (image.GetBufferLength() < expected)
        return "pixel buffer length does not match Rows x Columns x Frames";
    // Native pixel data must hold every frame it claims; checked before GDCM copies it out.
    const gdcm::DataElement& pixelData = image.GetDataElement();
    if (const gdcm::ByteValue* bv = pixelData.GetByteValue()) {
        if (bv->GetLength() < expectedOnDisk)
            return "pixel data is " + std::to_string(bv->GetLength()) + " bytes but Rows x Columns x Samples x Frames needs "
                   + std::to_string(expectedOnDisk);
    } else if (!pixelData.GetSequenceOfFragments()) {
        return "no pixel data";
    }
    for (const auto& f : job.frames)
        if (f.frameIndex < 0 || unsigned(f.frameIndex) >= frames)
            return "frame " + std::to_string(f.frameIndex) + " missing from pixel data";

    const bool inPlace = frames == 1 && job.frames.size() == 1 && format.samplesPerPixel == 1
                         && format.bitsAllocated == 16 && bytesPerVoxel(volume.type()) == 2;
    if (inPlace) {
        // Decode straight into the slice, then rescale in place: no per-slice copy.
        std::byte* dst = volume.slice(job.frames[0].slice);
        if (!image.GetBuffer(reinterpret_cast<char*>(dst)))
            return gdcmDecodeFailure(*job.header);
        format.slope = job.frames[0].slope;
        format.intercept = job.frames[0].intercept;
        convertFrame(dst, format, pixels, volume.type(), dst);
        return {};
    }
    std::unique_ptr<char[]> scratch(new char[std::max(expected, size_t(image.GetBufferLength()))]);
    if (!image.GetBuffer(scratch.get()))
        return gdcmDecodeFailure(*job.header);
    for (const auto& f : job.frames) {
        format.slope = f.slope;
        format.intercept = f.intercept;
        convertFrame(reinterpret_cast<const std::byte*>(scratch.get()) + size_t(f.frameIndex) * frameBytes, format,
                     pixels, volume.type(), volume.slice(f.slice));
    }
    return {};
}

} // namespace hf
