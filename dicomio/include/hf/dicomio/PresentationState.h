#pragma once
// The graphic annotations of a study as a Grayscale Softcopy Presentation State, so that other
// viewers draw them: one graphic layer, per image its lines, ellipses, outlines and text (each
// measurement with its value as text), the reader's window as a softcopy VOI LUT. Any thread.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <string>

namespace hf {

inline constexpr const char* kGrayscalePresentationStateClass = "1.2.840.10008.5.1.4.1.1.11.1";

// False (and nothing written) when no live annotation has an image to draw on. Throws
// std::runtime_error naming the path when it cannot be written.
bool writePresentationState(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance);

} // namespace hf
