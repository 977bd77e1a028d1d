#include "SendCommand.h"

#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteSend.h"

#include <QCommandLineParser>

#include <cstdio>

namespace hf::cli {

int SendCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "AET@HOST:PORT (DIMSE; sent by C-STORE).");
    parser.addOptions({{"study", "Study Instance UID of a cached study.", "UID"},
                       dbOption()});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode, {"study"});
    if (!node)
        return exitCode;
    QString auditProblem;
    const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem, QString::fromStdString(node->callingAeTitle));
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    std::vector<SendItem> items;
    AuditEvent transferred;
    try {
        CacheDatabase database(db);
        for (const auto& f : StudyIndex(database).instancesOfStudy(parser.value("study").toStdString()))
            items.push_back({f.path, f.sopClassUid, f.transferSyntax});
        transferred = studyEvent(AuditEventKind::Send, database, parser.value("study").toStdString(), int(items.size()));
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    if (items.empty())
        return fail(name(), "study " + parser.value("study") + " has no images in the cache", BadInput);
    const SendResult sent = sendToNode(*node, items, [](int done, int total) {
        std::fprintf(stderr, "\rsend: %d/%d", done, total);
        return true;
    });
    std::fprintf(stderr, "\n");
    app::recordExchange(*trail, transferred, *node, sent.ok, sent.message);
    for (const auto& f : sent.failures)
        std::fprintf(stderr, "hounsfield-cli send: %s\n", f.c_str());
    std::printf("%s\n", sent.message.c_str());
    return sent.ok ? Success : fail(name(), QString::fromStdString(sent.message), Failure);
}

} // namespace hf::cli
