#pragma once
// Audit events built from what the workstation or the CLI handled: per study among scanned
// headers, for a cached study (the patient from the cache index), with a node as the other
// party, and a failed TLS handshake as a security alert.
#include "AuditTrail.h"

#include "hf/dicomio/audit/AuditEvent.h"
#include "hf/dicomio/net/StorageScp.h"

#include <string>
#include <vector>

namespace hf {
class CacheDatabase;
struct FrameHeader;
struct PacsNode;
}

namespace hf::app {

// One event per study among these headers: the patient, the study and its instance count.
std::vector<AuditEvent> eventsPerStudy(AuditEventKind kind, const std::vector<FrameHeader>& frames);
// The event for a cached study (patient from the cache index).
AuditEvent studyEvent(AuditEventKind kind, CacheDatabase& database, const std::string& studyUid, int instances);
// The node as the other party of an event.
void setPeer(AuditEvent& event, const PacsNode& node);
// An association the receiver refused (AE title not accepted, certificate rejected).
AuditEvent refusalAlert(const StorageScp::Refusal& refused);
// An exchange with a node (query, retrieve, send): the node as the other party and how it
// ended, recorded; a failed TLS handshake also as a security alert.
void recordExchange(AuditTrail& trail, AuditEvent event, const PacsNode& node, bool ok, const std::string& failure);
// A failure that is a TLS handshake is also a security alert: recorded when it is one.
void recordIfSecurityAlert(AuditTrail& trail, const PacsNode& node, const std::string& failure);

} // namespace hf::app
