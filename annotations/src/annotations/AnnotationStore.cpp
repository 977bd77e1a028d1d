#include "hf/annotations/AnnotationStore.h"

#include "Outbox.h"
#include "Statement.h"

#include "hf/annotations/CacheDatabase.h"

#include <algorithm>

namespace hf {
namespace {

constexpr const char* kColumns =
    "id, revision, study_uid, series_uid, sop_uid, frame, kind, points, label, author, created, modified, deleted, sync_state, sync_error, plane, slab";

std::optional<AnnotationPlane> planeOf(const std::string& plane, const std::string& slab)
{
    if (plane.empty())
        return std::nullopt;
    AnnotationPlane p = parsePlane(plane);
    parseSlab(slab, p);
    return p;
}

Annotation read(const Statement& s)
{
    Annotation a;
    a.id = s.text(0);
    a.revision = int(s.integer(1));
    a.studyUid = s.text(2);
    a.seriesUid = s.text(3);
    a.sopInstanceUid = s.text(4);
    a.frame = int(s.integer(5));
    a.kind = annotationKindFromName(s.text(6)).value_or(AnnotationKind::Point);
    a.points = parsePoints(s.text(7));
    a.label = s.text(8);
    a.author = s.text(9);
    a.created = s.text(10);
    a.modified = s.text(11);
    a.deleted = s.integer(12) != 0;
    a.syncState = s.text(13);
    a.syncError = s.text(14);
    a.plane = planeOf(s.text(15), s.text(16));
    return a;
}

} // namespace

AnnotationStore::AnnotationStore(CacheDatabase& db)
    : m_db(db)
{
}

Annotation AnnotationStore::add(Annotation a)
{
    if (a.id.empty())
        a.id = newAnnotationId();
    else if (find(a.id))
        throw CacheError("annotation " + a.id + " already exists");
    a.created = utcNow();
    a.deleted = false;
    return writeRevision(std::move(a), 1);
}

Annotation AnnotationStore::update(const Annotation& a)
{
    const auto current = find(a.id);
    if (!current)
        throw CacheError("no annotation " + a.id);
    Annotation next = a;
    next.created = current->created;
    return writeRevision(std::move(next), current->revision + 1);
}

Annotation AnnotationStore::remove(const std::string& id)
{
    auto current = find(id);
    if (!current)
        throw CacheError("no annotation " + id);
    current->deleted = true;
    return writeRevision(*current, current->revision + 1);
}

Annotation AnnotationStore::restore(const std::string& id)
{
    auto current = find(id);
    if (!current)
        throw CacheError("no annotation " + id);
    current->deleted = false;
    return writeRevision(*current, current->revision + 1);
}

Annotation AnnotationStore::writeRevision(Annotation a, int revision, const std::string& syncError)
{
    a.revision = revision;
    a.modified = utcNow();
    a.syncState = "pending";
    a.syncError = syncError;
    CacheDatabase::Transaction transaction(m_db);
    // A revision updates the row in place (rowid kept: lists stay in the order of creation).
    Statement s(m_db, revision == 1 ? "INSERT INTO annotations (id, revision, study_uid, series_uid, sop_uid, frame, kind, points, "
                                      "label, author, created, modified, deleted, sync_state, sync_error, plane, slab) "
                                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"
                                    : "UPDATE annotations SET revision = ?2, study_uid = ?3, series_uid = ?4, sop_uid = ?5, frame = ?6, "
                                      "kind = ?7, points = ?8, label = ?9, author = ?10, created = ?11, modified = ?12, deleted = ?13, "
                                      "sync_state = ?14, sync_error = ?15, plane = ?16, slab = ?17 WHERE id = ?1");
    s.bind(1, a.id).bind(2, a.revision).bind(3, a.studyUid).bind(4, a.seriesUid).bind(5, a.sopInstanceUid).bind(6, a.frame);
    s.bind(7, std::string(annotationKindName(a.kind))).bind(8, formatPoints(a.points)).bind(9, a.label).bind(10, a.author);
    s.bind(11, a.created).bind(12, a.modified).bind(13, a.deleted ? 1 : 0).bind(14, a.syncState).bind(15, a.syncError);
    s.bind(16, a.plane ? formatPlane(*a.plane) : std::string()).bind(17, a.plane ? formatSlab(*a.plane) : std::string());
    s.step();
    Outbox(m_db).append(a.studyUid, "annotation", a.id, a.revision);
    transaction.commit();
    return a;
}

bool AnnotationStore::hasPendingChange(const std::string& id) const
{
    return Outbox(m_db).has("annotation", id);
}

void AnnotationStore::storeFromPacs(const Annotation& a)
{
    // An upsert keeps the row (and so the list order) of an annotation we already have.
    Statement s(m_db, "INSERT INTO annotations (id, revision, study_uid, series_uid, sop_uid, frame, kind, points, label, author, "
                      "created, modified, deleted, sync_state, sync_error, plane, slab) "
                      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'synced','',?14,?15) "
                      "ON CONFLICT(id) DO UPDATE SET revision = ?2, study_uid = ?3, series_uid = ?4, sop_uid = ?5, frame = ?6, "
                      "kind = ?7, points = ?8, label = ?9, author = ?10, created = ?11, modified = ?12, deleted = ?13, "
                      "sync_state = 'synced', sync_error = '', plane = ?14, slab = ?15");
    s.bind(1, a.id).bind(2, a.revision).bind(3, a.studyUid).bind(4, a.seriesUid).bind(5, a.sopInstanceUid).bind(6, a.frame);
    s.bind(7, std::string(annotationKindName(a.kind))).bind(8, formatPoints(a.points)).bind(9, a.label).bind(10, a.author);
    s.bind(11, a.created).bind(12, a.modified).bind(13, a.deleted ? 1 : 0);
    s.bind(14, a.plane ? formatPlane(*a.plane) : std::string()).bind(15, a.plane ? formatSlab(*a.plane) : std::string());
    s.step();
}

Annotation AnnotationStore::keepThroughConflict(const std::string& id, int theirs, const std::string& reason)
{
    auto current = find(id);
    if (!current)
        throw CacheError("no annotation " + id);
    return writeRevision(*current, std::max(current->revision, theirs) + 1, reason);
}

std::optional<Annotation> AnnotationStore::find(const std::string& id) const
{
    const auto found = query("id = ?", id, true);
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::vector<Annotation> AnnotationStore::ofStudy(const std::string& studyUid, bool includeDeleted) const
{
    return query("study_uid = ?", studyUid, includeDeleted);
}

std::vector<Annotation> AnnotationStore::ofSeries(const std::string& seriesUid, bool includeDeleted) const
{
    return query("series_uid = ?", seriesUid, includeDeleted);
}

std::vector<Annotation> AnnotationStore::all(bool includeDeleted) const
{
    return query("1 = 1 OR ? IS NULL", "", includeDeleted);
}

std::vector<Annotation> AnnotationStore::query(const std::string& where, const std::string& value, bool includeDeleted) const
{
    const std::string sql = std::string("SELECT ") + kColumns + " FROM annotations WHERE (" + where + ")" +
                            (includeDeleted ? "" : " AND deleted = 0") + " ORDER BY rowid";
    Statement s(m_db, sql.c_str());
    s.bind(1, value);
    std::vector<Annotation> out;
    while (s.step())
        out.push_back(read(s));
    return out;
}

long long AnnotationStore::pendingChanges() const
{
    return Outbox(m_db).count();
}

void AnnotationStore::markSynced(const std::string& studyUid)
{
    Statement s(m_db, "UPDATE annotations SET sync_state = 'synced', sync_error = CASE WHEN sync_error LIKE "
                      "'conflict:%' THEN sync_error ELSE '' END WHERE study_uid = ? AND id NOT IN "
                      "(SELECT object_id FROM outbox WHERE object = 'annotation' AND study_uid = ?)");
    s.bind(1, studyUid).bind(2, studyUid);
    s.step();
}

void AnnotationStore::markFailed(const std::string& studyUid, const std::string& reason)
{
    Statement s(m_db, "UPDATE annotations SET sync_state = 'failed', sync_error = ? WHERE study_uid = ? AND id IN "
                      "(SELECT object_id FROM outbox WHERE object = 'annotation' AND study_uid = ?)");
    s.bind(1, reason).bind(2, studyUid).bind(3, studyUid);
    s.step();
}

void AnnotationStore::markAllPending()
{
    Statement s(m_db, "UPDATE annotations SET sync_state = 'pending', sync_error = "
                      "CASE WHEN sync_error LIKE 'conflict:%' THEN sync_error ELSE '' END");
    s.step();
}

std::vector<std::string> AnnotationStore::studies() const
{
    std::vector<std::string> studies;
    Statement s(m_db, "SELECT DISTINCT study_uid FROM annotations");
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

} // namespace hf
