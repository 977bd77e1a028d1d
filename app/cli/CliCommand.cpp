#include "CliCommand.h"

#include <cstdio>

namespace hf::cli {

int fail(const QString& command, const QString& reason, int code)
{
    std::fprintf(stderr, "hounsfield-cli %s: %s\n", qPrintable(command), qPrintable(reason));
    return code;
}

int failDamagedCache(const QString& command, const char* reason, const std::string& db)
{
    return fail(command, QString::fromUtf8(reason) + "; rebuild it with: hounsfield-cli import --db " + QString::fromStdString(db)
                             + " --rebuild",
                Failure);
}

} // namespace hf::cli
