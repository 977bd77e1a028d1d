#pragma once
// The append-only audit trail: one audit message per line in a local file, written with one
// append and flushed to disk, never rewritten; past `rotateBytes` the file is renamed with its
// closing time (audit.log.20261206T194000Z) and a new one begun. Several processes (the
// workstation, the CLI) may write the same file: each record is one write under a file lock.
// Optionally each message also goes to a syslog collector (RFC 5424 over UDP, RFC 5425 framing
// over TLS). Any thread.
#include "hf/dicomio/audit/AuditMessage.h"

#include <memory>
#include <mutex>
#include <string>

namespace hf {

struct AuditEvent;
class SyslogSender;

class AuditLog {
public:
    explicit AuditLog(std::string path, AuditSource source, long long rotateBytes = 10LL << 20);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Also send every message to this collector (see SyslogSender).
    void setSyslog(std::unique_ptr<SyslogSender> sender);

    // Writes the event; false (and why, naming the file) when the log cannot be written. A
    // collector that cannot be reached does not fail the record (the file has it).
    bool record(const AuditEvent& event, std::string& error);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    AuditSource m_source;
    long long m_rotateBytes;
    std::unique_ptr<SyslogSender> m_syslog;
    std::mutex m_lock;
};

} // namespace hf
