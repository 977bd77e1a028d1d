#pragma once
// Retrieves a study (or one series) from a node into a folder. DICOMweb nodes: WADO-RS.
// DIMSE nodes: by C-GET (the instances
// come back on the same association, nothing to register at the PACS) or by C-MOVE to our own
// storage SCP, started on demand on the node's local storage port. Auto tries C-GET and falls
// back to C-MOVE when the node does not offer it. Progress (instances received of expected) and
// cancel (a C-CANCEL, then the association is released). Blocking, bounded by the node's
// timeout per step; run off the GUI thread. Any thread.
#include "hf/dicomio/net/PacsNode.h"

#include <functional>
#include <string>

namespace hf {

enum class RetrieveMethod { Auto, Get, Move };

struct RetrieveResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;
    std::string method;  // "C-GET" or "C-MOVE": what was used
    int received = 0;    // instances written to the folder
    int expected = 0;    // what the node said it would send, else what the caller knew (0: neither)
    int failed = 0;      // sub-operations the node reported as failed
};

// Called as instances arrive; return false to cancel.
using RetrieveProgress = std::function<bool(int received, int expected)>;

// knownExpected: how many instances the caller already knows the node has (its own query);
// -1: WADO-RS asks the node (QIDO-RS) for the progress bar's total.
RetrieveResult retrieveFromNode(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                const std::string& folder, RetrieveMethod method = RetrieveMethod::Auto,
                                const RetrieveProgress& progress = {}, int knownExpected = -1);

} // namespace hf
