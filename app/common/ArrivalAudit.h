#pragma once
// The receiver's arrivals in the audit trail: one DICOM Instances Transferred event per study
// per association (the calling AE as source), however many indexing batches its files came in.
// Not thread-safe: one receiver's indexing loop owns it.
#include "hf/dicomio/net/StorageScp.h"

#include <map>
#include <string>
#include <vector>

namespace hf {
struct FrameHeader;
}

namespace hf::app {

class AuditTrail;

class ArrivalAudit {
public:
    // The headers of files just indexed (any batch).
    void indexed(const std::vector<FrameHeader>& headers);
    // Associations that ended: their events recorded (one per study received, one for what was
    // refused for want of disk room); their files forgotten.
    void finished(const std::vector<StorageScp::Association>& associations, AuditTrail& trail);

private:
    struct Arrival {
        std::string studyUid, sopInstanceUid, patientId, patientName;
    };
    std::map<std::string, Arrival> m_byFile;
};

} // namespace hf::app
