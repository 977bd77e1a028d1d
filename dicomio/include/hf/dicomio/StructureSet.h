#pragma once
// An RT Structure Set (RTSTRUCT) as a viewer draws it: each ROI's name, display colour and
// contours in patient space. Read from any producer (treatment planning, MIM, rt-utils, AI
// tools); a contour whose data disagree with its point count is left out with a warning naming
// the field, a file without the structure modules is an error naming the file. Any thread.
#include "hf/dicomio/Vec3.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hf {

struct StructureContour {
    enum class Type { ClosedPlanar, OpenPlanar, OpenNonplanar, Point };
    Type type = Type::ClosedPlanar;
    std::vector<Vec3> points;  // patient LPS mm
};

struct StructureRoi {
    int number = 0;
    std::string name;
    std::string interpretedType;               // ORGAN, PTV, GTV, ... when the observations say
    std::array<std::uint8_t, 3> colour{255, 255, 0};  // ROI Display Color; yellow when absent
    std::string frameOfReferenceUid;
    std::vector<StructureContour> contours;
};

struct StructureSet {
    std::string path, sopInstanceUid, seriesUid, studyUid;
    std::string label, date, manufacturer;
    std::string frameOfReferenceUid;  // the first Referenced Frame of Reference's
    std::vector<StructureRoi> rois;
    std::vector<std::string> warnings;  // contours or ROIs left out, and why
};

// Throws std::runtime_error "PATH: reason" for a file that is not a readable RT Structure Set.
StructureSet readStructureSet(const std::string& path);

} // namespace hf
