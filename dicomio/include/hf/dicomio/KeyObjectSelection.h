#pragma once
// A study's key images as a Key Object Selection document (TID 2010 "Of Interest"), the way
// PACS and other viewers show flagged images. Any thread.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <string>

namespace hf {

inline constexpr const char* kKeyObjectSelectionClass = "1.2.840.10008.5.1.4.1.1.88.59";

// False (and nothing written) when the study has no key image. Throws std::runtime_error
// naming the path when it cannot be written.
bool writeKeyObjectSelection(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance);

} // namespace hf
