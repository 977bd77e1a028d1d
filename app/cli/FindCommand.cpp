#include "FindCommand.h"

#include "CachePath.h"
#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/dicomio/net/RemoteQuery.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace hf::cli {

int FindCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "AET@HOST:PORT (DIMSE).");
    parser.addOptions({{"patient", "Patient name; * and ? are wildcards.", "TEXT"},
                       {"patient-id", "Patient ID.", "ID"},
                       {"modality", "Modality, e.g. CT.", "M"},
                       {"from", "Studies on or after this date.", "YYYYMMDD"},
                       {"to", "Studies on or before this date.", "YYYYMMDD"},
                       {"accession", "Accession number.", "A"},
                       {"study", "A Study Instance UID: list its series.", "UID"},
                       {"json", "Print one JSON document."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    const QRegularExpression date("^\\d{8}$");
    for (const char* option : {"from", "to"})
        if (parser.isSet(option) && !date.match(parser.value(option)).hasMatch())
            return fail(name(), QString("--%1 must be a date as YYYYMMDD").arg(option), BadInput);
    RemoteQuery q;
    q.patientName = parser.value("patient").toStdString();
    q.patientId = parser.value("patient-id").toStdString();
    q.modality = parser.value("modality").toUpper().toStdString();
    q.fromDate = parser.value("from").toStdString();
    q.toDate = parser.value("to").toStdString();
    q.accessionNumber = parser.value("accession").toStdString();
    q.studyUid = parser.value("study").toStdString();
    QString auditProblem;
    const auto trail = auditTrailOf(parser, app::defaultCachePath(), auditProblem, QString::fromStdString(node->callingAeTitle));
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const RemoteQueryResult result = findRemote(*node, q);
    AuditEvent queried(AuditEventKind::Query);
    // The keys as asked (the schema carries them base64): what a privacy officer needs to see.
    QStringList keys;
    for (const char* option : {"patient", "patient-id", "modality", "from", "to", "accession", "study"})
        if (parser.isSet(option))
            keys << QString("%1=%2").arg(option, parser.value(option));
    queried.query = keys.join(", ").toStdString();
    app::recordExchange(*trail, queried, *node, result.ok, result.message);
    if (!result.ok)
        return fail(name(), QString::fromStdString(result.message), Failure);
    auto s = [](const std::string& v) { return QString::fromStdString(v); };
    if (parser.isSet("json")) {
        QJsonArray list;
        for (const auto& r : result.records) {
            QJsonObject o{{"patient_name", s(r.patient.name)}, {"patient_id", s(r.patient.id)}, {"study_uid", s(r.study.uid)},
                          {"date", s(r.study.date)}, {"description", s(r.study.description)}, {"accession", s(r.study.accessionNumber)},
                          {"instances", r.instances}};
            if (q.studyUid.empty()) {
                o["modalities"] = s(r.modalities);
                o["series"] = r.seriesCount;
            } else {
                o["series_uid"] = s(r.series.uid);
                o["modality"] = s(r.series.modality);
                o["number"] = r.series.number;
                o["series_description"] = s(r.series.description);
            }
            list.append(o);
        }
        // "truncated": more matched than were read (narrow the search to see the rest).
        std::printf("%s", QJsonDocument(QJsonObject{{q.studyUid.empty() ? "studies" : "series", list}, {"truncated", result.truncated}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    } else {
        for (const auto& r : result.records)
            std::printf("%-8s %-24s %-12s %-6s %-30s %s\n", r.study.date.c_str(), r.patient.name.c_str(), r.patient.id.c_str(),
                        (q.studyUid.empty() ? r.modalities : r.series.modality).c_str(),
                        (q.studyUid.empty() ? r.study.description : r.series.description).c_str(),
                        (q.studyUid.empty() ? r.study.uid : r.series.uid).c_str());
        std::printf("%s\n", result.message.c_str());
    }
    return Success;
}

} // namespace hf::cli
