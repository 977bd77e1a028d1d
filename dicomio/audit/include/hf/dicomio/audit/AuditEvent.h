#pragma once
// One event for the audit trail (PS3.15 A.5.3 / IHE ATNA): what happened, who did it, with
// which other system, and which patient and studies were involved. Value type, any thread.
#include <string>
#include <vector>

namespace hf {

enum class AuditEventKind {
    ApplicationStart,   // Application Activity (110100), Application Start
    ApplicationStop,    // Application Activity (110100), Application Stop
    UserLogin,          // User Authentication (110114), Login
    StudyOpened,        // DICOM Instances Accessed (110103), Read
    Query,              // Query (110112)
    Retrieve,           // DICOM Instances Transferred (110104), Create: from a node into the cache
    Send,               // DICOM Instances Transferred (110104), Read: from the cache to a node
    InstancesReceived,  // DICOM Instances Transferred (110104), Create: pushed to our receiver
    Export,             // Export (110106): to files or media
    Import,             // Import (110107): from files or media into the cache
    Delete,             // DICOM Study Deleted (110105)
    SecurityAlert,      // Security Alert (110113), Node Authentication: failed TLS, rejected association
};

struct AuditEvent {
    AuditEvent() = default;
    explicit AuditEvent(AuditEventKind what)
        : kind(what)
    {
    }
    AuditEventKind kind = AuditEventKind::ApplicationStart;
    bool success = true;
    std::string outcome;  // what went wrong (never patient identity), or empty
    // The reader: from the user identity (Settings, or the login name headless).
    std::string userId, userName;
    // The other side: a node's AE title and address, a file path or a folder.
    std::string peerAeTitle, peerAddress;
    // The patient and studies involved (Instances Accessed, Transferred, Export, Import, Delete).
    std::string patientId, patientName;
    std::vector<std::string> studyUids;
    int instances = 0;
    // Query: the keys asked (in plain words, e.g. "PatientID=..., Modality=CT") and the model.
    std::string query, queryModel;
};

// What the event is called in the log and by `hounsfield-cli audit` ("study opened", ...).
const char* auditEventName(AuditEventKind kind);

} // namespace hf
