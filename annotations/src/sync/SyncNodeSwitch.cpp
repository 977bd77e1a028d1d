#include "SyncNodeSwitch.h"

#include "Outbox.h"
#include "SyncBatches.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"

namespace hf {

std::vector<long long> followSyncNode(CacheDatabase& db, const std::string& identity)
{
    CacheDatabase::Transaction transaction(db);
    SyncBatches batches(db);
    const std::optional<std::string> current = batches.node();
    if (current && *current == identity)
        return {};
    // The first node ever (or the first since this table came) already has the outbox's rows:
    // everything changed since the cache began is in it or was sent to that node.
    std::vector<long long> dropped;
    if (current) {
        // Batches not yet confirmed were made for the old node. Their outbox rows stay, so the
        // next batch carries them to the new one, with every other study's state, once.
        dropped = batches.dropOpen();
        Outbox(db).queueEverything();
        AnnotationStore(db).markAllPending();
    }
    batches.rememberNode(identity);
    transaction.commit();
    return dropped;
}

} // namespace hf
