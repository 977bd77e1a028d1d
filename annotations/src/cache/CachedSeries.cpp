#include "hf/annotations/CachedSeries.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SeriesOpening.h"

#include <stdexcept>

namespace hf {

namespace {

CachedSeries describe(const LoadedSeries& opened, const std::string& seriesUid)
{
    if (!opened.where)
        throw std::invalid_argument("series " + seriesUid + " has no images that could be read");
    const LoadResult& loaded = opened.loaded;
    if (!loaded.volume)
        throw std::invalid_argument("series " + seriesUid + " could not be loaded" +
                                    (loaded.errors.empty() ? "" : ": " + loaded.errors.front().file + ": " + loaded.errors.front().reason));
    const Stack& chosen = *opened.where->stack;
    CachedSeries out;
    out.context = {*opened.where->patient, *opened.where->study, *opened.where->series};
    out.volume = loaded.volume;
    out.sopClassUid = chosen.slices.front().sopClassUid;
    out.stack = stackPosition(*opened.where);
    out.slices = chosen.slices;
    return out;
}

CachedSeries load(std::vector<FrameHeader> frames, const std::string& seriesUid, std::optional<Vec3> near, int stackIndex = -1)
{
    SeriesOpenRequest request;
    request.seriesUid = seriesUid;
    request.near = near;
    request.stackIndex = stackIndex;
    return describe(openSeries(std::move(frames), request), seriesUid);
}

} // namespace

ScanResult cachedScan(CacheDatabase& db, const std::string& seriesUid, const ProgressSink& progress)
{
    CachedHeaders cached = StudyIndex(db).headersOf(seriesUid);
    if (cached.frames.empty() && cached.unscanned.empty())
        throw std::invalid_argument("series " + seriesUid + " is not in the cache " + db.path() + " (or its files are gone)");
    ScanResult scan;
    if (!cached.unscanned.empty())
        scan = HeaderScanner().scan(cached.unscanned, progress);
    scan.frames.insert(scan.frames.end(), std::make_move_iterator(cached.frames.begin()), std::make_move_iterator(cached.frames.end()));
    return scan;
}

CachedSeries loadCachedSeries(CacheDatabase& db, const std::string& seriesUid, std::optional<Vec3> near, int stackIndex)
{
    return load(cachedScan(db, seriesUid).frames, seriesUid, near, stackIndex);
}

CachedSeries loadCachedImage(CacheDatabase& db, const std::string& seriesUid, const std::string& sopInstanceUid, std::optional<Vec3> near)
{
    const std::optional<std::string> file = StudyIndex(db).fileOf(sopInstanceUid);
    if (!file)  // not a neighbour instead: values and references must be the annotated image's
        throw std::invalid_argument("image " + sopInstanceUid + " is not in the cache " + db.path() + " (or its file is gone)");
    return load(HeaderScanner().scan({*file}).frames, seriesUid, near);
}

} // namespace hf
