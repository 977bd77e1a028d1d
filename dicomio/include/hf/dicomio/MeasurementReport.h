#pragma once
// A study's annotations as a DICOM Comprehensive 3D SR, TID 1500 "Imaging Measurement Report":
// one Measurement Group per annotation (Tracking Unique Identifier = 2.25.<annotation id>,
// SCOORD on the image and SCOORD3D in patient space, NUM values with UCUM units and the
// calibration), the study note as a Comment. What only Hounsfield needs to merge revisions
// (revision numbers, withdrawn annotations, tags, key image flags) sits in one container of
// private concepts (coding scheme 99HFD, declared in the object), documented in docs/sync.md.
// Any thread.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <string>

namespace hf {

inline constexpr const char* kComprehensive3dSrClass = "1.2.840.10008.5.1.4.1.1.88.34";

// Throws std::runtime_error naming the path when it cannot be written.
void writeMeasurementReport(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance);

struct ReadMeasurementReport {
    StudyAnnotationSet set;
    ObjectInstance instance;
};

// Reads a report written by writeMeasurementReport. Throws std::runtime_error naming the file
// and the reason when it cannot be read or is not a Hounsfield report.
ReadMeasurementReport readMeasurementReport(const std::string& path);

} // namespace hf
