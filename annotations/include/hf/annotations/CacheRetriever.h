#pragma once
// Retrieves a study (or a series) from a PACS node into the local cache, series by series, and
// remembers how far it got (table retrievals): a retrieval that fails or is cancelled leaves
// the study marked partial, and retrieving it again fetches only the series that are still
// short of instances. Instances are indexed while they arrive (whole instances only), so a
// viewer can open the first image long before the last is in; the series someone looks at is
// fetched first. Blocking; run off the GUI thread with its own CacheDatabase connection.
#include "hf/dicomio/net/RemoteRetrieve.h"

#include <functional>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;
class CacheFileStore;

struct CacheRetrieval {
    bool ok = false, cancelled = false;
    std::string message, method;
    int expected = 0;       // instances the node has for what was asked
    int inCache = 0;        // of those, in the cache now
    int received = 0;       // instances that arrived this time
    int newInstances = 0;   // of those, new to the cache
    int skippedSeries = 0;  // already complete in the cache
};

class CacheRetriever {
public:
    // store: copy mode (files copied into the cache folder) when not null. Instances arrive in
    // a scratch folder under `incomingFolder` first.
    CacheRetriever(CacheDatabase& db, const CacheFileStore* store, std::string incomingFolder);

    // While a retrieval runs, after each batch of arrivals is indexed: the series, its instances
    // in the cache now and how many the node has. On a thread of the retrieval's own.
    using ArrivalSink = std::function<void(const std::string& seriesUid, int inCache, int expected)>;
    void setArrivalSink(ArrivalSink sink) { m_arrivals = std::move(sink); }
    // Asked before each series: the series wanted next (the one on screen); fetched next if it
    // is still to come. Without it, or when it names none of them: image series before reports
    // and other objects, by series number. Any thread may change what it answers.
    void setWantedSeries(std::function<std::string()> wanted) { m_wanted = std::move(wanted); }

    CacheRetrieval retrieve(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid = {},
                            RetrieveMethod method = RetrieveMethod::Auto, const RetrieveProgress& progress = {});

    // "complete", "partial", "running" or "" (never retrieved).
    std::string state(const std::string& studyUid) const;
    // The studies last retrieved from the node at this address (nodeAddress: AET@HOST:PORT or URL).
    static std::vector<std::string> studiesRetrievedFrom(CacheDatabase& db, const std::string& address);

private:
    CacheDatabase& m_db;
    const CacheFileStore* m_store;
    std::string m_incoming;
    ArrivalSink m_arrivals;
    std::function<std::string()> m_wanted;
};

} // namespace hf
