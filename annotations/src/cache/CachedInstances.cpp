#include "hf/annotations/CachedInstances.h"

#include "Statement.h"

namespace hf {

int instancesInCache(CacheDatabase& db, const std::string& seriesUid)
{
    Statement s(db, "SELECT count(*) FROM instances i JOIN series se ON i.series = se.id WHERE se.series_uid = ? AND i.missing = 0");
    s.bind(1, seriesUid);
    s.step();
    return int(s.integer(0));
}

} // namespace hf
