#pragma once
// Retrieves a study (or one series) from a DIMSE node by C-GET into a folder: the instances
// come back on the same association, so no storage port has to be registered at the PACS.
// Blocking, bounded by the node's timeout per step; run off the GUI thread. Any thread.
#include "hf/dicomio/PacsNode.h"

#include <string>

namespace hf {

struct RetrieveResult {
    bool ok = false;
    std::string message;
    int received = 0;  // instances written to the folder
    int failed = 0;    // sub-operations the node reported as failed
};

RetrieveResult retrieveByGet(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                             const std::string& folder);

} // namespace hf
