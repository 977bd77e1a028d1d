#include "hf/dicomio/audit/AuditMessage.h"

#include "hf/dicomio/audit/AuditEvent.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace hf {

namespace {

std::string escaped(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
            // Control characters are not allowed in XML 1.0: dropped.
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
                out += c;
        }
    }
    return out;
}

std::string base64(const std::string& bytes)
{
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
        out += {table[v >> 18], table[v >> 12 & 63], table[v >> 6 & 63], table[v & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16;
        out += {table[v >> 18], table[v >> 12 & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
        out += {table[v >> 18], table[v >> 12 & 63], table[v >> 6 & 63], '='};
    }
    return out;
}

// A coded value: csd-code, codeSystemName, originalText (the code meaning).
std::string coded(const char* element, const char* code, const char* system, const char* meaning)
{
    return std::string("<") + element + " csd-code=\"" + code + "\" codeSystemName=\"" + system + "\" originalText=\"" + meaning + "\"/>";
}

struct EventCodes {
    const char* id;
    const char* idMeaning;
    const char* action;
    const char* typeCode;  // nullptr: none
    const char* typeMeaning;
};

EventCodes codesOf(AuditEventKind kind)
{
    switch (kind) {
    case AuditEventKind::ApplicationStart: return {"110100", "Application Activity", "E", "110120", "Application Start"};
    case AuditEventKind::ApplicationStop: return {"110100", "Application Activity", "E", "110121", "Application Stop"};
    case AuditEventKind::UserLogin: return {"110114", "User Authentication", "E", "110122", "Login"};
    case AuditEventKind::StudyOpened: return {"110103", "DICOM Instances Accessed", "R", nullptr, nullptr};
    case AuditEventKind::Query: return {"110112", "Query", "E", nullptr, nullptr};
    case AuditEventKind::Retrieve: return {"110104", "DICOM Instances Transferred", "C", nullptr, nullptr};
    case AuditEventKind::Send: return {"110104", "DICOM Instances Transferred", "R", nullptr, nullptr};
    case AuditEventKind::InstancesReceived: return {"110104", "DICOM Instances Transferred", "C", nullptr, nullptr};
    case AuditEventKind::Export: return {"110106", "Export", "R", nullptr, nullptr};
    case AuditEventKind::Import: return {"110107", "Import", "C", nullptr, nullptr};
    case AuditEventKind::Delete: return {"110105", "DICOM Study Deleted", "D", nullptr, nullptr};
    case AuditEventKind::SecurityAlert: return {"110113", "Security Alert", "E", "110126", "Node Authentication"};
    }
    return {"110100", "Application Activity", "E", nullptr, nullptr};
}

std::string participant(const std::string& userId, const std::string& userName, bool requestor, const std::string& address,
                        const char* role, const char* roleMeaning, const std::string& extra = {})
{
    std::string p = "<ActiveParticipant UserID=\"" + escaped(userId.empty() ? "unknown" : userId) + "\"";
    if (!userName.empty())
        p += " UserName=\"" + escaped(userName) + "\"";
    p += std::string(" UserIsRequestor=\"") + (requestor ? "true" : "false") + "\"";
    if (!address.empty())
        p += " NetworkAccessPointID=\"" + escaped(address) + "\" NetworkAccessPointTypeCode=\"" +
             (address.find_first_not_of("0123456789.:") == std::string::npos ? "2" : "1") + "\"";
    p += ">";
    if (role)
        p += coded("RoleIDCode", role, "DCM", roleMeaning);
    p += extra + "</ActiveParticipant>";
    return p;
}

bool involvesStudies(AuditEventKind kind)
{
    switch (kind) {
    case AuditEventKind::StudyOpened:
    case AuditEventKind::Retrieve:
    case AuditEventKind::Send:
    case AuditEventKind::InstancesReceived:
    case AuditEventKind::Export:
    case AuditEventKind::Import:
    case AuditEventKind::Delete:
        return true;
    default:
        return false;
    }
}

} // namespace

std::string auditTimestampNow()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const int millis = int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[80];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                  utc.tm_min, utc.tm_sec, millis);
    return text;
}

std::string auditMessageXml(const AuditEvent& event, const AuditSource& source, const std::string& dateTime)
{
    const EventCodes codes = codesOf(event.kind);
    std::string xml = "<AuditMessage>";
    xml += std::string("<EventIdentification EventActionCode=\"") + codes.action + "\" EventDateTime=\"" +
           (dateTime.empty() ? auditTimestampNow() : dateTime) + "\" EventOutcomeIndicator=\"" + (event.success ? "0" : "4") + "\">";
    xml += coded("EventID", codes.id, "DCM", codes.idMeaning);
    if (codes.typeCode)
        xml += coded("EventTypeCode", codes.typeCode, "DCM", codes.typeMeaning);
    if (!event.outcome.empty())
        xml += "<EventOutcomeDescription>" + escaped(event.outcome) + "</EventOutcomeDescription>";
    xml += "</EventIdentification>";

    // Who: the reader (or the application itself), and the other system with its role.
    const std::string processId = source.sourceId + (source.processId.empty() ? "" : " pid " + source.processId);
    switch (event.kind) {
    case AuditEventKind::ApplicationStart:
    case AuditEventKind::ApplicationStop:
        xml += participant(processId, {}, false, source.hostName, "110150", "Application");
        xml += participant(event.userId, event.userName, true, {}, "110151", "Application Launcher");
        break;
    case AuditEventKind::Query:
    case AuditEventKind::Retrieve:
    case AuditEventKind::Send:
    case AuditEventKind::InstancesReceived: {
        // Source and destination processes: we are the destination of a retrieve or a push,
        // the source of a send, and the source (requestor) of a query.
        const bool weReceive = event.kind == AuditEventKind::Retrieve || event.kind == AuditEventKind::InstancesReceived;
        const std::string peer = event.peerAeTitle.empty() ? event.peerAddress : event.peerAeTitle;
        const bool weRequest = event.kind != AuditEventKind::InstancesReceived;
        xml += participant(source.sourceId, {}, weRequest, source.hostName, weReceive ? "110152" : "110153",
                           weReceive ? "Destination Role ID" : "Source Role ID");
        xml += participant(peer, {}, !weRequest, event.peerAddress, weReceive ? "110153" : "110152",
                           weReceive ? "Source Role ID" : "Destination Role ID");
        if (weRequest)
            xml += participant(event.userId, event.userName, true, {}, nullptr, nullptr);
        break;
    }
    case AuditEventKind::Export:
        xml += participant(event.userId, event.userName, true, source.hostName, nullptr, nullptr);
        xml += participant(event.peerAddress, {}, false, {}, "110155", "Destination Media");
        break;
    case AuditEventKind::Import:
        xml += participant(event.userId, event.userName, true, source.hostName, nullptr, nullptr);
        xml += participant(event.peerAddress, {}, false, {}, "110154", "Source Media");
        break;
    case AuditEventKind::SecurityAlert:
        xml += participant(processId, {}, false, source.hostName, "110150", "Application");
        if (!event.peerAddress.empty() || !event.peerAeTitle.empty())
            xml += participant(event.peerAeTitle.empty() ? event.peerAddress : event.peerAeTitle, {}, true, event.peerAddress, nullptr, nullptr);
        break;
    default:
        xml += participant(event.userId, event.userName, true, source.hostName, nullptr, nullptr);
    }
    xml += "<AuditSourceIdentification AuditSourceID=\"" + escaped(source.sourceId) + "\">" +
           std::string("<AuditSourceTypeCode csd-code=\"1\"/>") + "</AuditSourceIdentification>";

    // What: the studies and the patient; the query; the alert's subject.
    if (involvesStudies(event.kind)) {
        for (const std::string& study : event.studyUids) {
            xml += "<ParticipantObjectIdentification ParticipantObjectID=\"" + escaped(study) +
                   "\" ParticipantObjectTypeCode=\"2\" ParticipantObjectTypeCodeRole=\"3\">";
            xml += coded("ParticipantObjectIDTypeCode", "110180", "DCM", "Study Instance UID");
            xml += "<ParticipantObjectName>" + escaped(study) + "</ParticipantObjectName>";
            if (event.instances > 0 && event.studyUids.size() == 1)
                xml += "<ParticipantObjectDescription><SOPClass NumberOfInstances=\"" + std::to_string(event.instances) +
                       "\"/></ParticipantObjectDescription>";
            xml += "</ParticipantObjectIdentification>";
        }
        if (!event.patientId.empty()) {
            xml += "<ParticipantObjectIdentification ParticipantObjectID=\"" + escaped(event.patientId) +
                   "\" ParticipantObjectTypeCode=\"1\" ParticipantObjectTypeCodeRole=\"1\">";
            xml += coded("ParticipantObjectIDTypeCode", "2", "RFC-3881", "Patient Number");
            xml += "<ParticipantObjectName>" + escaped(event.patientName.empty() ? event.patientId : event.patientName) +
                   "</ParticipantObjectName></ParticipantObjectIdentification>";
        }
    } else if (event.kind == AuditEventKind::Query) {
        const std::string model = event.queryModel.empty() ? "1.2.840.10008.5.1.4.1.2.2.1" : event.queryModel;
        xml += "<ParticipantObjectIdentification ParticipantObjectID=\"" + escaped(model) +
               "\" ParticipantObjectTypeCode=\"2\" ParticipantObjectTypeCodeRole=\"24\">";
        xml += coded("ParticipantObjectIDTypeCode", "110181", "DCM", "SOP Class UID");
        xml += "<ParticipantObjectQuery>" + base64(event.query) + "</ParticipantObjectQuery></ParticipantObjectIdentification>";
    } else if (event.kind == AuditEventKind::SecurityAlert) {
        const std::string subject = event.peerAddress.empty() ? event.peerAeTitle : event.peerAddress;
        if (!subject.empty()) {
            xml += "<ParticipantObjectIdentification ParticipantObjectID=\"" + escaped(subject) +
                   "\" ParticipantObjectTypeCode=\"2\" ParticipantObjectTypeCodeRole=\"13\">";
            xml += coded("ParticipantObjectIDTypeCode", "110182", "DCM", "Node ID");
            xml += "<ParticipantObjectName>" + escaped(subject) + "</ParticipantObjectName></ParticipantObjectIdentification>";
        }
    }
    xml += "</AuditMessage>";
    return xml;
}

const char* auditEventName(AuditEventKind kind)
{
    switch (kind) {
    case AuditEventKind::ApplicationStart: return "application start";
    case AuditEventKind::ApplicationStop: return "application stop";
    case AuditEventKind::UserLogin: return "user login";
    case AuditEventKind::StudyOpened: return "study opened";
    case AuditEventKind::Query: return "query";
    case AuditEventKind::Retrieve: return "retrieve";
    case AuditEventKind::Send: return "send";
    case AuditEventKind::InstancesReceived: return "instances received";
    case AuditEventKind::Export: return "export";
    case AuditEventKind::Import: return "import";
    case AuditEventKind::Delete: return "delete";
    case AuditEventKind::SecurityAlert: return "security alert";
    }
    return "event";
}

} // namespace hf
