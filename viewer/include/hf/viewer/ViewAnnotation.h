#pragma once
// An annotation as the viewer shows it: the stored annotation with its measurement already
// computed (off the GUI thread) and the slice it belongs to. Value type.
#include "hf/annotations/Annotation.h"

#include <string>

namespace hf {

struct ViewAnnotation {
    Annotation annotation;
    std::string summary;      // "Length 15.36 mm"
    std::string calibration;  // "Pixel Spacing", ...
    std::string warning;
    int slice = -1;           // 0-based slice of the volume it was drawn on
};

} // namespace hf
