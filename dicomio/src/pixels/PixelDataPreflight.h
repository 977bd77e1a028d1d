#pragma once
// Checks a file's Pixel Data against its own header before any decoder sees it: native data
// must fit in the file and hold every frame; encapsulated fragments must fit in the file and
// end with a delimiter; and nothing may decode to implausibly more than the file holds. GDCM
// would otherwise pad, over-allocate or abort on such files.
#include <cstdint>
#include <string>

namespace hf {

struct PixelDataLayout {
    std::string path;
    std::uint64_t fileSize = 0;
    std::uint64_t valueOffset = 0;     // 0: unknown (deflated, or not located)
    std::uint64_t declaredLength = 0;  // 0xFFFFFFFF: encapsulated
    std::uint64_t nativeBytes = 0;     // what Rows x Columns x Samples x Bits x Frames need on disk
    std::uint64_t decodedBytes = 0;    // what the decoder will hand out
};

struct PixelDataCheck {
    std::string problem;    // empty when the layout is sound, else the reason
    std::uint64_t end = 0;  // sound: the byte after the value (after the delimiter when
                            // encapsulated); 0 when unknown (deflated, not located)
};

PixelDataCheck preflightPixelData(const PixelDataLayout& layout);

} // namespace hf
