#include "AnnotateCommand.h"

#include "CliAudit.h"
#include "AnnotationJson.h"
#include "hf/annotations/CachedSeries.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/Measurement.h"
#include "hf/dicomio/VesselCentreline.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace hf::cli {

int AnnotateCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"series", "Series Instance UID of a series in the cache.", "UID"},
                       {"kind", "length, angle, cobb, ellipse, rectangle, polygon, freehand, point, arrow, text, sphere or path.", "KIND"},
                       {"points", "Patient LPS mm: \"x,y,z;x,y,z;...\" (ellipse and rectangle: two opposite corners; sphere: centre and a surface point; path: 2 or more points through the volume).", "POINTS"},
                       {"plane", "A reformatted plane the points lie on (MPR, oblique): \"ORIGIN;ROW;COL\", each x,y,z in LPS (row and column: its in-plane axes).", "PLANE"},
                       {"slab", "The plane is a slab: \"mip|minip|average MM\" (regions are measured on its values).", "SLAB"},
                       {"follow-vessel", "With --kind path and two points inside a contrast-filled vessel: the path follows its centreline between them."},
                       {"text", "Text of a text annotation, or a label for any other.", "T"},
                       {"author", "Author (default: $USER).", "NAME"},
                       {"json", "Print one JSON document."}});
    if (const auto done = parseArguments(parser, *this, args, {"series", "kind", "points"}))
        return *done;
    const auto kind = annotationKindFromName(parser.value("kind").toLower().toStdString());
    if (!kind)
        return fail(name(), "--kind '" + parser.value("kind") + "' is not one of length, angle, cobb, ellipse, rectangle, polygon, "
                                                               "freehand, point, arrow, text, sphere, path", BadInput);
    std::vector<Vec3> points;
    try {
        points = parsePoints(parser.value("points").toStdString());
    } catch (const std::invalid_argument& e) {
        return fail(name(), QString("--points: ") + e.what(), BadInput);
    }
    if (points.empty())
        return fail(name(), "--points has no point", BadInput);
    std::optional<AnnotationPlane> plane;
    try {
        if (parser.isSet("plane")) {
            plane = parsePlane(parser.value("plane").toStdString());
            parseSlab(parser.value("slab").toStdString(), *plane);
        } else if (parser.isSet("slab")) {
            return fail(name(), "--slab needs --plane", BadInput);
        }
    } catch (const std::invalid_argument& e) {
        return fail(name(), QString(plane ? "--slab: " : "--plane: ") + e.what(), BadInput);
    }
    const std::string author = parser.isSet("author") ? parser.value("author").toStdString() : configuredReader().author().toStdString();
    const std::string db = cachePathOf(parser).toStdString();
    try {
        CacheDatabase database(db);
        const CachedSeries series = loadCachedSeries(database, parser.value("series").toStdString(), points.front());
        const std::string text = parser.value("text").toStdString();
        if (parser.isSet("follow-vessel")) {
            if (*kind != AnnotationKind::Path || points.size() != 2)
                return fail(name(), "--follow-vessel needs --kind path and two --points inside the vessel", BadInput);
            points = vesselCentreline(*series.volume, points[0], points[1]);
        }
        Annotation a = plane ? makeAnnotationOnPlane(*kind, points, *plane, text, author, *series.volume, series.context.study.uid,
                                                     series.context.series.uid)
                             : makeAnnotation(*kind, points, text, author, *series.volume, series.context.study.uid, series.context.series.uid);
        const Measurement m = measure(a, *series.volume);
        a = AnnotationStore(database).add(a);
        if (parser.isSet("json")) {
            std::printf("%s", QJsonDocument(annotationJson(a, &m)).toJson(QJsonDocument::Indented).constData());
        } else {
            std::printf("%s %s on image %d: %s%s\n", annotationKindName(a.kind), a.id.c_str(), m.slice + 1, m.summary().c_str(),
                        (" [" + m.calibrationText() + "]").c_str());
            if (!m.warning.empty())
                std::printf("warning: %s\n", m.warning.c_str());
        }
    } catch (const CacheDamaged& e) {
        return failDamagedCache(name(), e.what(), db);
    } catch (const CacheError& e) {
        return fail(name(), e.what(), Failure);
    } catch (const std::invalid_argument& e) {
        return fail(name(), e.what(), BadInput);
    }
    return Success;
}

} // namespace hf::cli
