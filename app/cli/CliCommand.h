#pragma once
// One `hounsfield-cli` subcommand. Exit codes follow docs (cli.md): 0 success, 2 bad input
// (with a one-line reason on stderr naming the file or argument), 1 other failures.
#include <QStringList>

#include <string>

namespace hf::cli {

enum ExitCode { Success = 0, Failure = 1, BadInput = 2 };

class CliCommand {
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // args excludes the program and subcommand names.
    virtual int run(const QStringList& args) = 0;
};

// Prints "hounsfield-cli NAME: reason" on stderr and returns code.
int fail(const QString& command, const QString& reason, int code);
// A damaged cache index: the reason plus the command that rebuilds it; returns Failure.
int failDamagedCache(const QString& command, const char* reason, const std::string& db);

} // namespace hf::cli
