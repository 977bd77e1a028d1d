#include "hf/dicomio/TiffWriter.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hf {
namespace {

enum Type : std::uint16_t { Short = 3, Long = 4, Rational = 5, Ascii = 2 };

struct Entry {
    std::uint16_t tag, type;
    std::uint32_t count, value;  // value or offset
};

void put16(std::vector<std::uint8_t>& b, std::uint16_t v) { b.push_back(std::uint8_t(v)); b.push_back(std::uint8_t(v >> 8)); }
void put32(std::vector<std::uint8_t>& b, std::uint32_t v) { for (int i = 0; i < 4; ++i) b.push_back(std::uint8_t(v >> (8 * i))); }
void set32(std::vector<std::uint8_t>& b, size_t at, std::uint32_t v) { for (int i = 0; i < 4; ++i) b[at + size_t(i)] = std::uint8_t(v >> (8 * i)); }

} // namespace

void writeTiff(const std::string& path, const std::vector<TiffPage>& pages)
{
    if (pages.empty())
        throw std::runtime_error(path + ": nothing to write");
    std::vector<std::uint8_t> out{'I', 'I', 42, 0, 0, 0, 0, 0};  // little endian; first IFD offset patched below
    size_t previousNext = 4;
    for (const TiffPage& page : pages) {
        const size_t bytes = size_t(page.width) * size_t(page.height) * size_t(page.samplesPerPixel) * size_t(page.bitsPerSample / 8);
        if (page.width <= 0 || page.height <= 0 || page.data.size() != bytes)
            throw std::runtime_error(path + ": page size does not match its pixels");
        // Pixel data first (word aligned), then the extra values, then the IFD.
        if (out.size() % 2)
            out.push_back(0);
        const auto dataOffset = std::uint32_t(out.size());
        out.insert(out.end(), page.data.begin(), page.data.end());
        if (out.size() % 2)
            out.push_back(0);
        auto bitsOffset = std::uint32_t(out.size());
        for (int s = 0; s < page.samplesPerPixel; ++s)
            put16(out, std::uint16_t(page.bitsPerSample));
        const auto resolutionOffset = std::uint32_t(out.size());
        // Rationals: pixels per centimetre to 1/1000.
        for (double ppcm : {page.pixelsPerCmX, page.pixelsPerCmY}) {
            put32(out, std::uint32_t(std::lround(ppcm * 1000)));
            put32(out, 1000);
        }
        const auto descriptionOffset = std::uint32_t(out.size());
        out.insert(out.end(), page.description.begin(), page.description.end());
        out.push_back(0);
        if (out.size() % 2)
            out.push_back(0);
        std::vector<Entry> entries{
            {256, Long, 1, std::uint32_t(page.width)},
            {257, Long, 1, std::uint32_t(page.height)},
            {258, Short, std::uint32_t(page.samplesPerPixel), page.samplesPerPixel == 1 ? std::uint32_t(page.bitsPerSample) : bitsOffset},
            {259, Short, 1, 1},                                               // no compression
            {262, Short, 1, std::uint32_t(page.samplesPerPixel == 3 ? 2 : 1)},  // RGB or BlackIsZero
        };
        if (!page.description.empty())
            entries.push_back({270, Ascii, std::uint32_t(page.description.size() + 1), descriptionOffset});
        entries.push_back({273, Long, 1, dataOffset});
        entries.push_back({277, Short, 1, std::uint32_t(page.samplesPerPixel)});
        entries.push_back({278, Long, 1, std::uint32_t(page.height)});
        entries.push_back({279, Long, 1, std::uint32_t(bytes)});
        if (page.pixelsPerCmX > 0 && page.pixelsPerCmY > 0) {
            entries.push_back({282, Rational, 1, resolutionOffset});
            entries.push_back({283, Rational, 1, resolutionOffset + 8});
        }
        entries.push_back({284, Short, 1, 1});  // chunky
        if (page.pixelsPerCmX > 0 && page.pixelsPerCmY > 0)
            entries.push_back({296, Short, 1, 3});  // centimetres
        entries.push_back({339, Short, 1, std::uint32_t(page.signedSamples ? 2 : 1)});  // SampleFormat
        set32(out, previousNext, std::uint32_t(out.size()));
        put16(out, std::uint16_t(entries.size()));
        for (const Entry& e : entries) {
            put16(out, e.tag);
            put16(out, e.type);
            put32(out, e.count);
            if (e.type == Short && e.count == 1) {
                put16(out, std::uint16_t(e.value));
                put16(out, 0);
            } else {
                put32(out, e.value);
            }
        }
        previousNext = out.size();
        put32(out, 0);
    }
    const std::string temporary = path + ".partial";
    FILE* f = std::fopen(temporary.c_str(), "wb");
    if (!f)
        throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
    const bool written = std::fwrite(out.data(), 1, out.size(), f) == out.size();
    const int savedErrno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": write failed (" + std::strerror(written ? errno : savedErrno) + ")");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
    }
}

} // namespace hf
