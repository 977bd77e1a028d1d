#include "AuditEvents.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/net/PacsNode.h"

#include <map>
#include <set>

namespace hf::app {

std::vector<AuditEvent> eventsPerStudy(AuditEventKind kind, const std::vector<FrameHeader>& frames)
{
    std::map<std::string, AuditEvent> byStudy;
    std::map<std::string, std::set<std::string>> instances;
    for (const FrameHeader& f : frames) {
        AuditEvent& e = byStudy[f.studyUid];
        if (e.studyUids.empty()) {
            e.kind = kind;
            e.studyUids = {f.studyUid};
            e.patientId = f.patientId;
            e.patientName = f.patientName;
        }
        instances[f.studyUid].insert(f.sopInstanceUid);
    }
    std::vector<AuditEvent> events;
    for (auto& [uid, e] : byStudy) {
        e.instances = int(instances[uid].size());
        events.push_back(e);
    }
    return events;
}

AuditEvent studyEvent(AuditEventKind kind, CacheDatabase& database, const std::string& studyUid, int instances)
{
    AuditEvent e;
    e.kind = kind;
    e.studyUids = {studyUid};
    e.instances = instances;
    if (const auto identity = StudyIndex(database).studyIdentity(studyUid)) {
        e.patientId = identity->first.id;
        e.patientName = identity->first.name;
    }
    return e;
}

void setPeer(AuditEvent& event, const PacsNode& node)
{
    if (node.kind == PacsNode::Kind::DicomWeb) {
        event.peerAddress = node.baseUrl;
    } else {
        event.peerAeTitle = node.calledAeTitle;
        event.peerAddress = node.host;
    }
}

AuditEvent refusalAlert(const StorageScp::Refusal& refused)
{
    AuditEvent alert(AuditEventKind::SecurityAlert);
    alert.success = false;
    alert.outcome = refused.reason;
    alert.peerAeTitle = refused.callingAeTitle;
    alert.peerAddress = refused.peerAddress;
    return alert;
}

void recordExchange(AuditTrail& trail, AuditEvent event, const PacsNode& node, bool ok, const std::string& failure)
{
    setPeer(event, node);
    event.success = ok;
    event.outcome = ok ? std::string() : failure;
    trail.record(event);
    if (!ok)
        recordIfSecurityAlert(trail, node, failure);
}

void recordIfSecurityAlert(AuditTrail& trail, const PacsNode& node, const std::string& failure)
{
    if (!isTlsHandshakeFailure(failure))
        return;
    AuditEvent alert;
    alert.kind = AuditEventKind::SecurityAlert;
    alert.success = false;
    alert.outcome = failure;
    setPeer(alert, node);
    trail.record(alert);
}

} // namespace hf::app
