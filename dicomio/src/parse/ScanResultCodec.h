#pragma once
// Flattens one file's scan result (FrameHeaders and errors) to bytes and back, so scanner
// child processes can hand it to the parent. Decoding checks every length it reads.
#include "hf/dicomio/HeaderScanner.h"

#include <optional>
#include <string>

namespace hf {

std::string encodeScanResult(const ScanResult& result);
// As encodeScanResult of a result holding just these frames, without copying them.
std::string encodeFrames(const FrameHeader* first, size_t count);
std::optional<ScanResult> decodeScanResult(const std::string& bytes);

} // namespace hf
