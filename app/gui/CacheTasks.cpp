#include "CacheTasks.h"

#include "StudyFactsReader.h"

#include "AuditTrail.h"
#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRebuild.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/SopClasses.h"
#include "hf/dicomio/ForeignPresentationState.h"
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SrDocument.h"
#include "hf/dicomio/StructureSet.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/Thumbnail.h"
#include "hf/viewer/ObjectIcon.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace hf::gui {
namespace {

QImage thumbnailImage(const Volume& volume)
{
    const Thumbnail t = makeThumbnail(volume, volume.geometry().slices / 2, 96);
    return QImage(t.pixels.data(), t.width, t.height, t.width * t.channels,
                  t.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8)
        .copy();
}

// One stack's middle image, alone: what its entry in the strip shows.
QImage stackThumbnail(const Stack& stack)
{
    SeriesOpenRequest request;
    request.workers = 1;
    const LoadedSeries middle = openSeries({stack.slices[stack.slices.size() / 2]}, request);
    return middle.loaded.volume ? thumbnailImage(*middle.loaded.volume) : QImage();
}

// Where DB-folder/thumbnails keeps a series' picture (suffix: one of its stacks); empty for a
// UID that is no safe file name.
QString thumbnailFile(const QString& dbPath, const QString& seriesUid, const QString& suffix)
{
    // UIDs are digits and dots; anything else is not used as a file name.
    const bool safe = !seriesUid.isEmpty() && seriesUid.size() <= 64
                      && std::all_of(seriesUid.begin(), seriesUid.end(), [](QChar c) { return c.isDigit() || c == '.'; });
    return safe ? QFileInfo(dbPath).absolutePath() + "/thumbnails/" + seriesUid + suffix + ".png" : QString();
}

// What DB-folder/thumbnails keeps (made and kept there the first time): a browse never decodes
// the same image twice. An empty file name keeps nothing.
QImage keptThumbnail(const QString& file, const std::function<QImage()>& make)
{
    QImage image;
    if (!file.isEmpty() && QFileInfo::exists(file))
        image.load(file);
    if (image.isNull()) {
        image = make();
        if (!image.isNull() && !file.isEmpty() && QDir().mkpath(QFileInfo(file).absolutePath()))
            image.save(file, "PNG");
    }
    return image;
}

QImage thumbnailOf(const std::string& file)
{
    SeriesOpenRequest request;
    request.workers = 1;  // one image, beside the reader's other work
    const LoadedSeries opened = openSeries(HeaderScanner(1).scan({file}).frames, request);
    const LoadResult& loaded = opened.loaded;
    if (!loaded.volume)
        return {};
    return thumbnailImage(*loaded.volume);
}

// A series of objects with no image (SR, PR, KO, SEG...) in the strip: its kind's icon.
StripEntry objectEntry(const QString& studyUid, const SeriesRow& row)
{
    const SopClassInfo sopClass = sopClassInfo(row.objectClass);
    StripEntry e;
    e.studyUid = studyUid;
    e.seriesUid = QString::fromStdString(row.uid);
    e.seriesNumber = int(row.number);
    e.modality = QString::fromStdString(row.modality);
    e.description = QString::fromStdString(row.description);
    e.objects = int(row.objectCount);
    e.objectKind = QString::fromStdString(sopClass.kind.empty() ? "OT" : sopClass.kind);
    e.objectClass = QString::fromStdString(sopClass.name);
    e.thumbnail = objectIcon(e.objectKind, 64);
    return e;
}

// One entry per stack of an image series, each with its middle image (kept as a thumbnail file).
void appendStackEntries(CacheDatabase& database, const QString& dbPath, const QString& studyUid, const SeriesRow& row,
                        std::vector<StripEntry>& entries)
{
    ScanResult scan;
    try {
        scan = cachedScan(database, row.uid);
    } catch (const std::invalid_argument&) {
        return;  // its files are gone
    }
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    const auto where = findSeries(tree, row.uid);
    if (!where)
        return;
    const auto& stacks = where->series->stacks;
    for (size_t k = 0; k < stacks.size(); ++k) {
        StripEntry e;
        e.studyUid = studyUid;
        e.seriesUid = QString::fromStdString(row.uid);
        e.stackIndex = int(k);
        e.stackCount = int(stacks.size());
        e.timePoint = isTimeSeries(*where->series);
        e.seriesNumber = where->series->number;
        e.images = int(stacks[k].slices.size());
        e.modality = QString::fromStdString(where->series->modality);
        e.description = QString::fromStdString(where->series->description);
        e.label = QString::fromStdString(stacks[k].label);
        e.thumbnail = keptThumbnail(thumbnailFile(dbPath, e.seriesUid, QString("-stack%1").arg(k + 1)),
                                    [&] { return stackThumbnail(stacks[k]); });
        entries.push_back(std::move(e));
    }
}

} // namespace

CacheTasks::CacheTasks(QString dbPath)
    : m_dbPath(std::move(dbPath))
{
}

void CacheTasks::run(const CacheReplyTo& to, std::function<std::function<void()>(StudyIndex&)> work)
{
    const std::string db = m_dbPath.toStdString();
    runInBackground(to.receiver, [db, to, work]() -> GuiContinuation {
        try {
            CacheDatabase database(db);
            StudyIndex index(database);
            return work(index);
        } catch (const CacheDamaged& e) {
            if (!to.damaged)
                throw;
            return [to, reason = QString::fromUtf8(e.what())] { to.damaged(reason); };
        }
    }, to.failed);
}

void CacheTasks::rebuild(const CacheReplyTo& to, std::function<void(long long, const QString&)> done)
{
    const std::string db = m_dbPath.toStdString();
    runInBackground(to.receiver, [db, done]() -> GuiContinuation {
        const RebuildReport report = rebuildCache(db, HeaderScanner());
        return [done, instances = report.counts.instances, copy = QString::fromStdString(report.damagedCopy)] { done(instances, copy); };
    }, to.failed);
}

void CacheTasks::thumbnail(const CacheReplyTo& to, const QString& seriesUid, std::function<void(const QImage&)> done)
{
    const QString file = thumbnailFile(m_dbPath, seriesUid, {});
    run(to, [seriesUid, file, done](StudyIndex& index) -> std::function<void()> {
        const QImage image = keptThumbnail(file, [&] {
            const auto files = index.filesOf(seriesUid.toStdString());
            return files.empty() ? QImage() : thumbnailOf(files[files.size() / 2]);
        });
        if (image.isNull())
            return {};
        return [done, image] { done(image); };
    });
}

void CacheTasks::studyStacks(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<StripEntry>)> done)
{
    const std::string db = m_dbPath.toStdString();
    const QString dbPath = m_dbPath;
    run(to, [dbPath, db, studyUid, done](StudyIndex& index) -> std::function<void()> {
        std::vector<StripEntry> entries;
        CacheDatabase database(db);
        for (const SeriesRow& row : index.seriesOf(studyUid.toStdString())) {
            if (row.imageCount > 0)
                appendStackEntries(database, dbPath, studyUid, row, entries);
            // SR, PR, KO, SEG...: one entry with its kind's icon (after the images when, as
            // happens, an SR was filed in its CT's series).
            if (row.objectCount > 0)
                entries.push_back(objectEntry(studyUid, row));
        }
        return [done, entries] { done(entries); };
    });
}

void CacheTasks::patientStudies(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<TimelineEntry>)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        const auto identity = index.studyIdentity(studyUid.toStdString());
        if (!identity)
            return {};
        StudyFilter filter;
        filter.patient = identity->first.id;
        std::vector<TimelineEntry> studies;
        for (const StudyRow& row : index.studies(filter))
            if (row.patient.id == identity->first.id && row.patient.name == identity->first.name) {
                TimelineEntry t;
                t.studyUid = QString::fromStdString(row.study.uid);
                t.date = QString::fromStdString(row.study.date);
                t.modalities = QString::fromStdString(row.modalities);
                t.description = QString::fromStdString(row.study.description);
                t.images = row.imageCount;
                studies.push_back(t);
            }
        return [done, studies] { done(studies); };
    });
}

void CacheTasks::studyFacts(const CacheReplyTo& to, const QString& studyUid, const QString& priorUid,
                            std::function<void(std::optional<protocols::StudyFacts>)> done)
{
    const std::string db = m_dbPath.toStdString();
    run(to, [db, studyUid, priorUid, done](StudyIndex&) -> std::function<void()> {
        CacheDatabase database(db);
        auto facts = protocols::readStudyFacts(database, studyUid.toStdString(), priorUid.toStdString());
        return [done, facts] { done(facts); };
    });
}

void CacheTasks::queryStudies(const CacheReplyTo& to, const StudyFilter& filter, std::function<void(std::vector<StudyRow>)> done)
{
    run(to, [filter, done](StudyIndex& index) -> std::function<void()> {
        return [done, rows = index.studies(filter)] { done(rows); };
    });
}

void CacheTasks::querySeries(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<SeriesRow>)> done)
{
    const std::string db = m_dbPath.toStdString();
    run(to, [db, studyUid, done](StudyIndex& index) -> std::function<void()> {
        std::vector<SeriesRow> series = index.seriesOf(studyUid.toStdString());
        // How many stacks each has, from the headers the index kept (no file is read for it).
        CacheDatabase database(db);
        for (SeriesRow& row : series) {
            if (row.imageCount == 0)
                continue;  // objects: no stacks
            try {
                const StudyTree tree = StackBuilder().build(cachedScan(database, row.uid).frames);
                if (const auto where = findSeries(tree, row.uid)) {
                    row.stackCount = (long long)where->series->stacks.size();
                    const bool timePoints = isTimeSeries(*where->series);
                    for (const Stack& stack : where->series->stacks)
                        row.stacks.push_back({stack.label, (long long)stack.slices.size(), timePoints});
                }
            } catch (const std::invalid_argument&) {
                // its files are gone: the list says so elsewhere
            }
        }
        return [done, series] { done(series); };
    });
}

void CacheTasks::locateSeries(const CacheReplyTo& to, const QString& studyUid, const QString& seriesUid,
                              std::function<void(const QString&, const QStringList&)> done)
{
    run(to, [studyUid, seriesUid, done](StudyIndex& index) -> std::function<void()> {
        std::string uid = seriesUid.toStdString();
        if (uid.empty()) {
            // The first series with images (an SR or a presentation state is not what opens).
            for (const SeriesRow& row : index.seriesOf(studyUid.toStdString()))
                if (row.imageCount > 0) {
                    uid = row.uid;
                    break;
                }
        }
        QStringList files;
        for (const auto& f : index.filesOf(uid))
            files << QString::fromStdString(f);
        // The uid asked for when the cache has nothing: the reader is told which series is missing.
        const QString found = uid.empty() ? seriesUid : QString::fromStdString(uid);
        return [done, found, files] { done(found, files); };
    });
}

namespace {

// Every instance of one class in a study, read by `read`; what fails is named in errors.
template <class Object, class Read>
void readObjectsOfStudy(StudyIndex& index, const QString& studyUid, const char* sopClassUid, Read read,
                        std::vector<std::shared_ptr<const Object>>& objects, QStringList& errors)
{
    for (const std::string& file : index.filesOfClass(studyUid.toStdString(), sopClassUid)) {
        try {
            objects.push_back(std::make_shared<const Object>(read(file)));
        } catch (const std::exception& e) {
            errors << QString::fromStdString(e.what());  // names the file
        }
    }
}

} // namespace

void CacheTasks::structureSets(const CacheReplyTo& to, const QString& studyUid, std::function<void(StructureSets, QStringList)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        StructureSets sets;
        QStringList errors;
        readObjectsOfStudy<StructureSet>(index, studyUid, "1.2.840.10008.5.1.4.1.1.481.3", readStructureSet, sets, errors);
        return [done, sets, errors] { done(sets, errors); };
    });
}

void CacheTasks::segmentations(const CacheReplyTo& to, const QString& studyUid, std::function<void(Segmentations, QStringList)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        Segmentations segs;
        QStringList errors;
        readObjectsOfStudy<Segmentation>(index, studyUid, "1.2.840.10008.5.1.4.1.1.66.4", readSegmentation, segs, errors);
        return [done, segs, errors] { done(segs, errors); };
    });
}

void CacheTasks::reports(const CacheReplyTo& to, const QString& studyUid, std::function<void(Reports, QStringList)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        Reports reports;
        QStringList errors;
        readObjectsOfStudy<SrDocument>(index, studyUid, "1.2.840.10008.5.1.4.1.1.88.", readSrDocument, reports, errors);
        // Key object selections are SR documents too, but not reports (their own reading comes
        // later); our own reports are the annotations the views already draw.
        reports.erase(std::remove_if(reports.begin(), reports.end(),
                                     [](const auto& r) { return r->sopClassUid == "1.2.840.10008.5.1.4.1.1.88.59" || r->manufacturer == "Hounsfield"; }),
                      reports.end());
        return [done, reports, errors] { done(reports, errors); };
    });
}

void CacheTasks::keyObjects(const CacheReplyTo& to, const QString& studyUid, std::function<void(Reports, QStringList)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        Reports selections;
        QStringList errors;
        readObjectsOfStudy<SrDocument>(index, studyUid, "1.2.840.10008.5.1.4.1.1.88.59", readSrDocument, selections, errors);
        selections.erase(std::remove_if(selections.begin(), selections.end(), [](const auto& r) { return r->manufacturer == "Hounsfield"; }),
                         selections.end());
        return [done, selections, errors] { done(selections, errors); };
    });
}

void CacheTasks::presentationStates(const CacheReplyTo& to, const QString& studyUid, std::function<void(PresentationStates, QStringList)> done)
{
    run(to, [studyUid, done](StudyIndex& index) -> std::function<void()> {
        PresentationStates states;
        QStringList errors;
        readObjectsOfStudy<ForeignPresentationState>(index, studyUid, "1.2.840.10008.5.1.4.1.1.11.", readForeignPresentationState, states, errors);
        // Ours carry the annotations the views already draw.
        states.erase(std::remove_if(states.begin(), states.end(), [](const auto& s) { return s->manufacturer == "Hounsfield"; }), states.end());
        return [done, states, errors] { done(states, errors); };
    });
}

void CacheTasks::removeStudy(const CacheReplyTo& to, const QString& studyUid, std::shared_ptr<app::AuditTrail> audit,
                             std::function<void(long long, long long)> done)
{
    const std::string folder = QFileInfo(m_dbPath).absolutePath().toStdString();
    run(to, [studyUid, folder, done, audit](StudyIndex& index) -> std::function<void()> {
        AuditEvent deleted(AuditEventKind::Delete);
        deleted.studyUids = {studyUid.toStdString()};
        if (const auto identity = index.studyIdentity(studyUid.toStdString())) {
            deleted.patientId = identity->first.id;
            deleted.patientName = identity->first.name;
        }
        const auto files = index.removeStudy(studyUid.toStdString());
        const long long instances = (long long)files.size();
        const long long freed = CacheFileStore(folder).remove(files);
        deleted.instances = int(instances);
        audit->record(deleted);
        return [done, instances, freed] { done(instances, freed); };
    });
}

} // namespace hf::gui
