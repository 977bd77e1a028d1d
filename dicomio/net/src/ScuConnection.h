#pragma once
// Sets up a DCMTK DcmSCU for a DIMSE node (titles, address, timeouts, non-blocking DIMSE) and,
// once the caller has added its presentation contexts, opens the association (over TLS when the
// node has TLS settings), turning a failure into plain words.
#include "hf/dicomio/DcmtkSettings.h"
#include "QuickAckLayer.h"
#include "TlsLayer.h"

#include "hf/dicomio/net/PacsNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include <algorithm>
#include <memory>
#include <string>

namespace hf {

// DcmSCU with its TLS switch reachable (DCMTK keeps useSecureConnection protected).
class NodeScu : public DcmSCU {
public:
    using DcmSCU::useSecureConnection;
};

inline void configureScu(DcmSCU& scu, const PacsNode& node)
{
    quietDcmtk();
    scu.setAETitle(node.callingAeTitle.c_str());
    scu.setPeerAETitle(node.calledAeTitle.c_str());
    scu.setPeerHostName(node.host.c_str());
    scu.setPeerPort(Uint16(node.port));
    scu.setConnectionTimeout(Sint32(std::max(1.0, node.timeoutSeconds)));
    scu.setDIMSETimeout(Uint32(std::max(1.0, node.timeoutSeconds)));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
}

// The layers an association's connection is made by: they must outlive it, so the caller
// declares this before the DcmSCU.
struct ScuTransport {
    std::unique_ptr<TlsLayer> tls;  // the node's TLS settings, when it has them
    std::unique_ptr<QuickAckLayer> quickAck;
};

// True when associated; otherwise `failure` says why.
inline bool associate(NodeScu& scu, const PacsNode& node, ScuTransport& transport, std::string& failure)
{
    OFCondition cond = scu.initNetwork();
    if (cond.good() && node.tls.enabled()) {
        transport.tls = TlsLayer::make(node.tls, TlsLayer::Role::Client, node.host, failure);
        if (!transport.tls)
            return false;
    }
    // A retrieval's C-STOREs come to us on this association: acknowledged at once (QuickAckLayer.h).
    transport.quickAck = std::make_unique<QuickAckLayer>(transport.tls ? transport.tls->layer() : nullptr);
    if (cond.good())
        cond = scu.useSecureConnection(transport.quickAck.get());
    TlsLayer::clearFailure();
    if (cond.good())
        cond = scu.negotiateAssociation();
    if (cond.good())
        return true;
    const std::string why = cond.text();
    const std::string tlsWhy = node.tls.enabled() ? TlsLayer::explainFailure(why) : std::string();
    if (!tlsWhy.empty())
        failure = std::string(kTlsHandshake) + " with " + nodeAddress(node) + " failed: " + tlsWhy;
    else
        failure = (why.find("refused") != std::string::npos ? "connection refused by " : "cannot reach or associate with ") + nodeAddress(node) +
                  " (" + why + ")";
    failure += TlsLayer::clientCertificateHint(node.tls, failure);
    return false;
}

// A C-FIND answer's value as text, every value of a multi-valued one joined by '\\' ("" when absent).
inline std::string answerText(DcmDataset* answer, const DcmTagKey& tag)
{
    OFString value;
    if (answer && answer->findAndGetOFStringArray(tag, value).good())
        return value.c_str();
    return {};
}

// An association for Study Root C-FIND with `node`: the presentation context to query on, or 0
// (and why, in `failure`; the association is released).
inline T_ASC_PresentationContextID associateForFind(NodeScu& scu, const PacsNode& node, ScuTransport& transport, std::string& failure)
{
    configureScu(scu, node);
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, syntaxes);
    if (!associate(scu, node, transport, failure))
        return 0;
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (context == 0) {
        failure = nodeAddress(node) + " does not offer Study Root C-FIND";
        scu.releaseAssociation();
    }
    return context;
}

} // namespace hf
