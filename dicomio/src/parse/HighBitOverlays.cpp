#include "HighBitOverlays.h"

#include <algorithm>
#include <fstream>
#include <vector>

namespace hf {

void fillHighBitOverlays(FrameHeader& h)
{
    auto pending = [](const ImageOverlay& o) { return o.pixelDataBit >= 0 && o.bits.empty(); };
    if (std::none_of(h.overlays.begin(), h.overlays.end(), pending))
        return;
    const bool native = h.transferSyntax == "1.2.840.10008.1.2" || h.transferSyntax == "1.2.840.10008.1.2.1";
    const int bytesPerWord = h.bitsAllocated / 8;
    const std::uint64_t pixels = std::uint64_t(h.rows) * std::uint64_t(h.columns);
    const std::uint64_t frameBytes = pixels * std::uint64_t(std::max(bytesPerWord, 0));
    const std::uint64_t start = h.pixelDataOffset + std::uint64_t(std::max(h.frameIndex, 0)) * frameBytes;
    // Only where the frame's words lie whole inside the file, as the header says.
    std::vector<unsigned char> words;
    if (native && h.samplesPerPixel == 1 && (bytesPerWord == 2 || bytesPerWord == 4) && h.pixelDataOffset > 0
        && h.pixelDataLength != 0xffffffffu && frameBytes > 0 && start + frameBytes <= h.fileSize
        && std::uint64_t(h.framesInFile) * frameBytes <= h.pixelDataLength) {
        std::ifstream in(h.path, std::ios::binary);
        words.resize(size_t(frameBytes));
        if (!in.seekg(std::streamoff(start)) || !in.read(reinterpret_cast<char*>(words.data()), std::streamsize(frameBytes)))
            words.clear();
    }
    for (ImageOverlay& o : h.overlays) {
        if (!pending(o) || words.empty())
            continue;
        // One frame's plane: the bit of each little-endian word, packed least significant first.
        o.frames = 1;
        o.firstFrame = h.frameIndex + 1;
        o.bits.assign(size_t((pixels + 7) / 8), 0);
        const int byte = o.pixelDataBit / 8, bit = o.pixelDataBit % 8;
        for (std::uint64_t p = 0; p < pixels; ++p)
            if ((words[size_t(p) * size_t(bytesPerWord) + size_t(byte)] >> bit) & 1)
                o.bits[size_t(p / 8)] |= std::uint8_t(1u << (p % 8));
    }
    h.overlays.erase(std::remove_if(h.overlays.begin(), h.overlays.end(), pending), h.overlays.end());
}

} // namespace hf
