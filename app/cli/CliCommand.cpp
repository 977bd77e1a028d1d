#include "CliCommand.h"

#include <cstdio>

namespace hf::cli {

int fail(const QString& command, const QString& reason, int code)
{
    std::fprintf(stderr, "hounsfield-cli %s: %s\n", qPrintable(command), qPrintable(reason));
    return code;
}

} // namespace hf::cli
