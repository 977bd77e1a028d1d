#pragma once
// The sync over DIMSE: C-STORE each object (one association each, so that a confirmed object
// is never in doubt), C-FIND the study's SR series and C-GET them. Blocking, bounded by the
// node's timeout; used from the sync's own thread.
#include "hf/annotations/SyncTransport.h"
#include "hf/dicomio/PacsNode.h"

namespace hf {

class DimseSyncTransport : public SyncTransport {
public:
    explicit DimseSyncTransport(PacsNode node);
    std::string nodeName() const override;
    StoreAnswer store(const std::string& path, const std::string& sopClassUid) override;
    FetchAnswer fetchReports(const std::string& studyUid, const std::string& folder) override;

private:
    PacsNode m_node;
};

} // namespace hf
