#include "PriorsCommand.h"

#include "StudyFactsReader.h"

#include "hf/annotations/CacheDatabase.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int PriorsCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(), {"study", "Study Instance UID of the current study (in the cache).", "UID"}, {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    if (!parser.isSet("study"))
        return fail(name(), "--study is required", BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    try {
        CacheDatabase database(db);
        const auto priors = protocols::findPriors(database, parser.value("study").toStdString());
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
                                        {"where", "local"}});
            }
            std::printf("%s", QJsonDocument(QJsonObject{{"study", parser.value("study")}, {"priors", list}}).toJson(QJsonDocument::Indented).constData());
        } else {
            if (priors.empty())
                std::printf("no earlier study of the patient in the cache\n");
            for (size_t n = 0; n < priors.size(); ++n) {
                const auto& p = priors[n];
                std::printf("%s%s %s %s (%s)  %s\n", n == 0 ? "* " : "  ", p.study.date.c_str(), p.modalities.c_str(), p.study.description.c_str(),
                            p.why.c_str(), p.study.uid.c_str());
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
