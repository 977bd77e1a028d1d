#include "UserIdentity.h"

#include <QSettings>

#include <pwd.h>
#include <unistd.h>

namespace hf::app {

QString UserIdentity::loginName()
{
    const QString user = qEnvironmentVariable("USER");
    if (!user.isEmpty())
        return user;
    if (const passwd* entry = ::getpwuid(::getuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return "unknown";
}

UserIdentity UserIdentity::load(QSettings& settings)
{
    UserIdentity identity;
    identity.name = settings.value("reader/name").toString().trimmed();
    identity.id = settings.value("reader/id").toString().trimmed();
    if (identity.id.isEmpty())
        identity.id = loginName();
    return identity;
}

void UserIdentity::save(QSettings& settings) const
{
    settings.setValue("reader/name", name);
    settings.setValue("reader/id", id);
}

} // namespace hf::app
