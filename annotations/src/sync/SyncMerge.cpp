#include "SyncMerge.h"

#include "Outbox.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyTags.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hf {
namespace {

Annotation annotationOf(const AnnotationRecord& r, const std::string& studyUid)
{
    Annotation a;
    a.id = r.id;
    a.revision = r.revision;
    a.studyUid = studyUid;
    a.seriesUid = r.image.seriesUid;
    a.sopInstanceUid = r.image.sopInstanceUid;
    a.frame = r.image.frame;
    a.kind = annotationKindFromName(r.kind).value_or(AnnotationKind::Point);
    a.points = r.points;
    if (!r.plane.empty()) {
        try {
            a.plane = parsePlane(r.plane);
            parseSlab(r.slab, *a.plane);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error("the PACS's annotation " + r.id + " has a bad plane: " + e.what());
        }
    }
    a.label = r.label;
    a.author = r.author;
    a.created = r.created;
    a.modified = r.modified;
    a.deleted = r.deleted;
    return a;
}

bool sameContent(const Annotation& a, const Annotation& b)
{
    return a.deleted == b.deleted && a.kind == b.kind && a.label == b.label && a.sopInstanceUid == b.sopInstanceUid &&
           a.frame == b.frame && formatPoints(a.points) == formatPoints(b.points) &&
           (a.plane ? formatPlane(*a.plane) + formatSlab(*a.plane) : "") == (b.plane ? formatPlane(*b.plane) + formatSlab(*b.plane) : "");
}

int mergeAnnotation(AnnotationStore& store, const Annotation& theirs, MergeCounts& counts)
{
    const auto ours = store.find(theirs.id);
    if (!ours) {
        store.storeFromPacs(theirs);
        return 1;
    }
    if (ours->revision == theirs.revision && sameContent(*ours, theirs))
        return 0;
    if (!store.hasPendingChange(theirs.id))
        // Nothing local since the last sync: a newer revision simply wins.
        return theirs.revision > ours->revision ? (store.storeFromPacs(theirs), 1) : 0;
    // Both sides changed.
    if (theirs.deleted && !ours->deleted && theirs.modified >= ours->modified) {
        store.storeFromPacs(theirs);  // a deletion wins over an older edit
        return 1;
    }
    if (theirs.revision >= ours->revision && !theirs.deleted && !sameContent(*ours, theirs)) {
        // A true conflict: keep both. Theirs comes in as a copy (a new annotation, pushed next
        // time); ours gets a revision above theirs and says why.
        Annotation copy = theirs;
        copy.id = newAnnotationId();
        copy.label = theirs.label.empty() ? "conflict copy" : theirs.label + " (conflict copy)";
        store.add(copy);
        store.keepThroughConflict(ours->id, theirs.revision,
                                  "conflict: " + (theirs.author.empty() ? std::string("another reader") : theirs.author) +
                                      " changed it too (" + theirs.modified + "); their version is kept as a copy");
        ++counts.conflicts;
        return 1;
    }
    return 0;  // ours is newer; the next push sends it
}

} // namespace

MergeCounts mergeFromPacs(CacheDatabase& db, const std::string& studyUid, const std::vector<StudyAnnotationSet>& reports)
{
    // The newest revision of everything across the reports.
    std::map<std::string, AnnotationRecord> annotations;
    std::map<std::pair<std::string, std::string>, TagRecord> tags;
    std::map<std::pair<std::string, int>, KeyImageRecord> keys;
    std::string note;
    int noteRevision = 0;
    for (const StudyAnnotationSet& r : reports) {
        for (const AnnotationRecord& a : r.annotations) {
            auto it = annotations.find(a.id);
            if (it == annotations.end() || a.revision > it->second.revision ||
                (a.revision == it->second.revision && a.modified > it->second.modified))
                annotations[a.id] = a;
        }
        for (const TagRecord& t : r.tags) {
            auto& slot = tags[{t.seriesUid, t.word}];
            if (t.revision > slot.revision || slot.word.empty())
                slot = t;
        }
        for (const KeyImageRecord& k : r.keyImages) {
            auto& slot = keys[{k.image.sopInstanceUid, k.image.frame}];
            if (k.revision > slot.revision || slot.image.sopInstanceUid.empty())
                slot = k;
        }
        if (r.noteRevision > noteRevision) {
            noteRevision = r.noteRevision;
            note = r.note;
        }
    }

    MergeCounts counts;
    CacheDatabase::Transaction transaction(db);
    AnnotationStore store(db);
    // In the order they were made, so that lists show them as their author saw them.
    std::vector<const AnnotationRecord*> ordered;
    for (const auto& [id, record] : annotations)
        ordered.push_back(&record);
    std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->created < b->created; });
    for (const AnnotationRecord* record : ordered)
        counts.changed += mergeAnnotation(store, annotationOf(*record, studyUid), counts);
    // Tags, key images and the note: a higher remote revision wins unless ours waits to be sent.
    StudyTags local(db);
    const Outbox outbox(db);
    for (const auto& [key, t] : tags) {
        if (t.revision <= local.tagRevision(studyUid, t.seriesUid, t.word) || outbox.has("tag", t.seriesUid + "/" + t.word))
            continue;
        local.storeTagFromPacs(studyUid, t);
        ++counts.changed;
    }
    for (const auto& [key, k] : keys) {
        const std::string id = k.image.sopInstanceUid + "/" + std::to_string(k.image.frame);
        if (k.revision <= local.keyImageRevision(k.image.sopInstanceUid, k.image.frame) || outbox.has("key_image", id))
            continue;
        local.storeKeyImageFromPacs(studyUid, k);
        ++counts.changed;
    }
    if (noteRevision > 0 && noteRevision > local.noteRevision(studyUid) && !outbox.has("note", studyUid)) {
        local.storeNoteFromPacs(studyUid, note, noteRevision);
        ++counts.changed;
    }
    transaction.commit();
    return counts;
}

} // namespace hf
