#pragma once
// What the cache already knows of how two Frames of Reference are tied: the registration kept
// for the pair (RegistrationStore), else a DICOM Spatial Registration object in the cache that
// maps both (one made elsewhere, or retrieved from the PACS with a study). One thread at a time.
#include "hf/annotations/RegistrationStore.h"

#include <optional>
#include <string>

namespace hf {

class CacheDatabase;

// `how` says where it came from ("from a Spatial Registration (...)" for an object). Objects that
// cannot be read are passed over.
std::optional<StoredRegistration> knownRegistration(CacheDatabase& db, const std::string& fixedFrame, const std::string& movingFrame);

} // namespace hf
