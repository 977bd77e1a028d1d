#include "RetrieveCommand.h"

#include "CachePath.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/dicomio/RemoteRetrieve.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cstdio>

namespace hf::cli {

int RetrieveCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    parser.addOptions(nodeOptions("AET@HOST:PORT (DIMSE; retrieved by C-GET)."));
    parser.addOptions({{"study", "Study Instance UID.", "UID"},
                       {"series", "Only this series of the study.", "UID"},
                       {"db", "Cache database (default " + app::defaultCachePath() + ").", "FILE"},
                       {"json", "Print one JSON document."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    if (!parser.isSet("study"))
        return fail(name(), "--study is required", BadInput);
    const QString db = parser.isSet("db") ? parser.value("db") : app::defaultCachePath();
    // Received into a scratch folder beside the cache, then copied in and indexed like an import.
    const QString incoming = QFileInfo(db).absolutePath() + "/incoming/" + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const RetrieveResult retrieved =
        retrieveByGet(*node, parser.value("study").toStdString(), parser.value("series").toStdString(), incoming.toStdString());
    long long indexed = 0;
    QString failure;
    if (retrieved.received > 0) {
        try {
            CacheDatabase database(db.toStdString());
            const CacheFileStore store(QFileInfo(db).absolutePath().toStdString());
            indexed = CacheImporter(database, &store).import({incoming.toStdString()}).added.instances;
        } catch (const std::exception& e) {
            failure = QString::fromUtf8(e.what());
        }
    }
    QDir(incoming).removeRecursively();
    if (!failure.isEmpty())
        return fail(name(), failure, Failure);
    if (!retrieved.ok)
        return fail(name(), QString::fromStdString(retrieved.message), Failure);
    if (parser.isSet("json"))
        std::printf("%s", QJsonDocument(QJsonObject{{"received", retrieved.received},
                                                    {"failed", retrieved.failed},
                                                    {"new_instances", indexed},
                                                    {"message", QString::fromStdString(retrieved.message)}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    else
        std::printf("%d\n", retrieved.received);
    std::fprintf(stderr, "%s; %lld new in the cache\n", retrieved.message.c_str(), indexed);
    return Success;
}

} // namespace hf::cli
