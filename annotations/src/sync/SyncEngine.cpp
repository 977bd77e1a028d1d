#include "hf/annotations/SyncEngine.h"

#include "hf/annotations/CachedInstances.h"

#include "Outbox.h"
#include "SyncBatches.h"
#include "SyncMerge.h"
#include "SyncNodeSwitch.h"
#include "SyncSnapshot.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/CacheRetriever.h"
#include "hf/annotations/StudyTags.h"
#include "hf/annotations/SyncTransport.h"
#include "hf/dicomio/KeyObjectSelection.h"
#include "hf/dicomio/MeasurementReport.h"
#include "hf/dicomio/PresentationState.h"
#include "hf/dicomio/NewUid.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <tuple>

namespace hf {
namespace {

const char* sopClassOfKind(const std::string& kind)
{
    return kind == "SR" ? kComprehensive3dSrClass : kind == "PR" ? kGrayscalePresentationStateClass : kKeyObjectSelectionClass;
}

int seriesNumberOfKind(const std::string& kind) { return kind == "SR" ? 9901 : kind == "PR" ? 9902 : 9903; }

std::string nowDateTime()
{
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
    return text;
}

// Writes one object of a batch; false when it has nothing to say (no graphics, no key image).
bool writeObject(const SyncObject& o, const StudyAnnotationSet& set, const ObjectInstance& instance)
{
    if (o.kind == "SR") {
        writeMeasurementReport(o.path, set, instance);
        return true;
    }
    if (o.kind == "PR")
        return writePresentationState(o.path, set, instance);
    return writeKeyObjectSelection(o.path, set, instance);
}

} // namespace

SyncEngine::SyncEngine(CacheDatabase& db, SyncTransport& transport, std::string workFolder, std::string author)
    : m_db(db)
    , m_transport(transport)
    , m_workFolder(std::move(workFolder))
    , m_author(std::move(author))
{
}

void SyncEngine::followNode()
{
    std::error_code ec;
    for (long long batch : followSyncNode(m_db, m_transport.nodeIdentity()))  // their written objects, no longer to be sent
        std::filesystem::remove_all(m_workFolder + "/batch-" + std::to_string(batch), ec);
}

SyncReport SyncEngine::push(bool ignoreBackoff, std::time_t now)
{
    followNode();
    std::set<std::string> studies;
    for (const std::string& study : Outbox(m_db).studies())
        studies.insert(study);
    for (const std::string& study : SyncBatches(m_db).studiesWithOpenBatches())
        studies.insert(study);
    SyncReport report;
    for (const std::string& study : studies)
        pushStudy(study, ignoreBackoff, now, report);
    return report;
}

void SyncEngine::pushStudy(const std::string& studyUid, bool ignoreBackoff, std::time_t now, SyncReport& report)
{
    SyncBatches batches(m_db);
    Outbox outbox(m_db);
    AnnotationStore annotations(m_db);
    // Changes made while a batch was being sent go in the next one; a few rounds at most.
    for (int round = 0; round < 4; ++round) {
        std::optional<SyncBatch> batch = batches.open(studyUid);
        if (batch && !ignoreBackoff && batch->nextAttempt > now)
            return;
        if (!batch) {
            // A new batch holding the study's outbox rows so far, or nothing when there are none.
            CacheDatabase::Transaction transaction(m_db);
            const std::optional<long long> last = outbox.lastSequence(studyUid);
            if (!last)
                return;
            batch = batches.create(studyUid, *last, nowDateTime());
            transaction.commit();
        }
        const std::string folder = m_workFolder + "/batch-" + std::to_string(batch->id);
        std::string failure;
        try {
            std::filesystem::create_directories(folder);
            std::vector<SyncObject> objects = batches.objects(batch->id);
            std::optional<StudyAnnotationSet> snapshot;
            auto instanceOf = [&](const SyncObject& o) {
                ObjectInstance i;
                i.seriesUid = o.seriesUid;
                i.sopInstanceUid = o.sopUid;
                i.seriesNumber = seriesNumberOfKind(o.kind);
                i.instanceNumber = batch->instanceNumber;
                i.contentDateTime = batch->contentDateTime;
                i.author = m_author;
                if (o.kind == "SR")
                    if (const auto previous = batches.lastConfirmedReport(studyUid))
                        std::tie(i.predecessorSeriesUid, i.predecessorSopInstanceUid) = *previous;
                return i;
            };
            if (objects.empty()) {
                // First attempt: choose the instances, write them, then record them together.
                snapshot = buildStudySnapshot(m_db, studyUid);
                std::vector<SyncObject> written;
                for (const char* kind : {"SR", "PR", "KO"}) {
                    SyncObject o{kind, derivedUid(studyUid + "/hounsfield/" + kind), newUid(), folder + "/" + kind + ".dcm", false};
                    if (writeObject(o, *snapshot, instanceOf(o)))
                        written.push_back(o);
                }
                CacheDatabase::Transaction transaction(m_db);
                batches.record(batch->id, written);
                transaction.commit();
                objects = written;
            }
            for (const SyncObject& o : objects) {
                if (o.confirmed)
                    continue;
                if (!std::filesystem::exists(o.path)) {
                    // Lost after it was chosen (a crash, a cleaned folder): the same instance again.
                    if (!snapshot)
                        snapshot = buildStudySnapshot(m_db, studyUid);
                    writeObject(o, *snapshot, instanceOf(o));
                }
                const StoreAnswer answer = m_transport.store(o.path, sopClassOfKind(o.kind));
                if (!answer.ok) {
                    failure = answer.message;
                    break;
                }
                batches.confirm(batch->id, o.kind);
                ++report.pushedObjects;
            }
        } catch (const std::exception& e) {
            failure = e.what();
        }
        if (!failure.empty()) {
            CacheDatabase::Transaction transaction(m_db);
            batches.failed(batch->id, now, failure);
            annotations.markFailed(studyUid, failure);
            transaction.commit();
            ++report.failed;
            report.errors.push_back("study " + studyUid + ": " + failure);
            return;
        }
        {
            CacheDatabase::Transaction transaction(m_db);
            report.pushedChanges += outbox.countUpTo(studyUid, batch->lastSequence);
            outbox.dropUpTo(studyUid, batch->lastSequence);
            batches.done(batch->id);
            annotations.markSynced(studyUid);
            transaction.commit();
        }
        std::error_code ec;
        std::filesystem::remove_all(folder, ec);
    }
}

SyncReport SyncEngine::pull(const std::string& studyUid)
{
    SyncReport report;
    const std::string folder = m_workFolder + "/pull-" + newUid();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const FetchAnswer fetched =
        m_transport.fetchReports(studyUid, folder, [this](const std::string& seriesUid) { return instancesInCache(m_db, seriesUid); });
    report.skippedSeries += fetched.skippedSeries;
    if (!fetched.ok) {
        ++report.failed;
        report.errors.push_back("study " + studyUid + ": " + fetched.message);
        std::filesystem::remove_all(folder, ec);
        return report;
    }
    std::vector<StudyAnnotationSet> sets;
    std::vector<std::string> foreign;  // other producers' objects (and our GSPS and KOS): kept in the cache
    for (const std::string& file : fetched.files) {
        try {
            ReadMeasurementReport read = readMeasurementReport(file);
            if (read.set.study.uid == studyUid)
                sets.push_back(std::move(read.set));
        } catch (const std::exception& e) {
            // Other software's objects are not ours to merge: indexed beside the images instead;
            // a damaged one of ours is reported.
            const std::string reason = e.what();
            if (reason.find("not a Hounsfield") == std::string::npos) {
                ++report.failed;
                report.errors.push_back(reason);
            } else {
                foreign.push_back(file);
            }
        }
    }
    if (!foreign.empty()) {
        const CacheFileStore store(std::filesystem::path(m_db.path()).parent_path().string());
        // Moved, not copied: the pull's folder goes below, and a copy refused (a full disk) would
        // have left the index pointing into it.
        CacheImporter importer(m_db, &store);
        importer.moveIntoStore(true);
        const ImportResult imported = importer.import(foreign);
        report.pulledObjects += int(imported.added.instances);
        for (const FileError& e : imported.scan.errors)
            report.errors.push_back(e.file + ": " + e.reason);
    }
    try {
        const MergeCounts merged = mergeFromPacs(m_db, studyUid, sets);
        report.pulled += merged.changed;
        report.conflicts += merged.conflicts;
    } catch (const std::exception& e) {
        ++report.failed;
        report.errors.push_back("study " + studyUid + ": " + e.what());
    }
    std::filesystem::remove_all(folder, ec);
    return report;
}

SyncReport SyncEngine::sync(const std::vector<std::string>& studies, bool ignoreBackoff, std::time_t now)
{
    SyncReport total;
    for (const std::string& study : studies) {
        const SyncReport pulled = pull(study);
        total.pulled += pulled.pulled;
        total.pulledObjects += pulled.pulledObjects;
        total.skippedSeries += pulled.skippedSeries;
        total.conflicts += pulled.conflicts;
        total.failed += pulled.failed;
        total.errors.insert(total.errors.end(), pulled.errors.begin(), pulled.errors.end());
    }
    // Pushed even when a pull failed: a node that is down then marks the batches failed (with
    // their backoff), which is what the annotation list shows.
    const SyncReport pushed = push(ignoreBackoff, now);
    total.pushedObjects = pushed.pushedObjects;
    total.pushedChanges = pushed.pushedChanges;
    total.failed += pushed.failed;
    total.errors.insert(total.errors.end(), pushed.errors.begin(), pushed.errors.end());
    return total;
}

std::vector<std::string> SyncEngine::studiesToPull() const
{
    std::set<std::string> studies;
    for (const std::string& s : studiesWithAnnotations())
        studies.insert(s);
    // The studies brought from this node: their objects there (other producers' reports,
    // segmentations, structure sets) belong in the cache too.
    for (const std::string& s : CacheRetriever::studiesRetrievedFrom(m_db, m_transport.nodeIdentity()))
        studies.insert(s);
    return {studies.begin(), studies.end()};
}

std::vector<std::string> SyncEngine::studiesWithAnnotations() const
{
    std::set<std::string> studies;
    for (auto source : {AnnotationStore(m_db).studies(), StudyTags(m_db).studies(), Outbox(m_db).studies()})
        studies.insert(source.begin(), source.end());
    return {studies.begin(), studies.end()};
}

long long SyncEngine::pendingChanges() const
{
    return AnnotationStore(m_db).pendingChanges();
}

} // namespace hf
