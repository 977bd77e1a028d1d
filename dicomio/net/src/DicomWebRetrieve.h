#pragma once
// WADO-RS retrieval of a study or series as multipart/related application/dicom, streamed to
// disk and split into one file per instance. Internal to dicomio.
#include "hf/dicomio/net/RemoteRetrieve.h"

namespace hf {

// knownExpected >= 0: the total for the progress bar, not asked of the node again.
RetrieveResult retrieveByWado(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                              const std::string& folder, const RetrieveProgress& progress, int knownExpected);

} // namespace hf
