#pragma once
// A DICOM Segmentation (SEG) from any producer (dcmqi, highdicom, AI tools): its segments with
// label and display colour, and its frames, each one segment's mask on a plane in patient space.
// Binary masks read as 0/255, fractional ones as stored (0..Maximum Fractional Value). Uncompressed
// transfer syntaxes only; anything else, or sizes that do not add up, is an error naming the file
// and the field. Any thread.
#include "hf/dicomio/Vec3.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hf {

struct SegmentInfo {
    int number = 0;
    std::string label;
    std::string propertyType;   // Segmented Property Type's meaning ("Liver", "Tissue")
    std::array<std::uint8_t, 3> colour{255, 255, 0};  // from Recommended Display CIELab Value; yellow when absent
};

struct SegmentFrame {
    int segment = 0;
    Vec3 position;                      // centre of the first pixel
    std::vector<std::uint8_t> mask;     // rows x columns, row by row
};

struct Segmentation {
    std::string path, sopInstanceUid, seriesUid, studyUid, frameOfReferenceUid;
    std::string seriesDescription, manufacturer;
    bool fractional = false;
    int maximumFractionalValue = 255;   // what a fully inside pixel holds (255 for binary as read)
    int rows = 0, columns = 0;
    Vec3 rowDirection{1, 0, 0}, columnDirection{0, 1, 0};
    double rowSpacing = 1, columnSpacing = 1;  // mm between rows / columns
    double sliceThickness = 0;                 // as given (0: not given)
    double spacingBetweenSlices = 0;           // as given (0: not given)
    std::vector<SegmentInfo> segments;
    std::vector<SegmentFrame> frames;

    const SegmentInfo* segment(int number) const;
    Vec3 normal() const { return rowDirection.cross(columnDirection).normalized(); }
};

// Throws std::runtime_error "PATH: reason".
Segmentation readSegmentation(const std::string& path);

// The depth each frame stands for: Spacing Between Slices when given, else the typical distance
// between the SEG's neighbouring frame planes, else Slice Thickness (else 1 mm).
double segmentFrameDepth(const Segmentation& seg);

// Each segment's volume in millilitres: its pixels (fractional ones weighted by value / maximum)
// times the pixel area times segmentFrameDepth.
std::map<int, double> segmentVolumesMl(const Segmentation& seg);

// DICOM's CIELab encoding (PS3.3 C.10.7.1.1: L 0..65535 for 0..100, a and b 0..65535 for -128..127)
// to 8-bit sRGB, D65 white.
std::array<std::uint8_t, 3> cieLabToRgb(std::uint16_t l, std::uint16_t a, std::uint16_t b);

} // namespace hf
