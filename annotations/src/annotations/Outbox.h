#pragma once
// Appends the change just written to the outbox, inside the caller's transaction.
#include "Statement.h"

#include "hf/annotations/Annotation.h"

namespace hf {

inline void appendToOutbox(CacheDatabase& db, const std::string& studyUid, const char* object, const std::string& objectId, int revision)
{
    Statement s(db, "INSERT INTO outbox (study_uid, object, object_id, revision, created) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, studyUid).bind(2, std::string(object)).bind(3, objectId).bind(4, revision).bind(5, utcNow());
    s.step();
}

} // namespace hf
