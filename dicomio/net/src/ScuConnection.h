#pragma once
// Sets up a DCMTK DcmSCU for a DIMSE node (titles, address, timeouts, non-blocking DIMSE) and,
// once the caller has added its presentation contexts, opens the association, turning a
// failure into plain words.
#include "hf/dicomio/DcmtkSettings.h"

#include "hf/dicomio/net/PacsNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include <algorithm>
#include <string>

namespace hf {

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

// True when associated; otherwise `failure` says why.
inline bool associate(DcmSCU& scu, const PacsNode& node, std::string& failure)
{
    OFCondition cond = scu.initNetwork();
    if (cond.good())
        cond = scu.negotiateAssociation();
    if (cond.good())
        return true;
    const std::string why = cond.text();
    failure = (why.find("refused") != std::string::npos ? "connection refused by " : "cannot reach or associate with ") + nodeAddress(node) +
              " (" + why + ")";
    return false;
}

} // namespace hf
