#pragma once
// Walks a file's element structure (tags, VRs, lengths, nested sequences) up to Pixel Data
// without allocating anything, and reports the first length or VR that cannot be right. GDCM
// trusts declared lengths and allocates them, so a 2 kB file claiming a 4 GB element would
// otherwise cost gigabytes before it fails. Deflated data sets are not walked.
#include <string>

namespace hf {

// Empty when the structure is sound, else the reason (with the byte offset).
std::string checkHeaderStructure(const std::string& path);

} // namespace hf
