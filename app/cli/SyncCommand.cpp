#include "SyncCommand.h"

#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/NodeSyncTransport.h"
#include "hf/annotations/SyncEngine.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>

namespace hf::cli {

int SyncCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "AET@HOST:PORT (C-STORE, C-FIND, C-GET) or a DICOMweb URL (STOW-RS, QIDO-RS, WADO-RS).");
    parser.addOptions({dbOption(),
                       {"study", "Only this study (default: every study with annotations, tags, key images or a note, and every study retrieved from NODE).", "UID"},
                       {"author", "Observer named in the objects (default $USER).", "NAME"},
                       {"json", "Print one JSON document."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    const QString db = cachePathOf(parser);
    const std::string author = parser.isSet("author") ? parser.value("author").toStdString() : configuredReader().author().toStdString();
    SyncReport total;
    long long pending = 0;
    try {
        CacheDatabase database(db.toStdString());
        NodeSyncTransport transport(*node);
        SyncEngine engine(database, transport, (QFileInfo(db).absolutePath() + "/sync").toStdString(), author);
        const std::vector<std::string> studies =
            parser.isSet("study") ? std::vector<std::string>{parser.value("study").toStdString()} : engine.studiesToPull();
        // The command asks now: no backoff.
        total = engine.sync(studies, true, std::time(nullptr));
        pending = engine.pendingChanges();
    } catch (const std::exception& e) {
        // Not failWith: a node's or a file's invalid_argument is not bad command-line input here.
        return dynamic_cast<const CacheDamaged*>(&e) ? failDamagedCache(name(), e.what(), db.toStdString()) : fail(name(), e.what(), Failure);
    }
    for (const auto& e : total.errors)
        std::fprintf(stderr, "hounsfield-cli sync: %s\n", e.c_str());
    if (parser.isSet("json")) {
        QJsonArray errors;
        for (const auto& e : total.errors)
            errors.append(QString::fromStdString(e));
        std::printf("%s", QJsonDocument(QJsonObject{{"pushed", total.pushedObjects},
                                                    {"pushed_changes", total.pushedChanges},
                                                    {"pulled", total.pulled},
                                                    {"pulled_objects", total.pulledObjects},
                                                    {"skipped_series", total.skippedSeries},
                                                    {"conflicts", total.conflicts},
                                                    {"failed", total.failed},
                                                    {"pending", pending},
                                                    {"errors", errors}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    } else {
        std::printf("pushed %d, pulled %d, other objects %d, failed %d\n", total.pushedObjects, total.pulled, total.pulledObjects, total.failed);
    }
    return total.failed == 0 ? Success : Failure;
}

} // namespace hf::cli
