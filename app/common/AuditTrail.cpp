#include "AuditTrail.h"

#include "hf/dicomio/audit/AuditLog.h"
#include "hf/dicomio/audit/SyslogSender.h"

#include <QFileInfo>

#include <unistd.h>

#include <cstdio>

namespace hf::app {

AuditTrail::AuditTrail(const QString& logPath, UserIdentity user, const QString& aeTitle)
    : m_user(std::move(user))
{
    AuditSource source;
    source.sourceId = aeTitle.toStdString();
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    source.hostName = host;
    source.processId = std::to_string(::getpid());
    m_log = std::make_unique<AuditLog>(logPath.toStdString(), source);
    m_writer.setMaxThreadCount(1);
}

AuditTrail::~AuditTrail()
{
    m_writer.waitForDone();  // nothing posted is lost
}

void AuditTrail::post(AuditEvent event)
{
    m_writer.start([this, event = std::move(event)] { record(event); });
}

bool AuditTrail::sendToSyslog(const QString& url, const QString& trustedCaFile, QString& error)
{
    SyslogTls tls;
    tls.trustedCaFile = trustedCaFile.toStdString();
    std::string why;
    auto sender = SyslogSender::parse(url.toStdString(), "hounsfield", tls, why);
    if (!sender) {
        error = QString::fromStdString(why);
        return false;
    }
    m_log->setSyslog(std::move(sender));
    return true;
}

void AuditTrail::record(AuditEvent event)
{
    if (event.userId.empty())
        event.userId = m_user.id.toStdString();
    if (event.userName.empty())
        event.userName = m_user.author().toStdString();
    std::string error;
    if (!m_log->record(event, error))
        std::fprintf(stderr, "hounsfield: %s\n", error.c_str());
}

QString AuditTrail::logPath() const
{
    return QString::fromStdString(m_log->path());
}

QString defaultAuditLogPath(const QString& cachePath)
{
    return QFileInfo(cachePath).absolutePath() + "/audit.log";
}

} // namespace hf::app
