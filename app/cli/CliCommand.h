#pragma once
// One `hounsfield-cli` subcommand. Exit codes follow docs (cli.md): 0 success, 2 bad input
// (with a one-line reason on stderr naming the file or argument), 1 other failures.
#include <QCommandLineOption>
#include <QStringList>

#include <exception>
#include <optional>

#include <string>

class QCommandLineParser;

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

// The command's summary and --help, which every subcommand's parser starts with.
void describe(QCommandLineParser& parser, const CliCommand& command);
// --db FILE: the local cache (its default location in the help).
QCommandLineOption dbOption();
// Parses args (without the program and subcommand names); prints the help when asked. Returns
// the exit code when the command is done (help shown, or bad arguments reported), else nothing.
// `required`: options that must be given ("--X is required" otherwise).
std::optional<int> parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                                  const QStringList& required = {});
std::optional<int> parseArguments(QCommandLineParser& parser, const CliCommand& command, const QStringList& args,
                                  const QStringList& required = {});
// The cache --db names, else the default one.
QString cachePathOf(const QCommandLineParser& parser);

// Prints "hounsfield-cli NAME: reason" on stderr and returns code.
int fail(const QString& command, const QString& reason, int code);
// What a command's body threw: a damaged cache says how to rebuild `db`; std::invalid_argument
// is bad input (2); anything else a failure (1).
int failWith(const QString& command, const std::exception& e, const std::string& db = {});
// A damaged cache index: the reason plus the command that rebuilds it; returns Failure.
int failDamagedCache(const QString& command, const char* reason, const std::string& db);

} // namespace hf::cli
