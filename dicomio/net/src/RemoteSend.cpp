#include "hf/dicomio/net/RemoteSend.h"

#include "DicomWebStore.h"

#include "ScuConnection.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <set>
#include <utility>

namespace hf {

SendResult sendToNode(const PacsNode& node, const std::vector<SendItem>& items, const SendProgress& progress)
{
    SendResult result;
    if (node.kind != PacsNode::Kind::Dimse)
        return sendByStow(node, items, progress);
    if (items.empty()) {
        result.message = "nothing to send";
        return result;
    }
    ScuTransport transport;  // outlives the association
    NodeScu scu;
    configureScu(scu, node);
    std::set<std::pair<std::string, std::string>> contexts;
    for (const SendItem& item : items)
        contexts.insert({item.sopClassUid, item.transferSyntax});
    // One context per class and syntax with that syntax alone: an acceptor picks one syntax per
    // context, and Orthanc would pick Explicit LE from a longer list (then a compressed file
    // could not be sent as it is).
    for (const auto& [sopClass, syntax] : contexts) {
        OFList<OFString> syntaxes;
        syntaxes.push_back(syntax.c_str());
        scu.addPresentationContext(sopClass.c_str(), syntaxes);
    }
    if (!associate(scu, node, transport, result.message))
        return result;
    int done = 0;
    for (const SendItem& item : items) {
        const T_ASC_PresentationContextID context = scu.findPresentationContextID(item.sopClassUid.c_str(), item.transferSyntax.c_str());
        if (context == 0) {
            result.failures.push_back(item.path + ": " + nodeAddress(node) + " accepts neither its class nor its transfer syntax");
        } else {
            Uint16 status = 0;
            const OFCondition cond = scu.sendSTORERequest(context, item.path.c_str(), nullptr, status);
            if (cond.bad())
                result.failures.push_back(item.path + ": " + cond.text());
            else if (status != 0 && (status & 0xF000) != 0xB000)
                result.failures.push_back(item.path + ": refused with status " + std::to_string(status));
            else
                ++result.sent;
        }
        if (progress && !progress(++done, int(items.size()))) {
            result.cancelled = true;
            break;
        }
    }
    scu.releaseAssociation();
    result.ok = result.failures.empty() && !result.cancelled;
    result.message = std::to_string(result.sent) + " of " + std::to_string(items.size()) + " instances sent to " + nodeAddress(node) +
                     (result.cancelled ? " (cancelled)" : "");
    return result;
}

} // namespace hf
