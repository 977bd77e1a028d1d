#pragma once
// Storage Commitment (PS3.4 J, push model) as the SCP answers it: which of the requested
// instances we hold, and the N-EVENT-REPORT sent to the requester on an association of our own
// (we propose the SCP role). Internal to the storage SCP.
#include "hf/dicomio/net/PacsNode.h"

#include <string>
#include <vector>

class DcmDataset;

namespace hf {

struct CommitmentRequest {
    std::string transactionUid;
    struct Item {
        std::string sopClassUid, sopInstanceUid;
    };
    std::vector<Item> items;
    // From an N-ACTION-RQ's dataset; false (and why) when it is not one.
    static bool read(DcmDataset& dataset, CommitmentRequest& request, std::string& why);
};

// The instances of the request found in `folder` (named by SOP Instance UID) are committed, the
// others failed (0112H, no such object instance); the report goes to `requester`. False (and
// why) when the requester could not be told.
bool reportCommitment(const CommitmentRequest& request, const std::string& folder, const PacsNode& requester, std::string& why);

} // namespace hf
