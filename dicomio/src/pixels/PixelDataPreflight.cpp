#include "PixelDataPreflight.h"

#include <algorithm>
#include <fstream>

namespace hf {
namespace {

constexpr std::uint64_t kUndefined = 0xffffffffu;
// A compressed file may decode to far more than its size (blank images compress very well),
// but not beyond this: a 1.6 kB file claiming 8 GB of pixels is an attack, not an image.
constexpr std::uint64_t kMaxExpansion = 1000;
constexpr std::uint64_t kAlwaysPlausible = std::uint64_t(64) << 20;
constexpr int kMaxFragments = 1 << 20;

// Walks the fragments to the sequence delimiter; `end` is then the byte after it.
std::string walkFragments(const PixelDataLayout& l, std::uint64_t& end)
{
    std::ifstream in(l.path, std::ios::binary);
    std::uint64_t at = l.valueOffset;
    for (int item = 0; item < kMaxFragments; ++item) {
        unsigned char h[8];
        in.seekg(std::streamoff(at));
        if (at + 8 > l.fileSize || !in.read(reinterpret_cast<char*>(h), 8))
            return "encapsulated Pixel Data ends without its sequence delimiter (the file is truncated)";
        const unsigned group = h[0] | h[1] << 8, element = h[2] | h[3] << 8;
        const std::uint64_t length = std::uint64_t(h[4]) | std::uint64_t(h[5]) << 8 | std::uint64_t(h[6]) << 16
                                     | std::uint64_t(h[7]) << 24;
        if (group == 0xfffe && element == 0xe0dd) {
            end = at + 8;
            return {};
        }
        if (group != 0xfffe || element != 0xe000)
            return "encapsulated Pixel Data has a broken item at byte " + std::to_string(at);
        if (length == kUndefined || at + 8 + length > l.fileSize)
            return "a Pixel Data fragment of " + std::to_string(length) + " bytes at byte " + std::to_string(at)
                   + " runs past the end of the file (" + std::to_string(l.fileSize) + " bytes)";
        at += 8 + length;
    }
    return "encapsulated Pixel Data has more than " + std::to_string(kMaxFragments) + " fragments";
}

} // namespace

PixelDataCheck preflightPixelData(const PixelDataLayout& l)
{
    if (l.fileSize && l.decodedBytes > std::max(kAlwaysPlausible, kMaxExpansion * l.fileSize))
        return {"the header claims " + std::to_string(l.decodedBytes) + " bytes of pixels from a file of "
                + std::to_string(l.fileSize) + " bytes"};
    if (!l.valueOffset || !l.fileSize)
        return {};
    if (l.declaredLength == kUndefined) {
        PixelDataCheck check;
        check.problem = walkFragments(l, check.end);
        return check;
    }
    if (l.valueOffset + l.declaredLength > l.fileSize)
        return {"the file is truncated: Pixel Data declares " + std::to_string(l.declaredLength) + " bytes from byte "
                + std::to_string(l.valueOffset) + " but the file ends at " + std::to_string(l.fileSize)};
    if (l.declaredLength < l.nativeBytes)
        return {"Pixel Data is " + std::to_string(l.declaredLength) + " bytes but Rows x Columns x Samples x Frames needs "
                + std::to_string(l.nativeBytes)};
    return {{}, l.valueOffset + l.declaredLength};
}

} // namespace hf
