#include "PriorsCommand.h"

#include "NodeOptions.h"
#include "StudyFactsReader.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteQuery.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int PriorsCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "Also ask this PACS node for the patient's studies: AET@HOST:PORT (C-FIND) or a DICOMweb URL (QIDO-RS).");
    parser.addOptions({dbOption(), {"study", "Study Instance UID of the current study (in the cache).", "UID"}, {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args, {"study"}))
        return *done;
    std::optional<PacsNode> node;
    if (parser.isSet("node")) {
        QString reason;
        node = nodeFromOptions(parser, reason);
        if (!node)
            return fail(name(), reason, BadInput);
    }
    const std::string db = cachePathOf(parser).toStdString();
    const std::string studyUid = parser.value("study").toStdString();
    try {
        CacheDatabase database(db);
        std::vector<protocols::RemoteStudy> onNode;
        bool nodeTruncated = false;
        if (node) {
            const auto identity = StudyIndex(database).studyIdentity(studyUid);
            if (!identity)
                return fail(name(), QString("the cache holds no study %1").arg(parser.value("study")), Failure);
            const PatientStudiesResult found = findPatientStudies(*node, identity->first.id, protocols::issuerOfPatientId(database, studyUid));
            if (!found.ok)
                return fail(name(), QString::fromStdString(found.message), Failure);
            // Said on stderr whatever the output: the oldest of such a patient's studies were not asked for.
            nodeTruncated = found.truncated;
            if (found.truncated)
                std::fprintf(stderr, "%s: %s\n", qPrintable(name()), found.message.c_str());
            for (size_t n = 0; n < found.studies.size(); ++n) {
                const RemoteRecord& r = found.studies[n];
                onNode.push_back({r.patient.id, r.study, r.modalities, found.bodyParts[n], r.instances});
            }
        }
        const auto priors = protocols::findPriors(database, studyUid, onNode);
        const auto where = [](const protocols::PriorStudy& p) {
            return QString(p.inCache && p.onNode ? "cache and node" : p.inCache ? "cache" : "node");
        };
        const auto q = [](const std::string& text) { return QString::fromStdString(text); };
        if (parser.isSet("json")) {
            QJsonArray list;
            for (size_t n = 0; n < priors.size(); ++n) {
                const auto& p = priors[n];
                QJsonArray parts;
                for (const std::string& part : p.bodyParts)
                    parts.append(q(part));
                list.append(QJsonObject{{"study", q(p.study.uid)},     {"date", q(p.study.date)},   {"description", q(p.study.description)},
                                        {"modalities", q(p.modalities)}, {"body_parts", parts},       {"images", p.images},
                                        {"relevance", p.relevance},    {"why", q(p.why)},           {"default", n == 0},
                                        {"where", where(p)},           {"in_cache", p.inCache},     {"on_node", p.onNode}});
            }
            std::printf("%s", QJsonDocument(QJsonObject{{"study", parser.value("study")}, {"priors", list}, {"node_truncated", nodeTruncated}}).toJson(QJsonDocument::Indented).constData());
        } else {
            if (priors.empty())
                std::printf("no earlier study of the patient in the cache%s\n", node ? " or on the node" : "");
            for (size_t n = 0; n < priors.size(); ++n) {
                const auto& p = priors[n];
                std::printf("%s%s %s %s (%s; %s)  %s\n", n == 0 ? "* " : "  ", p.study.date.c_str(), p.modalities.c_str(), p.study.description.c_str(),
                            p.why.c_str(), qPrintable(where(p)), p.study.uid.c_str());
            }
        }
    } catch (const CacheDamaged& e) {
        return failDamagedCache(name(), e.what(), db);
    } catch (const CacheError& e) {
        return fail(name(), e.what(), Failure);
    }
    return Success;
}

} // namespace hf::cli
