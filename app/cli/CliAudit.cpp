#include "CliAudit.h"

#include "CliCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>


namespace hf::cli {

void describeAuditOptions(QCommandLineParser& parser)
{
    parser.addOptions({{"audit-log", "The audit trail's log file (default audit.log beside the cache).", "FILE"},
                       {"syslog", "Also send audit messages to this collector: udp://HOST:PORT or tls://HOST:PORT.", "URL"},
                       {"syslog-ca", "The CA file that signed the TLS syslog collector's certificate.", "FILE"}});
}

app::UserIdentity configuredReader()
{
    // The workstation's settings (its QSettings has no organisation and is named "Hounsfield").
    QSettings settings(QCoreApplication::organizationName(), "Hounsfield");
    return app::UserIdentity::load(settings);
}

std::unique_ptr<app::AuditTrail> auditTrailOf(const QCommandLineParser& parser, const QString& cachePath, QString& error, const QString& aeTitle)
{
    const QString path = parser.isSet("audit-log") ? parser.value("audit-log") : app::defaultAuditLogPath(cachePath);
    auto trail = std::make_unique<app::AuditTrail>(path, configuredReader(), aeTitle);
    if (parser.isSet("syslog") && !trail->sendToSyslog(parser.value("syslog"), parser.value("syslog-ca"), error))
        return nullptr;
    return trail;
}

} // namespace hf::cli
