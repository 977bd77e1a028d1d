#include "RetrieveCommand.h"

#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRetriever.h"
#include "hf/dicomio/net/RemoteRetrieve.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int RetrieveCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "AET@HOST:PORT (DIMSE: C-GET, else C-MOVE) or a DICOMweb URL (WADO-RS).");
    parser.addOptions({{"study", "Study Instance UID.", "UID"},
                       {"series", "Only this series of the study.", "UID"},
                       {"method", "DIMSE: auto (C-GET, else C-MOVE), get or move.", "METHOD", "auto"},
                       dbOption(),
                       {"json", "Print one JSON document."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode, {"study"});
    if (!node)
        return exitCode;
    const QString db = cachePathOf(parser);
    const QString methodName = parser.value("method");
    if (methodName != "auto" && methodName != "get" && methodName != "move")
        return fail(name(), "--method must be auto, get or move", BadInput);
    const RetrieveMethod method = methodName == "get" ? RetrieveMethod::Get : methodName == "move" ? RetrieveMethod::Move : RetrieveMethod::Auto;
    QString auditProblem;
    const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem, QString::fromStdString(node->callingAeTitle));
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const RetrieveProgress progress = [](int received, int expected) {
        std::fprintf(stderr, "\rretrieve: %d/%d", received, expected);
        return true;
    };
    CacheRetrieval retrieved;
    QElapsedTimer clock;  // the retrieval alone, without the process's start and end (the bench's second figure)
    qint64 elapsedMs = 0;
    try {
        CacheDatabase database(db.toStdString());
        const CacheFileStore store(QFileInfo(db).absolutePath().toStdString());
        // Received into a scratch folder beside the cache, then copied in and indexed like an import.
        CacheRetriever retriever(database, &store, (QFileInfo(db).absolutePath() + "/incoming").toStdString());
        clock.start();
        retrieved = retriever.retrieve(*node, parser.value("study").toStdString(), parser.value("series").toStdString(), method, progress);
        elapsedMs = clock.elapsed();
        app::recordExchange(*trail, studyEvent(AuditEventKind::Retrieve, database, parser.value("study").toStdString(), retrieved.received),
                            *node, retrieved.ok, retrieved.message);
    } catch (const std::exception& e) {
        // Not failWith: a node's or a file's invalid_argument is not bad command-line input here.
        return dynamic_cast<const CacheDamaged*>(&e) ? failDamagedCache(name(), e.what(), db.toStdString()) : fail(name(), e.what(), Failure);
    }
    std::fprintf(stderr, "\n");
    if (parser.isSet("json"))
        std::printf("%s", QJsonDocument(QJsonObject{{"ok", retrieved.ok},
                                                    {"received", retrieved.received},
                                                    {"expected", retrieved.expected},
                                                    {"in_cache", retrieved.inCache},
                                                    {"new_instances", retrieved.newInstances},
                                                    {"skipped_series", retrieved.skippedSeries},
                                                    {"cancelled", retrieved.cancelled},
                                                    {"method", QString::fromStdString(retrieved.method)},
                                                    {"message", QString::fromStdString(retrieved.message)},
                                                    {"elapsed_ms", elapsedMs}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    else
        std::printf("%d\n", retrieved.received);
    if (!retrieved.ok)
        return fail(name(), QString::fromStdString(retrieved.message), Failure);
    std::fprintf(stderr, "%s; %d new in the cache\n", retrieved.message.c_str(), retrieved.newInstances);
    return Success;
}

} // namespace hf::cli
