#pragma once
// One file's FrameHeaders as bytes and back, so that the cache's index can keep what a scan
// found and a cached series opens without reading its headers again. Decoding checks every
// length it reads (the bytes come from a database file that may be damaged). Any thread.
#include "hf/dicomio/FrameHeader.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

std::string encodeFrameHeaders(const FrameHeader* first, size_t count);
std::optional<std::vector<FrameHeader>> decodeFrameHeaders(const std::string& bytes);

} // namespace hf
