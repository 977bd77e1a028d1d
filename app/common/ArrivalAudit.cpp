#include "ArrivalAudit.h"

#include "AuditTrail.h"

#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/audit/AuditEvent.h"

#include <set>

namespace hf::app {

void ArrivalAudit::indexed(const std::vector<FrameHeader>& headers)
{
    for (const FrameHeader& h : headers)
        m_byFile[h.path] = {h.studyUid, h.sopInstanceUid, h.patientId, h.patientName};
}

void ArrivalAudit::finished(const std::vector<StorageScp::Association>& associations, AuditTrail& trail)
{
    for (const StorageScp::Association& association : associations) {
        std::map<std::string, AuditEvent> byStudy;
        std::map<std::string, std::set<std::string>> instances;
        for (const std::string& file : association.files) {
            const auto found = m_byFile.find(file);
            if (found == m_byFile.end())
                continue;  // not readable as DICOM: the indexer said so
            const Arrival& a = found->second;
            AuditEvent& e = byStudy[a.studyUid];
            if (e.studyUids.empty()) {
                e.kind = AuditEventKind::InstancesReceived;
                e.studyUids = {a.studyUid};
                e.patientId = a.patientId;
                e.patientName = a.patientName;
                e.peerAeTitle = association.callingAeTitle;
                e.peerAddress = association.peerAddress;
            }
            instances[a.studyUid].insert(a.sopInstanceUid);
            m_byFile.erase(found);
        }
        for (auto& [study, e] : byStudy) {
            e.instances = int(instances[study].size());
            trail.record(e);
        }
        if (association.refusedForRoom > 0) {
            // Their data sets were dropped unread: the sender and the count, no study.
            AuditEvent refused(AuditEventKind::InstancesReceived);
            refused.success = false;
            refused.outcome = "refused " + std::to_string(association.refusedForRoom) +
                              " instance(s) as Out of Resources: " + association.roomShortage;
            refused.peerAeTitle = association.callingAeTitle;
            refused.peerAddress = association.peerAddress;
            trail.record(refused);
        }
    }
}

} // namespace hf::app
