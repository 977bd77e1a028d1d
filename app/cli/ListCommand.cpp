#include "ListCommand.h"


#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace hf::cli {

int ListCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"patient", "Patient name or ID; * and ? are wildcards.", "TEXT"},
                       {"accession", "Accession number.", "A"},
                       {"tag", "A tag word on the study or its series; * and ? are wildcards.", "WORD"},
                       {"modality", "Modality, e.g. CT.", "M"},
                       {"from", "Studies on or after this date.", "YYYYMMDD"},
                       {"to", "Studies on or before this date.", "YYYYMMDD"},
                       {"check", "First flag images whose files have vanished."},
                       {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const QRegularExpression date("^\\d{8}$");
    for (const char* option : {"from", "to"})
        if (parser.isSet(option) && !date.match(parser.value(option)).hasMatch())
            return fail(name(), QString("--%1 must be a date as YYYYMMDD").arg(option), BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    StudyFilter filter;
    filter.patient = parser.value("patient").toStdString();
    filter.accession = parser.value("accession").toStdString();
    filter.modality = parser.value("modality").toUpper().toStdString();
    filter.from = parser.value("from").toStdString();
    filter.to = parser.value("to").toStdString();
    filter.tag = parser.value("tag").toStdString();
    std::vector<StudyRow> rows;
    try {
        CacheDatabase database(db);
        StudyIndex index(database);
        if (parser.isSet("check"))
            index.checkFiles();
        rows = index.studies(filter);
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    auto q = [](const std::string& s) { return QString::fromStdString(s); };
    if (parser.isSet("json")) {
        QJsonArray studies;
        for (const auto& r : rows)
            studies.append(QJsonObject{{"patient_name", q(r.patient.name)}, {"patient_id", q(r.patient.id)},
                                       {"birth_date", q(r.patient.birthDate)}, {"sex", q(r.patient.sex)}, {"uid", q(r.study.uid)},
                                       {"date", q(r.study.date)}, {"time", q(r.study.time)}, {"description", q(r.study.description)},
                                       {"accession", q(r.study.accessionNumber)}, {"modalities", q(r.modalities)},
                                       {"series", r.seriesCount}, {"images", r.imageCount}, {"objects", r.objectCount},
                                       {"missing_images", r.missingImages}, {"location", q(r.location)},
                                       {"tags", q(r.tags)}});
        std::printf("%s", QJsonDocument(QJsonObject{{"studies", studies}}).toJson(QJsonDocument::Indented).constData());
        return Success;
    }
    for (const auto& r : rows)
        std::printf("%-8s %-24s %-12s %-8s %-30s %3lld series %5lld images%s%s  %s\n", r.study.date.c_str(), r.patient.name.c_str(),
                    r.patient.id.c_str(), r.modalities.c_str(), r.study.description.c_str(), r.seriesCount, r.imageCount,
                    r.objectCount ? (" " + std::to_string(r.objectCount) + " objects").c_str() : "",
                    r.missingImages ? (" (" + std::to_string(r.missingImages) + " missing)").c_str() : "", r.study.uid.c_str());
    std::printf("%zu studies\n", rows.size());
    return Success;
}

} // namespace hf::cli
