#pragma once
// The sync through a node's own protocol: DIMSE (C-STORE each object on its own association, so
// that a confirmed object is never in doubt; C-FIND the study's SR series and C-GET them) or
// DICOMweb (STOW-RS each object; QIDO-RS and WADO-RS to read them back). Blocking, bounded by
// the node's timeout; used from the sync's own thread.
#include "hf/annotations/SyncTransport.h"
#include "hf/dicomio/net/PacsNode.h"

namespace hf {

class NodeSyncTransport : public SyncTransport {
public:
    explicit NodeSyncTransport(PacsNode node);
    std::string nodeName() const override;
    std::string nodeIdentity() const override;
    StoreAnswer store(const std::string& path, const std::string& sopClassUid) override;
    FetchAnswer fetchReports(const std::string& studyUid, const std::string& folder,
                             const std::function<int(const std::string&)>& held) override;

private:
    PacsNode m_node;
};

} // namespace hf
