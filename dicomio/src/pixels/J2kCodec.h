#pragma once
// JPEG 2000 (PS3.5 A.4.4, transfer syntaxes 1.2.840.10008.1.2.4.90/.91) through OpenJPEG
// directly, one thread per frame: the loader's isolated children decode frames side by side,
// which on a few cores beats GDCM's path (one frame at a time, OpenJPEG's own threads, a
// dataset parse and copies per file; docs/performance.md).
#include "FrameShape.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace hf {

bool isJ2kTransferSyntax(const std::string& uid);
// A fragment that begins a JPEG 2000 codestream (SOC, SIZ) or a JP2 file (signature box).
bool startsJ2kOrJp2(const std::uint8_t* fragment, size_t size);

// Decodes one codestream into `out` as native stored samples (interleaved when there are three;
// YBR_RCT/ICT come out RGB through the codestream's inverse colour transform), `bitsAllocated`
// wide (8 or 16). Returns an error naming what did not match, or OpenJPEG's reason, or empty.
std::string decodeJ2kFrame(const std::uint8_t* codestream, size_t size, const FrameShape& shape, std::byte* out);

} // namespace hf
