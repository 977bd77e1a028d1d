#include "SendCommand.h"

#include "CachePath.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/RemoteSend.h"

#include <QCommandLineParser>

#include <cstdio>

namespace hf::cli {

int SendCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    parser.addOptions(nodeOptions("AET@HOST:PORT (DIMSE; sent by C-STORE)."));
    parser.addOptions({{"study", "Study Instance UID of a cached study.", "UID"},
                       {"db", "Cache database (default " + app::defaultCachePath() + ").", "FILE"}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    if (!parser.isSet("study"))
        return fail(name(), "--study is required", BadInput);
    const std::string db = (parser.isSet("db") ? parser.value("db") : app::defaultCachePath()).toStdString();
    std::vector<SendItem> items;
    try {
        CacheDatabase database(db);
        for (const auto& f : StudyIndex(database).instancesOfStudy(parser.value("study").toStdString()))
            items.push_back({f.path, f.sopClassUid, f.transferSyntax});
    } catch (const CacheDamaged& e) {
        return failDamagedCache(name(), e.what(), db);
    } catch (const CacheError& e) {
        return fail(name(), e.what(), Failure);
    }
    if (items.empty())
        return fail(name(), "study " + parser.value("study") + " has no images in the cache", BadInput);
    const SendResult sent = sendToNode(*node, items, [](int done, int total) {
        std::fprintf(stderr, "\rsend: %d/%d", done, total);
        return true;
    });
    std::fprintf(stderr, "\n");
    for (const auto& f : sent.failures)
        std::fprintf(stderr, "hounsfield-cli send: %s\n", f.c_str());
    std::printf("%s\n", sent.message.c_str());
    return sent.ok ? Success : fail(name(), QString::fromStdString(sent.message), Failure);
}

} // namespace hf::cli
