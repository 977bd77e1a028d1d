#include "AnnotationsCommand.h"

#include "AnnotationJson.h"
#include "hf/annotations/CachedSeries.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/Measurement.h"
#include "hf/annotations/StudyTags.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <map>
#include <set>

namespace hf::cli {

int AnnotationsCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"study", "Only this study.", "UID"},
                       {"deleted", "Include deleted annotations (tombstones)."},
                       {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const std::string db = cachePathOf(parser).toStdString();
    const std::string studyUid = parser.value("study").toStdString();
    try {
        CacheDatabase database(db);
        const AnnotationStore store(database);
        const auto annotations = studyUid.empty() ? store.all(parser.isSet("deleted")) : store.ofStudy(studyUid, parser.isSet("deleted"));
        // Values come from the pixels: each series is loaded once.
        std::map<std::string, std::shared_ptr<const Volume>> volumes;
        std::set<std::string> studies;
        QJsonArray list;
        for (const auto& a : annotations) {
            studies.insert(a.studyUid);
            auto it = volumes.find(a.seriesUid);
            if (it == volumes.end()) {
                std::shared_ptr<const Volume> volume;
                try {
                    volume = loadCachedSeries(database, a.seriesUid, a.points.empty() ? std::nullopt : std::optional(a.points.front())).volume;
                } catch (const std::invalid_argument& e) {
                    std::fprintf(stderr, "hounsfield-cli annotations: %s\n", e.what());
                }
                it = volumes.emplace(a.seriesUid, volume).first;
            }
            std::optional<Measurement> m;
            if (it->second)
                m = measure(a, *it->second);
            if (parser.isSet("json")) {
                list.append(annotationJson(a, m ? &*m : nullptr));
            } else {
                const std::string image = m && m->slice >= 0 ? "image " + std::to_string(m->slice + 1) : "image not loaded";
                std::printf("%-9s %s %s  %s  [%s]%s%s%s\n", annotationKindName(a.kind), a.id.c_str(), image.c_str(),
                            m ? m->summary().c_str() : "(series not loadable)", m ? m->calibrationText().c_str() : "",
                            a.label.empty() ? "" : ("  \"" + a.label + "\"").c_str(), a.deleted ? "  (deleted)" : "",
                            m && m->slice < 0 ? ("  (" + m->warning + ")").c_str() : "");
            }
        }
        if (!studyUid.empty())
            studies.insert(studyUid);
        const StudyTags tagStore(database);
        QJsonArray tags, keyImages, notes;
        for (const auto& study : studies) {
            for (const auto& t : tagStore.tags(study)) {
                tags.append(QJsonObject{{"study", QString::fromStdString(t.studyUid)}, {"series", QString::fromStdString(t.seriesUid)},
                                        {"word", QString::fromStdString(t.word)}});
                if (!parser.isSet("json"))
                    std::printf("tag       %s%s%s\n", t.word.c_str(), t.seriesUid.empty() ? "" : "  series ", t.seriesUid.c_str());
            }
            for (const auto& k : tagStore.keyImages(study)) {
                keyImages.append(QJsonObject{{"study", QString::fromStdString(k.studyUid)}, {"series", QString::fromStdString(k.seriesUid)},
                                             {"sop_instance_uid", QString::fromStdString(k.sopInstanceUid)}, {"frame", k.frame}});
                if (!parser.isSet("json"))
                    std::printf("key image %s frame %d\n", k.sopInstanceUid.c_str(), k.frame);
            }
            const std::string note = tagStore.note(study);
            if (!note.empty()) {
                notes.append(QJsonObject{{"study", QString::fromStdString(study)}, {"note", QString::fromStdString(note)}});
                if (!parser.isSet("json"))
                    std::printf("note      %s\n", note.c_str());
            }
        }
        if (parser.isSet("json"))
            std::printf("%s", QJsonDocument(QJsonObject{{"annotations", list}, {"tags", tags}, {"key_images", keyImages}, {"notes", notes},
                                                        {"pending_changes", store.pendingChanges()}})
                                  .toJson(QJsonDocument::Indented)
                                  .constData());
        else
            std::printf("%zu annotations\n", annotations.size());
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    return Success;
}

} // namespace hf::cli
