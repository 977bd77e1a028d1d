#pragma once
// The audit trail as the workstation and the CLI keep it: the append-only log (--audit-log, by
// default audit.log beside the cache), the reader as active participant, our AE title as the
// source, and optionally a syslog collector. A record that cannot be written is said on stderr
// (without patient identity) and never stops the work. Any thread.
#include "UserIdentity.h"

#include "hf/dicomio/audit/AuditEvent.h"

#include <QString>
#include <QThreadPool>

#include <memory>

namespace hf {
class AuditLog;
}

namespace hf::app {

class AuditTrail {
public:
    AuditTrail(const QString& logPath, UserIdentity user, const QString& aeTitle = "HOUNSFIELD");
    ~AuditTrail();
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;

    // "udp://HOST:PORT" or "tls://HOST:PORT" (with the CA file that signed the collector's
    // certificate); false and why when the address is wrong.
    bool sendToSyslog(const QString& url, const QString& trustedCaFile, QString& error);

    // The reader filled in (unless the event names one), then written (and flushed to disk).
    void record(AuditEvent event);
    // The same on the trail's own thread, in order: for the GUI thread, which never waits on disk.
    void post(AuditEvent event);
    QString logPath() const;
    const UserIdentity& user() const { return m_user; }

private:
    UserIdentity m_user;
    std::unique_ptr<AuditLog> m_log;
    QThreadPool m_writer;  // one thread: posted events keep their order; drained on destruction
};

// audit.log in the folder of the cache database.
QString defaultAuditLogPath(const QString& cachePath);

} // namespace hf::app
