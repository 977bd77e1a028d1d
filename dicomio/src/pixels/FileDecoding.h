#pragma once
// Decodes one file's frames into their slices of a volume, choosing the reader: our own bounded
// reads for native pixels (greyscale, palette indices, packed bits, float), our decoders for RLE
// and HTJ2K, GDCM's codecs for the rest. Runs inside the loader's workers (child processes when
// isolated). Returns an error message naming what went wrong, or empty.
#include "EncapsulatedDecoding.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hf {

class Volume;
struct FrameHeader;

struct FileJob {
    std::string path;
    const FrameHeader* header;  // the file's first frame, from the stack being loaded
    std::vector<FrameTarget> frames;
    std::uint64_t pixelDataEnd = 0;  // from the preflight; 0: unknown
};

// Native pixels our own reads handle (no decoder, so no child process is needed for them).
bool canReadDirectly(const FrameHeader& header);

// `job` passed preflightPixelData.
std::string decodeFile(const FileJob& job, Volume& volume);

} // namespace hf
