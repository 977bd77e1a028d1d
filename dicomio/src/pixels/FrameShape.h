#pragma once
// What one decoded frame must look like, from the header: decoders that are ours (RLE) or not
// GDCM's (HTJ2K) check their codestream against it and write native stored samples, interleaved.

namespace hf {

struct FrameShape {
    int columns = 0, rows = 0, samplesPerPixel = 1;
    int bitsAllocated = 16;
    bool isSigned = false;
};

} // namespace hf
