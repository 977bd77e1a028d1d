#pragma once
// A rendered picture (what the viewer shows) as a DICOM Secondary Capture image in the same
// study as its source (a new series), ready to send to the PACS; optionally de-identified.
// Written to a temporary file and renamed, so a failure leaves nothing behind. Any thread.
#include "hf/dicomio/StudyModel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hf {

// The study the capture belongs to (from the source images).
struct CaptureIdentity {
    PatientIdentity patient;
    StudyIdentity study;
    std::string institutionName;
    bool deidentified = false;          // writes Patient Identity Removed = YES and the method
    std::string deidentificationMethod;
};

struct CaptureImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // rows top to bottom, R G B interleaved
    std::string seriesUid, sopInstanceUid, seriesDescription;
    int seriesNumber = 900, instanceNumber = 1;
    std::string sourceSopClassUid, sourceSopInstanceUid;  // Source Image Sequence (omitted when de-identified)
    bool burnedInAnnotation = false;
};

// Throws std::runtime_error naming the path when it cannot be written.
void writeSecondaryCapture(const std::string& path, const CaptureIdentity& identity, const CaptureImage& image);

} // namespace hf
