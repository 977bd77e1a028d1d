#include "SyncSnapshot.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/Measurement.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/annotations/StudyTags.h"
#include "hf/dicomio/Volume.h"

#include <map>
#include <memory>
#include <tuple>

namespace hf {
namespace {

ImageReference referenceOf(const FrameHeader& f, const Volume& volume)
{
    ImageReference r;
    r.seriesUid = f.seriesUid;
    r.sopClassUid = f.sopClassUid;
    r.sopInstanceUid = f.sopInstanceUid;
    r.frame = f.frameIndex + 1;
    r.frameCount = f.framesInFile;
    r.rows = f.rows;
    r.columns = f.columns;
    r.photometric = f.photometricName.empty() ? "MONOCHROME2" : f.photometricName;
    r.hasRescale = f.rescaleSlope != 1.0 || f.rescaleIntercept != 0.0 || f.modality == "CT";
    r.rescaleSlope = f.rescaleSlope;
    r.rescaleIntercept = f.rescaleIntercept;
    r.rescaleType = f.modality == "CT" ? "HU" : "US";
    const auto& windows = !f.windows.empty() ? f.windows : volume.windows;
    if (!windows.empty()) {
        r.windowCenter = windows.front().center;
        r.windowWidth = windows.front().width;
    }
    return r;
}

// Column,row of a patient point on the image of frame `f` ((0,0): corner of the first pixel).
std::array<double, 2> pixelOf(const FrameHeader& f, const Vec3& p)
{
    const Vec3 d = p - f.position;
    return {d.dot(f.rowDirection) / f.columnSpacing + 0.5, d.dot(f.columnDirection) / f.rowSpacing + 0.5};
}

// Loads each annotated image once per snapshot, and only that image's file: a sync after
// every edit must not decode (and hold) a whole 500-slice series in the background.
class ImageCache {
public:
    explicit ImageCache(CacheDatabase& db) : m_db(db) {}
    const CachedSeries* get(const Annotation& a)
    {
        if (a.plane && a.kind != AnnotationKind::Sphere)
            return series(a);
        auto it = m_loaded.find(a.sopInstanceUid);
        if (it == m_loaded.end()) {
            std::unique_ptr<CachedSeries> loaded;
            const std::optional<Vec3> near = a.points.empty() ? std::nullopt : std::optional(a.points.front());
            try {
                loaded = std::make_unique<CachedSeries>(loadCachedImage(m_db, a.seriesUid, a.sopInstanceUid, near));
            } catch (const std::exception&) {
                // Files gone: the objects still carry the annotation, without pixels or values.
            }
            it = m_loaded.emplace(a.sopInstanceUid, std::move(loaded)).first;
        }
        return it->second.get();
    }

private:
    // A reformatted plane crosses many slices: its regions need the whole series, loaded once.
    const CachedSeries* series(const Annotation& a)
    {
        auto it = m_series.find(a.seriesUid);
        if (it == m_series.end()) {
            std::unique_ptr<CachedSeries> loaded;
            try {
                loaded = std::make_unique<CachedSeries>(loadCachedSeries(m_db, a.seriesUid, a.points.empty() ? std::nullopt
                                                                                                             : std::optional(a.points.front())));
            } catch (const std::exception&) {
            }
            it = m_series.emplace(a.seriesUid, std::move(loaded)).first;
        }
        return it->second.get();
    }

    CacheDatabase& m_db;
    std::map<std::string, std::unique_ptr<CachedSeries>> m_loaded, m_series;
};

AnnotationRecord recordOf(const Annotation& a, ImageCache& images, const StudyIndex& index)
{
    AnnotationRecord r;
    r.id = a.id;
    r.revision = a.revision;
    r.kind = annotationKindName(a.kind);
    r.label = a.label;
    r.author = a.author;
    r.created = a.created;
    r.modified = a.modified;
    r.deleted = a.deleted;
    r.points = a.points;
    r.image.seriesUid = a.seriesUid;
    r.image.sopInstanceUid = a.sopInstanceUid;
    r.image.frame = a.frame;
    r.image.sopClassUid = index.sopClassOf(a.sopInstanceUid);
    if (a.plane) {
        r.plane = formatPlane(*a.plane);
        r.slab = formatSlab(*a.plane);
    }
    const CachedSeries* loaded = images.get(a);
    if (!loaded || !loaded->volume)
        return r;
    const Volume& volume = *loaded->volume;
    const int slice = annotationSlice(a, volume);
    if (slice < 0 || slice >= int(loaded->slices.size()))
        return r;
    const FrameHeader& frame = loaded->slices[size_t(slice)];
    r.image = referenceOf(frame, volume);
    r.frameOfReferenceUid = frame.frameOfReferenceUid;
    r.rowDirection = a.plane ? a.plane->row : frame.rowDirection;
    r.columnDirection = a.plane ? a.plane->column : frame.columnDirection;
    if (!a.plane && a.kind != AnnotationKind::Path)  // on a reformatted plane or a path: not on this image
        for (const Vec3& p : a.points)
            r.pixels.push_back(pixelOf(frame, p));
    try {
        const Measurement m = measure(a, volume);
        for (const MeasuredValue& v : m.values)
            r.values.push_back({v.name, v.value, v.unit});
        r.calibration = m.calibrationText();
    } catch (const std::exception&) {
        // A shape the measurement refuses still travels, without values.
    }
    return r;
}

} // namespace

StudyAnnotationSet buildStudySnapshot(CacheDatabase& db, const std::string& studyUid)
{
    const StudyIndex index(db);
    StudyAnnotationSet set;
    const auto study = index.studyIdentity(studyUid);
    if (!study)
        throw CacheError("study " + studyUid + " is not in the cache " + db.path());
    std::tie(set.patient, set.study) = *study;
    ImageCache images(db);
    for (const Annotation& a : AnnotationStore(db).ofStudy(studyUid, true))
        set.annotations.push_back(recordOf(a, images, index));
    const StudyTags tags(db);
    set.tags = tags.tagRecords(studyUid);
    set.keyImages = tags.keyImageRecords(studyUid);
    std::tie(set.note, set.noteRevision) = tags.noteRecord(studyUid);
    return set;
}

} // namespace hf
