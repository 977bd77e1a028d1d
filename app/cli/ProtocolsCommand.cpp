#include "ProtocolsCommand.h"

#include "PlanJson.h"
#include "ProtocolLibrary.h"
#include "ProtocolMatcher.h"
#include "StudyFactsReader.h"

#include "hf/annotations/CacheDatabase.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {
namespace {

using namespace hf::protocols;

void printPlan(const HangingPlan& plan)
{
    std::printf("%s (%s)%s\n", qPrintable(plan.protocol), qPrintable(plan.file),
                plan.reasons.isEmpty() ? "" : qPrintable(": " + plan.reasons.join(", ")));
    for (size_t s = 0; s < plan.stages.size(); ++s) {
        const StagePlan& stage = plan.stages[s];
        std::printf("  stage %zu %s [%s]\n", s + 1, qPrintable(stage.stage.name), qPrintable(stage.stage.layout));
        for (size_t v = 0; v < stage.views.size(); ++v) {
            const ViewAssignment& a = stage.views[v];
            if (a.empty) {
                std::printf("    view %zu: (nothing matches)\n", v + 1);
                continue;
            }
            QString what = QString("series %1 %2 %3").arg(a.seriesNumber).arg(a.modality, a.seriesDescription);
            if (a.stackCount > 1)
                what += QString(", stack %1/%2 %3").arg(a.stackIndex + 1).arg(a.stackCount).arg(a.stackLabel);
            if (a.prior > 0)
                what += ", prior study";
            if (!a.rule.windowPreset.isEmpty())
                what += ", window " + a.rule.windowPreset;
            if (a.flipHorizontal)
                what += ", mirrored";
            std::printf("    view %zu: %s (%s)\n", v + 1, qPrintable(what), qPrintable(a.seriesUid));
        }
    }
}

} // namespace

int ProtocolsCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"match", "The cached study to hang: which protocol applies and what each view gets.", "STUDY_UID"},
                       {"prior", "With --match: the earlier study to compare with (default: the most relevant prior in the cache).", "STUDY_UID"},
                       {"protocol", "With --match: hang by this protocol instead of the best match.", "NAME"},
                       {"folder", "The reader's protocol folder (default " + ProtocolLibrary::defaultUserFolder() + ").", "DIR"},
                       {"check", "Exit 2 when a protocol file cannot be read."},
                       {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const ProtocolLibrary library(parser.isSet("folder") ? parser.value("folder") : ProtocolLibrary::defaultUserFolder(),
                                  ProtocolLibrary::builtInPresetNames());
    for (const QString& error : library.errors())
        std::fprintf(stderr, "hounsfield-cli protocols: %s (left out)\n", qPrintable(error));
    const bool json = parser.isSet("json");

    if (!parser.isSet("match")) {
        if (parser.isSet("protocol"))
            return fail(name(), "--protocol applies with --match STUDY_UID", BadInput);
        QJsonArray list;
        for (const HangingProtocol& p : library.all()) {
            QStringList stages;
            for (const auto& s : p.stages)
                stages << s.name + " [" + s.layout + "]";
            if (json)
                list.append(QJsonObject{{"name", p.name}, {"file", p.file}, {"built_in", p.builtIn}, {"fallback", p.fallback},
                                        {"priority", p.priority}, {"stages", QJsonArray::fromStringList(stages)}});
            else
                std::printf("%s%s: %s (%s)\n", qPrintable(p.name), p.fallback ? " [fallback]" : "", qPrintable(stages.join("; ")),
                            qPrintable(p.builtIn ? QString("built in") : p.file));
        }
        if (json)
            std::printf("%s", QJsonDocument(QJsonObject{{"protocols", list}, {"errors", QJsonArray::fromStringList(library.errors())}})
                                  .toJson()
                                  .constData());
        return parser.isSet("check") && !library.errors().isEmpty() ? BadInput : Success;
    }

    const std::string db = cachePathOf(parser).toStdString();
    const std::string studyUid = parser.value("match").toStdString();
    std::optional<StudyFacts> facts;
    try {
        CacheDatabase database(db);
        facts = readStudyFacts(database, studyUid, parser.value("prior").toStdString());
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    if (!facts)
        return fail(name(), "--match: study " + parser.value("match") + " is not in the cache " + QString::fromStdString(db), BadInput);
    const HangingProtocol* protocol = &chooseProtocol(library, *facts);
    if (parser.isSet("protocol")) {
        protocol = library.byName(parser.value("protocol"));
        if (!protocol)
            return fail(name(), "--protocol: no protocol named '" + parser.value("protocol") + "'", BadInput);
    }
    const HangingPlan plan = hang(*protocol, *facts);
    if (json) {
        QJsonObject out = planToJson(plan);
        out["errors"] = QJsonArray::fromStringList(library.errors());
        std::printf("%s", QJsonDocument(out).toJson().constData());
    } else {
        printPlan(plan);
    }
    return parser.isSet("check") && !library.errors().isEmpty() ? BadInput : Success;
}

} // namespace hf::cli
