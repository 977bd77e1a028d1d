#pragma once
// High-Throughput JPEG 2000 (PS3.5 A.4.11, transfer syntaxes 1.2.840.10008.1.2.4.201-203) through
// OpenJPH: GDCM 3.0 knows neither the syntax nor the codec. Decoding runs in the loader's
// isolated children like every other decoder.
#include "FrameShape.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

bool isHtJ2kTransferSyntax(const std::string& uid);
// A fragment that begins a JPEG 2000 codestream (SOC marker, then SIZ).
bool startsJ2kCodestream(const std::uint8_t* fragment, size_t size);

// Decodes one codestream into `out` as native stored samples (interleaved when there are three),
// `bitsAllocated` wide (8 or 16). Returns an error naming what did not match, or empty.
std::string decodeHtJ2kFrame(const std::uint8_t* codestream, size_t size, const FrameShape& shape,
                             std::byte* out);

// Encodes native stored samples losslessly (reversible 5/3, RPCL); for the phantom. Empty when
// OpenJPH refuses the parameters.
std::vector<std::uint8_t> encodeHtJ2kFrame(const std::byte* samples, const FrameShape& shape, int bitsStored);

} // namespace hf
