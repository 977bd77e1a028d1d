#pragma once
// Registrations kept in the local cache (schema 8): the transform tying one Frame of Reference
// to another and how it was found, so that a prior opened again beside its current study is
// linked without registering again. One thread at a time.
#include "hf/dicomio/RigidTransform.h"

#include <optional>
#include <string>

namespace hf {

class CacheDatabase;

struct StoredRegistration {
    RigidTransform transform;  // a point of the fixed frame -> the same anatomy in the moving one
    std::string how;
    std::string made;  // UTC, ISO 8601
};

class RegistrationStore {
public:
    explicit RegistrationStore(CacheDatabase& db);

    // Replaces what was kept for the pair (in either direction).
    void save(const std::string& fixedFrame, const std::string& movingFrame, const RigidTransform& transform, const std::string& how);
    // The pair's registration; kept the other way round, its inverse.
    std::optional<StoredRegistration> find(const std::string& fixedFrame, const std::string& movingFrame) const;

private:
    CacheDatabase& m_db;
};

} // namespace hf
