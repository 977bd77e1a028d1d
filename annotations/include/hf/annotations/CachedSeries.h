#pragma once
// Loads one series of the local cache the way the viewer does (its headers from the index,
// stacks, decode: hf::openSeries), for what measures on the pixels: annotate, annotations,
// export, the PACS sync.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/Vec3.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;
class Volume;

struct CachedSeries {
    SeriesContext context;  // what reports and exports say about it
    std::string sopClassUid;
    StackPosition stack;  // which of the series' stacks this is
    std::shared_ptr<const Volume> volume;
    std::vector<FrameHeader> slices;  // the stack's images, in volume slice order
};

// The series' headers without reading its files again: what the index kept, plus a scan of the
// files it has none for (indexed by an older version, or changed since). Throws
// std::invalid_argument when the cache has none of its files.
ScanResult cachedScan(CacheDatabase& db, const std::string& seriesUid, const ProgressSink& progress = {});

// The stack holding `near` when the series has several (else the first). Throws
// std::invalid_argument when the series is not in the cache or none of its files load.
// stackIndex (0-based), when given, chooses the stack instead of `near`.
CachedSeries loadCachedSeries(CacheDatabase& db, const std::string& seriesUid, std::optional<Vec3> near = std::nullopt,
                              int stackIndex = -1);
// Only the file holding one image of the series (all its frames), as a stack of its own: what
// measures on one slice needs, without decoding the rest of a large series. Throws
// std::invalid_argument when that image's file is not in the cache or is gone.
CachedSeries loadCachedImage(CacheDatabase& db, const std::string& seriesUid, const std::string& sopInstanceUid,
                             std::optional<Vec3> near = std::nullopt);

} // namespace hf
