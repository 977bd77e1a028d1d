#include "SyncNodeSwitch.h"

#include "Statement.h"

#include "hf/annotations/Annotation.h"
#include "hf/annotations/CacheDatabase.h"

namespace hf {
namespace {

// A switch to another node: batches not yet confirmed were made for the old one. Their outbox
// rows stay, so the next batch carries them to the new node (with the rest, in one SR).
std::vector<long long> dropOpenBatches(CacheDatabase& db)
{
    std::vector<long long> ids;
    Statement open(db, "SELECT id FROM sync_batches WHERE state = 'open'");
    while (open.step())
        ids.push_back(open.integer(0));
    Statement objects(db, "DELETE FROM sync_objects WHERE batch IN (SELECT id FROM sync_batches WHERE state = 'open')");
    objects.step();
    Statement batches(db, "DELETE FROM sync_batches WHERE state = 'open'");
    batches.step();
    return ids;
}

// Every annotation, tag, key image and note goes into the outbox once (unless already there),
// so that every study gets a batch for the new node, changed since or not.
void queueEverything(CacheDatabase& db)
{
    const std::string now = utcNow();
    struct Source {
        const char *object, *id, *table;
    };
    for (const Source& source : {Source{"annotation", "t.id", "annotations"}, Source{"tag", "t.series_uid || '/' || t.word", "tags"},
                                 Source{"key_image", "t.sop_uid || '/' || t.frame", "key_images"},
                                 Source{"note", "t.study_uid", "study_notes"}}) {
        const std::string sql = std::string("INSERT INTO outbox (study_uid, object, object_id, revision, created) SELECT t.study_uid, ?2, ") +
                                source.id + ", t.revision, ?1 FROM " + source.table + " t WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                                "WHERE o.object = ?2 AND o.object_id = " + source.id + ")";
        Statement queue(db, sql.c_str());
        queue.bind(1, now).bind(2, std::string(source.object));
        queue.step();
    }
    Statement pending(db, "UPDATE annotations SET sync_state = 'pending', sync_error = "
                          "CASE WHEN sync_error LIKE 'conflict:%' THEN sync_error ELSE '' END");
    pending.step();
}

void rememberNode(CacheDatabase& db, const std::string& identity)
{
    Statement remember(db, "INSERT OR REPLACE INTO sync_node (id, address) VALUES (1, ?)");
    remember.bind(1, identity);
    remember.step();
}

} // namespace

std::vector<long long> followSyncNode(CacheDatabase& db, const std::string& identity)
{
    CacheDatabase::Transaction transaction(db);
    Statement current(db, "SELECT address FROM sync_node WHERE id = 1");
    const bool known = current.step();
    if (known && current.text(0) == identity)
        return {};
    // The first node ever (or the first since this table came) already has the outbox's rows:
    // everything changed since the cache began is in it or was sent to that node.
    std::vector<long long> dropped;
    if (known) {
        dropped = dropOpenBatches(db);
        queueEverything(db);
    }
    rememberNode(db, identity);
    transaction.commit();
    return dropped;
}

} // namespace hf
