#pragma once
// An audit event as a DICOM Audit Message (PS3.15 A.5.1 schema, the A.5.3 message layouts), in
// one line of XML. Values are escaped; the query keys are base64 as the schema requires.
#include <string>

namespace hf {

struct AuditEvent;

struct AuditSource {
    std::string sourceId = "HOUNSFIELD";  // our AE title
    std::string hostName;                 // this machine (the network access point)
    std::string processId;                // this process
};

// `dateTime`: xsd:dateTime in UTC ("2026-12-06T19:40:00.123Z"); empty: now.
std::string auditMessageXml(const AuditEvent& event, const AuditSource& source, const std::string& dateTime = {});
std::string auditTimestampNow();

} // namespace hf
