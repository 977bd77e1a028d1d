#include "EncapsulatedFrames.h"

namespace hf {
namespace {

struct Fragment {
    size_t offset;  // of its value, from the start of `value`
    size_t length;
};

std::uint32_t le32(const std::uint8_t* p) { return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24; }
unsigned le16(const std::uint8_t* p) { return unsigned(p[0]) | unsigned(p[1]) << 8; }

std::string readItems(const std::uint8_t* value, size_t size, std::vector<Fragment>& items)
{
    size_t at = 0;
    while (true) {
        if (at + 8 > size)
            return "encapsulated Pixel Data ends without its sequence delimiter";
        const unsigned group = le16(value + at), element = le16(value + at + 2);
        const std::uint32_t length = le32(value + at + 4);
        if (group == 0xfffe && element == 0xe0dd)
            return {};
        if (group != 0xfffe || element != 0xe000)
            return "encapsulated Pixel Data has a broken item at byte " + std::to_string(at) + " of its value";
        if (length > size - at - 8)
            return "a Pixel Data fragment of " + std::to_string(length) + " bytes runs past the end of the pixel data";
        items.push_back({at + 8, length});
        at += 8 + size_t(length);
    }
}

} // namespace

EncapsulatedFrames splitEncapsulatedFrames(const std::uint8_t* value, size_t size, int frameCount,
                                           bool (*startsCodestream)(const std::uint8_t*, size_t))
{
    EncapsulatedFrames result;
    std::vector<Fragment> items;
    if (std::string error = readItems(value, size, items); !error.empty()) {
        result.error = std::move(error);
        return result;
    }
    if (items.empty()) {
        result.error = "encapsulated Pixel Data has no Basic Offset Table item";
        return result;
    }
    if (frameCount < 1) {
        result.error = "Number of Frames is " + std::to_string(frameCount);
        return result;
    }
    const Fragment table = items.front();
    std::vector<Fragment> fragments(items.begin() + 1, items.end());
    if (fragments.size() < size_t(frameCount)) {
        result.error = "encapsulated Pixel Data has " + std::to_string(fragments.size()) + " fragments for "
                       + std::to_string(frameCount) + " frames";
        return result;
    }
    // Which fragment starts each frame: the Basic Offset Table when there is one, else one
    // fragment per frame, else a new frame wherever a codestream starts.
    std::vector<size_t> firstFragment;
    if (table.length >= 4 * size_t(frameCount)) {
        const size_t base = fragments.front().offset - 8;
        for (int f = 0; f < frameCount; ++f) {
            const size_t start = base + le32(value + table.offset + 4 * size_t(f));
            size_t index = 0;
            while (index < fragments.size() && fragments[index].offset - 8 != start)
                ++index;
            if (index == fragments.size() || (!firstFragment.empty() && index <= firstFragment.back())) {
                result.error = "the Basic Offset Table points frame " + std::to_string(f + 1) + " at no fragment";
                return result;
            }
            firstFragment.push_back(index);
        }
    } else if (fragments.size() == size_t(frameCount)) {
        for (int f = 0; f < frameCount; ++f)
            firstFragment.push_back(size_t(f));
    } else if (startsCodestream) {
        for (size_t i = 0; i < fragments.size(); ++i)
            if (i == 0 || startsCodestream(value + fragments[i].offset, fragments[i].length))
                firstFragment.push_back(i);
        if (firstFragment.size() != size_t(frameCount)) {
            result.error = "cannot tell which of the " + std::to_string(fragments.size()) + " fragments belong to which of the "
                           + std::to_string(frameCount) + " frames (no Basic Offset Table)";
            return result;
        }
    } else {
        result.error = std::to_string(fragments.size()) + " fragments for " + std::to_string(frameCount)
                       + " frames and no Basic Offset Table to tell them apart";
        return result;
    }
    firstFragment.push_back(fragments.size());
    for (int f = 0; f < frameCount; ++f) {
        std::vector<std::uint8_t> codestream;
        for (size_t i = firstFragment[size_t(f)]; i < firstFragment[size_t(f) + 1]; ++i)
            codestream.insert(codestream.end(), value + fragments[i].offset, value + fragments[i].offset + fragments[i].length);
        result.frames.push_back(std::move(codestream));
    }
    return result;
}

} // namespace hf
