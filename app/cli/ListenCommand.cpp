#include "ListenCommand.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/dicomio/net/StorageScp.h"
#include "ArrivalAudit.h"
#include "CliAudit.h"
#include "NodeOptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <map>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>
#include <vector>

namespace hf::cli {
namespace {

std::atomic<bool> g_stop{false};  // set by SIGINT/SIGTERM: the one thing a handler may touch

extern "C" void stopListening(int) { g_stop.store(true); }

} // namespace

int ListenCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"aet", "Our AE title (default HOUNSFIELD).", "AET", "HOUNSFIELD"},
                       {"port", "The port to listen on (default 11112).", "PORT", "11112"},
                       {"allow", "Calling AE titles accepted, comma-separated (the configured nodes).", "AET,..."},
                       {"accept-any", "Accept any calling AE title."},
                       {"reply-to", "Where to send Storage Commitment reports for a calling AE title: AET@HOST:PORT "
                                    "(repeat for several nodes; over TLS with the --tls-* files).", "AET@HOST:PORT"},
                       {{"for", "seconds"}, "Stop after this many seconds (default: until SIGINT or SIGTERM).", "S", "0"},
                       keepFreeOption(),
                       {"json", "At the end, print one JSON document."}});
    describeTlsOptions(parser);
    describeAuditOptions(parser);
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    bool ok = false;
    const int port = parser.value("port").toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return fail(name(), "--port must be 1 to 65535", BadInput);
    const double seconds = parser.value("for").toDouble(&ok);
    if (!ok || seconds < 0)
        return fail(name(), "--for must be a number of seconds (0: until stopped)", BadInput);
    const QString aet = parser.value("aet");
    if (aet.isEmpty() || aet.size() > 16 || aet.contains('\\'))
        return fail(name(), "--aet must be 1 to 16 characters without a backslash", BadInput);
    if (parser.isSet("allow") == parser.isSet("accept-any"))
        return fail(name(), "say who may send: --allow AET,... (the configured nodes) or --accept-any", BadInput);
    std::set<std::string> allowed;
    for (const QString& title : parser.value("allow").split(',', Qt::SkipEmptyParts))
        allowed.insert(title.trimmed().toStdString());
    if (parser.isSet("allow") && allowed.empty())
        return fail(name(), "--allow needs at least one AE title", BadInput);
    QString keepFreeProblem;
    const auto keepFree = keepFreeFromOptions(parser, keepFreeProblem);
    if (!keepFree)
        return fail(name(), keepFreeProblem, BadInput);

    QString auditProblem;
    const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem, aet);
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    const std::string folder = QFileInfo(QString::fromStdString(db)).absolutePath().toStdString() + "/received";
    StorageScp scp(aet.toStdString(), port, folder);
    scp.setAllowedCallingAeTitles(allowed);
    scp.setKeepFree(*keepFree);
    const TlsSettings tls = tlsFromOptions(parser);
    if (tls.enabled())
        scp.setTls(tls);
    std::map<std::string, PacsNode> replyNodes;
    for (const QString& text : parser.values("reply-to")) {
        std::string why;
        auto node = parsePacsNode(text.toStdString(), why);
        if (!node || node->kind != PacsNode::Kind::Dimse)
            return fail(name(), "--reply-to " + text + ": expected AET@HOST:PORT", BadInput);
        node->callingAeTitle = aet.toStdString();
        node->tls = tls;
        replyNodes[node->calledAeTitle] = *node;
    }
    scp.setCommitmentReplies([replyNodes](const std::string& caller) -> std::optional<PacsNode> {
        const auto found = replyNodes.find(caller);
        return found == replyNodes.end() ? std::nullopt : std::optional<PacsNode>(found->second);
    });
    std::string error;
    if (!scp.start(error))
        return fail(name(), QString::fromStdString(error), Failure);
    trail->record(AuditEvent(AuditEventKind::ApplicationStart));
    std::signal(SIGINT, stopListening);
    std::signal(SIGTERM, stopListening);
    std::printf("listening as %s on port %d%s, %s\n", qPrintable(aet), port,
                tls.enabled() ? (tls.trustedCaFile.empty() ? " (TLS)" : " (TLS, client certificates checked)") : "",
                allowed.empty() ? "accepting any calling AE title" : qPrintable("accepting " + parser.value("allow")));
    std::fflush(stdout);

    long long indexed = 0, failed = 0, refusedForRoom = 0;
    app::ArrivalAudit arrivals;
    const auto indexArrivals = [&] {
        for (const StorageScp::Refusal& refused : scp.takeRefusals())
            trail->record(app::refusalAlert(refused));
        if (const StorageScp::RoomRefusals refused = scp.takeRoomRefusals(); refused.instances > 0) {
            refusedForRoom += refused.instances;
            std::fprintf(stderr, "listen: refused %d instance(s) (Out of Resources): %s\n", refused.instances, refused.reason.c_str());
        }
        for (const std::string& report : scp.takeCommitmentReports()) {
            std::printf("%s\n", report.c_str());
            std::fflush(stdout);
        }
        // Associations first: their files are then in this batch or an earlier one.
        const std::vector<StorageScp::Association> ended = scp.takeFinishedAssociations();
        const std::vector<std::string> batch = scp.takeStored();
        if (batch.empty()) {
            arrivals.finished(ended, *trail);
            return;
        }
        CacheDatabase database(db);
        const ImportResult imported = CacheImporter(database).import(batch);
        indexed += imported.added.instances;
        arrivals.indexed(imported.scan.frames);
        arrivals.indexed(imported.scan.objects);
        arrivals.finished(ended, *trail);
        failed += (long long)imported.scan.errors.size();
        for (const FileError& e : imported.scan.errors)
            std::fprintf(stderr, "listen: %s: %s\n", e.file.c_str(), e.reason.c_str());
        std::printf("indexed %zu instance(s); %lld in all\n", batch.size(), indexed);
        std::fflush(stdout);
    };
    const auto started = std::chrono::steady_clock::now();
    try {
        while (!g_stop.load() &&
               (seconds == 0 || std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < seconds)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            indexArrivals();
        }
        scp.stop();
        indexArrivals();
    } catch (const CacheDamaged& e) {
        scp.stop();
        return failDamagedCache(name(), e.what(), db);
    } catch (const std::exception& e) {
        scp.stop();
        return failWith(name(), e, db);
    }
    trail->record(AuditEvent(AuditEventKind::ApplicationStop));
    if (parser.isSet("json"))
        std::printf("%s", QJsonDocument(QJsonObject{{"received", scp.received()}, {"indexed", indexed}, {"unreadable", failed},
                                                    {"refused_for_room", refusedForRoom}, {"folder", QString::fromStdString(folder)}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    else
        std::printf("stopped: %d instance(s) received, %lld indexed%s\n", scp.received(), indexed,
                    refusedForRoom ? qPrintable(QString(", %1 refused for want of disk room").arg(refusedForRoom)) : "");
    return failed ? Failure : Success;
}

} // namespace hf::cli
