#pragma once
// Decodes DICOM text values to UTF-8 by Specific Character Set (0008,0005), single-byte sets,
// UTF-8, GB18030/GBK and the ISO 2022 code extensions with escape sequences (Japanese,
// Korean, Chinese), per PS3.5 section 6.1. Bytes it cannot decode become U+FFFD.
#include <string>
#include <vector>

namespace hf {

std::string decodeDicomText(const std::string& raw, const std::vector<std::string>& specificCharacterSet);

} // namespace hf
