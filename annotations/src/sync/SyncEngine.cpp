#include "hf/annotations/SyncEngine.h"

#include "Statement.h"
#include "SyncMerge.h"
#include "SyncNodeSwitch.h"
#include "SyncSnapshot.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/SyncTransport.h"
#include "hf/dicomio/KeyObjectSelection.h"
#include "hf/dicomio/MeasurementReport.h"
#include "hf/dicomio/PresentationState.h"
#include "hf/dicomio/SecondaryCapture.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace hf {
namespace {

struct Batch {
    long long id = 0;
    long long lastSeq = 0;
    int instanceNumber = 1;
    std::string contentDateTime;
    std::time_t nextAttempt = 0;
};

struct BatchObject {
    std::string kind, seriesUid, sopUid, path;
    bool confirmed = false;
};

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

std::optional<Batch> openBatch(CacheDatabase& db, const std::string& studyUid)
{
    Statement s(db, "SELECT id, last_seq, instance_number, content_datetime, next_attempt FROM sync_batches "
                    "WHERE study_uid = ? AND state = 'open' ORDER BY id LIMIT 1");
    s.bind(1, studyUid);
    if (!s.step())
        return std::nullopt;
    return Batch{s.integer(0), s.integer(1), int(s.integer(2)), s.text(3), std::time_t(s.integer(4))};
}

// A new batch holding the study's outbox rows so far, or nothing when there are none.
std::optional<Batch> newBatch(CacheDatabase& db, const std::string& studyUid)
{
    CacheDatabase::Transaction transaction(db);
    Statement last(db, "SELECT MAX(seq) FROM outbox WHERE study_uid = ?");
    last.bind(1, studyUid);
    if (!last.step() || last.text(0).empty())
        return std::nullopt;
    Batch b;
    b.lastSeq = last.integer(0);
    Statement count(db, "SELECT COUNT(*) FROM sync_batches WHERE study_uid = ?");
    count.bind(1, studyUid);
    count.step();
    b.instanceNumber = int(count.integer(0)) + 1;
    b.contentDateTime = nowDateTime();
    Statement insert(db, "INSERT INTO sync_batches (study_uid, last_seq, instance_number, content_datetime) VALUES (?,?,?,?)");
    insert.bind(1, studyUid).bind(2, std::int64_t(b.lastSeq)).bind(3, b.instanceNumber).bind(4, b.contentDateTime);
    insert.step();
    b.id = sqlite3_last_insert_rowid(db.handle());
    transaction.commit();
    return b;
}

std::vector<BatchObject> objectsOf(CacheDatabase& db, long long batch)
{
    std::vector<BatchObject> objects;
    Statement s(db, "SELECT kind, series_uid, sop_uid, path, confirmed FROM sync_objects WHERE batch = ? ORDER BY kind DESC");
    s.bind(1, std::int64_t(batch));
    while (s.step())
        objects.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4) != 0});
    return objects;
}

// Writes one object of a batch; false when it has nothing to say (no graphics, no key image).
bool writeObject(const BatchObject& o, const StudyAnnotationSet& set, const ObjectInstance& instance)
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
    std::vector<std::string> studies;
    {
        Statement s(m_db, "SELECT study_uid FROM outbox UNION SELECT study_uid FROM sync_batches WHERE state = 'open'");
        while (s.step())
            studies.push_back(s.text(0));
    }
    SyncReport report;
    for (const std::string& study : studies)
        pushStudy(study, ignoreBackoff, now, report);
    return report;
}

void SyncEngine::pushStudy(const std::string& studyUid, bool ignoreBackoff, std::time_t now, SyncReport& report)
{
    // Changes made while a batch was being sent go in the next one; a few rounds at most.
    for (int round = 0; round < 4; ++round) {
        std::optional<Batch> batch = openBatch(m_db, studyUid);
        if (batch && !ignoreBackoff && batch->nextAttempt > now)
            return;
        if (!batch)
            batch = newBatch(m_db, studyUid);
        if (!batch)
            return;
        const std::string folder = m_workFolder + "/batch-" + std::to_string(batch->id);
        std::string failure;
        try {
            std::filesystem::create_directories(folder);
            std::vector<BatchObject> objects = objectsOf(m_db, batch->id);
            std::optional<StudyAnnotationSet> snapshot;
            auto instanceOf = [&](const BatchObject& o) {
                ObjectInstance i;
                i.seriesUid = o.seriesUid;
                i.sopInstanceUid = o.sopUid;
                i.seriesNumber = seriesNumberOfKind(o.kind);
                i.instanceNumber = batch->instanceNumber;
                i.contentDateTime = batch->contentDateTime;
                i.author = m_author;
                if (o.kind == "SR") {
                    Statement p(m_db, "SELECT o.series_uid, o.sop_uid FROM sync_objects o JOIN sync_batches b ON b.id = o.batch "
                                      "WHERE b.study_uid = ? AND b.state = 'done' AND o.kind = 'SR' ORDER BY b.id DESC LIMIT 1");
                    p.bind(1, studyUid);
                    if (p.step()) {
                        i.predecessorSeriesUid = p.text(0);
                        i.predecessorSopInstanceUid = p.text(1);
                    }
                }
                return i;
            };
            if (objects.empty()) {
                // First attempt: choose the instances, write them, then record them together.
                snapshot = buildStudySnapshot(m_db, studyUid);
                std::vector<BatchObject> written;
                for (const char* kind : {"SR", "PR", "KO"}) {
                    BatchObject o{kind, derivedUid(studyUid + "/hounsfield/" + kind), newUid(), folder + "/" + kind + ".dcm", false};
                    if (writeObject(o, *snapshot, instanceOf(o)))
                        written.push_back(o);
                }
                CacheDatabase::Transaction transaction(m_db);
                for (const BatchObject& o : written) {
                    Statement s(m_db, "INSERT INTO sync_objects (batch, kind, series_uid, sop_uid, path) VALUES (?,?,?,?,?)");
                    s.bind(1, std::int64_t(batch->id)).bind(2, o.kind).bind(3, o.seriesUid).bind(4, o.sopUid).bind(5, o.path);
                    s.step();
                }
                transaction.commit();
                objects = written;
            }
            for (const BatchObject& o : objects) {
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
                Statement s(m_db, "UPDATE sync_objects SET confirmed = 1 WHERE batch = ? AND kind = ?");
                s.bind(1, std::int64_t(batch->id)).bind(2, o.kind);
                s.step();
                ++report.pushedObjects;
            }
        } catch (const std::exception& e) {
            failure = e.what();
        }
        if (!failure.empty()) {
            CacheDatabase::Transaction transaction(m_db);
            Statement attempts(m_db, "SELECT attempts FROM sync_batches WHERE id = ?");
            attempts.bind(1, std::int64_t(batch->id));
            attempts.step();
            const int tries = int(attempts.integer(0)) + 1;
            const std::time_t wait = std::min<std::time_t>(300, std::time_t(5) << std::min(tries - 1, 10));
            Statement s(m_db, "UPDATE sync_batches SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?");
            s.bind(1, tries).bind(2, std::int64_t(now + wait)).bind(3, failure).bind(4, std::int64_t(batch->id));
            s.step();
            Statement flag(m_db, "UPDATE annotations SET sync_state = 'failed', sync_error = ? WHERE study_uid = ? AND id IN "
                                 "(SELECT object_id FROM outbox WHERE object = 'annotation' AND study_uid = ?)");
            flag.bind(1, failure).bind(2, studyUid).bind(3, studyUid);
            flag.step();
            transaction.commit();
            ++report.failed;
            report.errors.push_back("study " + studyUid + ": " + failure);
            return;
        }
        {
            CacheDatabase::Transaction transaction(m_db);
            Statement count(m_db, "SELECT COUNT(*) FROM outbox WHERE study_uid = ? AND seq <= ?");
            count.bind(1, studyUid).bind(2, std::int64_t(batch->lastSeq));
            count.step();
            report.pushedChanges += int(count.integer(0));
            Statement drop(m_db, "DELETE FROM outbox WHERE study_uid = ? AND seq <= ?");
            drop.bind(1, studyUid).bind(2, std::int64_t(batch->lastSeq));
            drop.step();
            Statement done(m_db, "UPDATE sync_batches SET state = 'done', last_error = '' WHERE id = ?");
            done.bind(1, std::int64_t(batch->id));
            done.step();
            // A conflict note stays until the reader changes the annotation.
            Statement synced(m_db, "UPDATE annotations SET sync_state = 'synced', sync_error = CASE WHEN sync_error LIKE "
                                   "'conflict:%' THEN sync_error ELSE '' END WHERE study_uid = ? AND id NOT IN "
                                   "(SELECT object_id FROM outbox WHERE object = 'annotation' AND study_uid = ?)");
            synced.bind(1, studyUid).bind(2, studyUid);
            synced.step();
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
    const FetchAnswer fetched = m_transport.fetchReports(studyUid, folder);
    if (!fetched.ok) {
        ++report.failed;
        report.errors.push_back("study " + studyUid + ": " + fetched.message);
        std::filesystem::remove_all(folder, ec);
        return report;
    }
    std::vector<StudyAnnotationSet> sets;
    for (const std::string& file : fetched.files) {
        try {
            ReadMeasurementReport read = readMeasurementReport(file);
            if (read.set.study.studyUid == studyUid)
                sets.push_back(std::move(read.set));
        } catch (const std::exception& e) {
            // Other software's SRs are not ours to merge; a damaged one of ours is reported.
            const std::string reason = e.what();
            if (reason.find("not a Hounsfield") == std::string::npos) {
                ++report.failed;
                report.errors.push_back(reason);
            }
        }
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

std::vector<std::string> SyncEngine::studiesWithAnnotations() const
{
    std::vector<std::string> studies;
    Statement s(m_db, "SELECT study_uid FROM annotations UNION SELECT study_uid FROM tags UNION SELECT study_uid FROM key_images "
                      "UNION SELECT study_uid FROM study_notes UNION SELECT study_uid FROM outbox");
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

long long SyncEngine::pendingChanges() const
{
    return AnnotationStore(m_db).pendingChanges();
}

} // namespace hf
