#include "hf/annotations/KnownRegistration.h"

#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/SpatialRegistration.h"

#include <stdexcept>

namespace hf {

std::optional<StoredRegistration> knownRegistration(CacheDatabase& db, const std::string& fixedFrame, const std::string& movingFrame)
{
    if (auto kept = RegistrationStore(db).find(fixedFrame, movingFrame))
        return kept;
    for (const std::string& file : StudyIndex(db).filesOfClass({}, kSpatialRegistrationClass)) {
        try {
            const SpatialRegistration object = readSpatialRegistration(file);
            if (const auto transform = object.transform(fixedFrame, movingFrame))
                return StoredRegistration{*transform,
                                          "from a Spatial Registration" + (object.description.empty() ? std::string() : " (" + object.description + ")"),
                                          {}};
        } catch (const std::runtime_error&) {
            // Not readable: another object may still tie the pair.
        }
    }
    return std::nullopt;
}

} // namespace hf
