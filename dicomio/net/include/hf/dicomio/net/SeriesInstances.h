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
    bool truncated = false;  // the series has more than maxInstances: only the first are here
};

// Reads at most maxInstances (C-FIND cancelled past them, QIDO-RS asked with limit): a series of
// more than 200,000 instances is not one an archive should be believed about.
SeriesInstancesResult findSeriesInstances(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                          size_t maxInstances = 200000);

// "x\y\z" as an archive writes a position (DICOM DS values); false when it is not three numbers.
bool parseTriple(const std::string& text, Vec3& out);
// Image Orientation (Patient)'s six values into its two directions; false when malformed.
bool parseOrientation(const std::string& text, Vec3& row, Vec3& column);

} // namespace hf
