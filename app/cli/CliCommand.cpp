#include "CliCommand.h"

#include "CachePath.h"

#include "hf/annotations/CacheDatabase.h"

#include <QCommandLineParser>

#include <cstdio>
#include <stdexcept>

namespace hf::cli {

int fail(const QString& command, const QString& reason, int code)
{
    std::fprintf(stderr, "hounsfield-cli %s: %s\n", qPrintable(command), qPrintable(reason));
    return code;
}

void describe(QCommandLineParser& parser, const CliCommand& command)
{
    parser.setApplicationDescription(command.summary());
    parser.addHelpOption();
}

std::optional<int> parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args, const QStringList& required)
{
    if (!parser.parse(QStringList(command) + args))
        return fail(command, parser.errorText(), BadInput);
    if (parser.isSet("help")) {
        std::printf("%s", qPrintable(parser.helpText()));
        return Success;
    }
    for (const QString& option : required)
        if (!parser.isSet(option))
            return fail(command, "--" + option + " is required", BadInput);
    return std::nullopt;
}

std::optional<int> parseArguments(QCommandLineParser& parser, const CliCommand& command, const QStringList& args, const QStringList& required)
{
    return parseArguments(parser, command.name(), args, required);
}

QCommandLineOption dbOption()
{
    return {"db", "Cache database (default " + app::defaultCachePath() + ").", "FILE"};
}

QString cachePathOf(const QCommandLineParser& parser)
{
    return parser.isSet("db") ? parser.value("db") : app::defaultCachePath();
}

int failWith(const QString& command, const std::exception& e, const std::string& db)
{
    if (dynamic_cast<const CacheDamaged*>(&e))
        return failDamagedCache(command, e.what(), db);
    return fail(command, e.what(), dynamic_cast<const std::invalid_argument*>(&e) ? BadInput : Failure);
}

int failDamagedCache(const QString& command, const char* reason, const std::string& db)
{
    return fail(command, QString::fromUtf8(reason) + "; rebuild it with: hounsfield-cli import --db " + QString::fromStdString(db)
                             + " --rebuild",
                Failure);
}

} // namespace hf::cli
