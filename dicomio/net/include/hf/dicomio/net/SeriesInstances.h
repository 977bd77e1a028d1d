#pragma once
// The instances of one series as an archive lists them (C-FIND at IMAGE level, or QIDO-RS):
// SOP Instance UID, Instance Number and, when the archive answers them, Image Position and
// Orientation (Patient) - where the slices still to come will be. Blocking, bounded by the
// node's timeout; run off the GUI thread. Any thread.
#include "hf/dicomio/ArrivalPlaceholders.h"
#include "hf/dicomio/net/PacsNode.h"

#include <string>
#include <vector>

namespace hf {

struct SeriesInstancesResult {
    bool ok = false;
    std::string message;
    std::vector<ExpectedInstance> instances;
};

SeriesInstancesResult findSeriesInstances(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid);

// "x\y\z" as an archive writes a position (DICOM DS values); false when it is not three numbers.
bool parseTriple(const std::string& text, Vec3& out);
// Image Orientation (Patient)'s six values into its two directions; false when malformed.
bool parseOrientation(const std::string& text, Vec3& row, Vec3& column);

} // namespace hf
