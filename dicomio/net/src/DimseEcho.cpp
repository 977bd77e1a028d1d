#include "DimseEcho.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "QuickAckLayer.h"
#include "TlsLayer.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>
#include <dcmtk/dcmnet/diutil.h>

#include <memory>
#include <sstream>

namespace hf {

EchoResult dimseEcho(const PacsNode& node)
{
    quietDcmtk();
    EchoResult result;
    const int timeout = std::max(1, int(node.timeoutSeconds));
    dcmConnectionTimeout.set(Sint32(timeout));
    T_ASC_Network* network = nullptr;
    OFCondition cond = ASC_initializeNetwork(NET_REQUESTOR, 0, timeout, &network);
    if (cond.bad()) {
        result.message = std::string("cannot start networking: ") + cond.text();
        return result;
    }
    std::unique_ptr<TlsLayer> tls;  // outlives the network
    T_ASC_Parameters* params = nullptr;
    ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU);
    if (node.tls.enabled()) {
        tls = TlsLayer::make(node.tls, TlsLayer::Role::Client, node.host, result.message);
        if (!tls) {
            ASC_destroyAssociationParameters(&params);
            ASC_dropNetwork(&network);
            return result;
        }
        ASC_setTransportLayerType(params, OFTrue);
    }
    QuickAckLayer quickAck(tls ? tls->layer() : nullptr);  // outlives the network: dropped below, before each return
    ASC_setTransportLayer(network, &quickAck, 0);
    TlsLayer::clearFailure();
    ASC_setAPTitles(params, node.callingAeTitle.c_str(), node.calledAeTitle.c_str(), nullptr);
    const std::string peer = node.host + ":" + std::to_string(node.port);
    ASC_setPresentationAddresses(params, "localhost", peer.c_str());
    const char* syntaxes[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
    ASC_addPresentationContext(params, 1, UID_VerificationSOPClass, syntaxes, 2);
    T_ASC_Association* association = nullptr;
    cond = ASC_requestAssociation(network, params, &association);
    if (cond.bad()) {
        if (cond == DUL_ASSOCIATIONREJECTED) {
            T_ASC_RejectParameters reject;
            ASC_getRejectParameters(params, &reject);
            OFString why;
            ASC_printRejectParameters(why, &reject);
            std::string oneLine = why.c_str();
            for (size_t at = oneLine.find('\n'); at != std::string::npos; at = oneLine.find('\n', at))
                oneLine.replace(at, 1, "; ");
            result.message = "association rejected by " + nodeAddress(node) + ": " + oneLine;
        } else if (const std::string tlsWhy = node.tls.enabled() ? TlsLayer::explainFailure(cond.text()) : ""; !tlsWhy.empty()) {
            result.message = std::string(kTlsHandshake) + " with " + nodeAddress(node) + " failed: " + tlsWhy;
        } else {
            const std::string text = cond.text();
            const bool refused = text.find("refused") != std::string::npos;
            const bool timedOut = text.find("imeout") != std::string::npos || text.find("timed out") != std::string::npos;
            result.message = (refused ? "connection refused by " : timedOut ? "no answer (timeout " + std::to_string(timeout) + " s) from " : "cannot connect to ") +
                             peer + " (" + text + ")";
        }
        result.message += TlsLayer::clientCertificateHint(node.tls, result.message);
        ASC_destroyAssociation(&association);
        ASC_dropNetwork(&network);
        return result;
    }
    if (ASC_countAcceptedPresentationContexts(params) == 0) {
        result.message = nodeAddress(node) + " accepted the association but not the Verification service";
    } else {
        DIC_US status = 0;
        DcmDataset* detail = nullptr;
        cond = DIMSE_echoUser(association, association->nextMsgID++, DIMSE_BLOCKING, timeout, &status, &detail);
        delete detail;
        if (cond.good() && status == STATUS_Success) {
            result.ok = true;
            result.message = "C-ECHO to " + nodeAddress(node) + " succeeded";
        } else {
            std::ostringstream s;
            s << "C-ECHO to " << nodeAddress(node) << " failed: ";
            if (cond.bad())
                s << cond.text();
            else
                s << "status 0x" << std::hex << status;
            result.message = s.str();
        }
    }
    ASC_releaseAssociation(association);
    ASC_destroyAssociation(&association);
    ASC_dropNetwork(&network);
    return result;
}

} // namespace hf
