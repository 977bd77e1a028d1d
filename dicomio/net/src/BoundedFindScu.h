#pragma once
// A C-FIND that stops once it has more matches than wanted: the one past the bound is dropped
// and the rest cancelled (C-CANCEL), instead of every answer being held until the last - an
// archive answering "everything" must not take the workstation's memory. After a truncated
// query the caller aborts the association (answers to the cancel may still be on their way).
// Internal to dicomio.
#include "ScuConnection.h"

#include <cstddef>

namespace hf {

class BoundedFindScu : public NodeScu {
public:
    explicit BoundedFindScu(size_t maxMatches)
        : m_maxMatches(maxMatches)
    {
    }
    bool truncated() const { return m_truncated; }

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse* response, OFBool& waitForNextResponse) override
    {
        const OFCondition handled = DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
        if (handled.good() && response->m_dataset && ++m_matches > m_maxMatches) {
            m_truncated = true;
            waitForNextResponse = OFFalse;
            sendCANCELRequest(presID);
            return EC_IllegalCall;  // not kept (sendFINDRequest deletes it)
        }
        return handled;
    }

    // Released, or aborted after a truncated query.
    void endAssociation()
    {
        if (m_truncated)
            abortAssociation();
        else
            releaseAssociation();
    }

private:
    size_t m_maxMatches, m_matches = 0;
    bool m_truncated = false;
};

} // namespace hf
