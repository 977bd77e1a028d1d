#pragma once
// The CLI's side of the audit trail: --audit-log (default audit.log beside the cache), --syslog
// and --syslog-ca on every command that touches patient data or a node, the reader from the
// workstation's settings (else the login name), and events built from what a command handled.
#include "AuditEvents.h"
#include "AuditTrail.h"

#include "hf/dicomio/audit/AuditEvent.h"

#include <memory>

class QCommandLineParser;

namespace hf::cli {

using app::eventsPerStudy;
using app::recordIfSecurityAlert;
using app::setPeer;
using app::studyEvent;

void describeAuditOptions(QCommandLineParser& parser);
// The reader as the workstation's settings name them (else the login name).
app::UserIdentity configuredReader();
// The trail the options name; nothing (and why) when --syslog is wrong.
// `cachePath`: the cache the command works on (the log's default folder).
std::unique_ptr<app::AuditTrail> auditTrailOf(const QCommandLineParser& parser, const QString& cachePath, QString& error,
                                              const QString& aeTitle = "HOUNSFIELD");

} // namespace hf::cli
