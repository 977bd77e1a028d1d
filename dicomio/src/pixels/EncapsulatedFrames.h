#pragma once
// Splits encapsulated Pixel Data (PS3.5 A.4: a Basic Offset Table item, then fragments, then a
// sequence delimiter) into one compressed codestream per frame, for the decoders GDCM lacks.
// Every length is checked against the bytes actually there.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

struct EncapsulatedFrames {
    std::vector<std::vector<std::uint8_t>> frames;  // one codestream per frame (fragments joined)
    std::string error;                              // empty on success
};

// `value`: the Pixel Data value from its first item tag through the sequence delimiter.
// `startsCodestream(fragment)` tells whether a fragment begins a new codestream, used when
// fragments outnumber frames and there is no Basic Offset Table (nullptr: a syntax with one
// fragment per frame, such as RLE).
EncapsulatedFrames splitEncapsulatedFrames(const std::uint8_t* value, size_t size, int frameCount,
                                           bool (*startsCodestream)(const std::uint8_t*, size_t));

} // namespace hf
