#include "RegisterCommand.h"

#include "CliAudit.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/RegistrationStore.h"
#include "hf/dicomio/SpatialRegistration.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/registration/RigidRegistration.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int RegisterCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"fixed", "Series Instance UID of the series to register to (the current study's).", "UID"},
                       {"moving", "Series Instance UID of the series to move onto it (a prior's).", "UID"},
                       {"sro", "Also write the result as a DICOM Spatial Registration object (of the fixed series' study) to FILE.", "FILE"},
                       {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args, {"fixed", "moving"}))
        return *done;
    const std::string db = cachePathOf(parser).toStdString();
    try {
        CacheDatabase database(db);
        const CachedSeries fixed = loadCachedSeries(database, parser.value("fixed").toStdString());
        const CachedSeries moving = loadCachedSeries(database, parser.value("moving").toStdString());
        const RegistrationResult r = registerRigid(*fixed.volume, *moving.volume);
        if (!r.ok)
            return fail(name(), QString::fromStdString(r.error), Failure);
        // Kept for the workstation: the pair opened again is linked without registering again.
        const bool kept = fixed.volume->frameOfReferenceUid != moving.volume->frameOfReferenceUid &&
                          !fixed.volume->frameOfReferenceUid.empty() && !moving.volume->frameOfReferenceUid.empty();
        if (kept)
            RegistrationStore(database).save(fixed.volume->frameOfReferenceUid, moving.volume->frameOfReferenceUid, r.transform,
                                             describeRegistration(r));
        if (parser.isSet("sro")) {
            writeSpatialRegistration(parser.value("sro").toStdString(),
                                     newRegistrationObject(fixed.context, fixed.volume->frameOfReferenceUid, moving.volume->frameOfReferenceUid,
                                                           r.transform, describeRegistration(r), configuredReader().author().toStdString()));
        }
        const RigidTransform& t = r.transform;
        if (parser.isSet("json")) {
            QJsonArray rotation;
            for (double v : t.rotation)
                rotation.append(v);
            const QJsonObject out{{"fixed", parser.value("fixed")},
                                  {"moving", parser.value("moving")},
                                  {"rotation", rotation},
                                  {"translation_mm", QJsonArray{t.translation.x, t.translation.y, t.translation.z}},
                                  {"angle_degrees", t.angleDegrees()},
                                  {"metric", QString::fromStdString(r.metric)},
                                  {"metric_value", r.metricValue},
                                  {"iterations", r.iterations},
                                  {"seconds", r.seconds},
                                  {"kept_in_cache", kept},
                                  {"sro", parser.value("sro")}};
            std::printf("%s", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
        } else {
            std::printf("registered (%s %.4f) in %.2f s: rotation %.2f deg, translation (%.2f, %.2f, %.2f) mm\n", r.metric.c_str(), r.metricValue,
                        r.seconds, t.angleDegrees(), t.translation.x, t.translation.y, t.translation.z);
        }
    } catch (const CacheDamaged& e) {
        return failDamagedCache(name(), e.what(), db);
    } catch (const CacheError& e) {
        return fail(name(), e.what(), Failure);
    } catch (const std::invalid_argument& e) {
        return fail(name(), e.what(), BadInput);
    } catch (const std::exception& e) {
        return fail(name(), e.what(), Failure);
    }
    return Success;
}

} // namespace hf::cli
