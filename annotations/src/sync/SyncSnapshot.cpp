#include "SyncSnapshot.h"

#include "Statement.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/Measurement.h"
#include "hf/dicomio/Volume.h"

#include <map>
#include <memory>

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
    CacheDatabase& m_db;
    std::map<std::string, std::unique_ptr<CachedSeries>> m_loaded;
};

std::string sopClassOf(CacheDatabase& db, const std::string& sopUid)
{
    Statement s(db, "SELECT sop_class FROM instances WHERE sop_uid = ?");
    s.bind(1, sopUid);
    return s.step() ? s.text(0) : std::string();
}

AnnotationRecord recordOf(const Annotation& a, ImageCache& images, CacheDatabase& db)
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
    r.image.sopClassUid = sopClassOf(db, a.sopInstanceUid);
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
    r.rowDirection = frame.rowDirection;
    r.columnDirection = frame.columnDirection;
    for (const Vec3& p : a.points)
        r.pixels.push_back(pixelOf(frame, p));
    try {
        const Measurement m = measure(a, volume);
        for (const MeasuredValue& v : m.values)
            r.values.push_back({v.name, v.value, v.unit});
        r.calibration = calibrationName(m.calibration);
    } catch (const std::exception&) {
        // A shape the measurement refuses still travels, without values.
    }
    return r;
}

} // namespace

StudyAnnotationSet buildStudySnapshot(CacheDatabase& db, const std::string& studyUid)
{
    StudyAnnotationSet set;
    {
        Statement s(db, "SELECT p.name, p.patient_id, p.birth_date, p.sex, s.study_date, s.study_time, s.description, s.accession "
                        "FROM studies s JOIN patients p ON p.id = s.patient WHERE s.study_uid = ?");
        s.bind(1, studyUid);
        if (!s.step())
            throw CacheError("study " + studyUid + " is not in the cache " + db.path());
        set.study = {s.text(0), s.text(1), s.text(2), s.text(3), studyUid, s.text(4), s.text(5), s.text(6), s.text(7), "", ""};
    }
    ImageCache images(db);
    for (const Annotation& a : AnnotationStore(db).ofStudy(studyUid, true))
        set.annotations.push_back(recordOf(a, images, db));
    {
        Statement s(db, "SELECT series_uid, word, revision, deleted FROM tags WHERE study_uid = ? ORDER BY rowid");
        s.bind(1, studyUid);
        while (s.step())
            set.tags.push_back({s.text(0), s.text(1), int(s.integer(2)), s.integer(3) != 0});
    }
    {
        // The series from the index when the flag was set without one.
        Statement s(db, "SELECT k.sop_uid, k.frame, COALESCE(NULLIF(k.series_uid, ''), se.series_uid, ''), k.revision, k.deleted, "
                        "i.sop_class, i.frames FROM key_images k LEFT JOIN instances i ON i.sop_uid = k.sop_uid "
                        "LEFT JOIN series se ON se.id = i.series WHERE k.study_uid = ? ORDER BY k.rowid");
        s.bind(1, studyUid);
        while (s.step()) {
            KeyImageRecord k;
            k.image.sopInstanceUid = s.text(0);
            k.image.frame = int(s.integer(1));
            k.image.seriesUid = s.text(2);
            k.revision = int(s.integer(3));
            k.deleted = s.integer(4) != 0;
            k.image.sopClassUid = s.text(5);
            k.image.frameCount = std::max(1, int(s.integer(6)));
            set.keyImages.push_back(k);
        }
    }
    {
        Statement s(db, "SELECT note, revision FROM study_notes WHERE study_uid = ?");
        s.bind(1, studyUid);
        if (s.step()) {
            set.note = s.text(0);
            set.noteRevision = int(s.integer(1));
        }
    }
    return set;
}

} // namespace hf
