#include "hf/annotations/CacheRetriever.h"

#include "hf/annotations/CachedInstances.h"

#include "Statement.h"

#include "hf/annotations/Annotation.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteQuery.h"
#include "hf/dicomio/SecondaryCapture.h"

#include <filesystem>

namespace hf {
namespace {

void record(CacheDatabase& db, const std::string& studyUid, const std::string& node, int expected, int received,
            const std::string& state, const std::string& message)
{
    Statement s(db, "INSERT OR REPLACE INTO retrievals (study_uid, node, expected, received, state, message, updated) "
                    "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, studyUid).bind(2, node).bind(3, expected).bind(4, received).bind(5, state).bind(6, message).bind(7, utcNow());
    s.step();
}

} // namespace

CacheRetriever::CacheRetriever(CacheDatabase& db, const CacheFileStore* store, std::string incomingFolder)
    : m_db(db)
    , m_store(store)
    , m_incoming(std::move(incomingFolder))
{
}

std::string CacheRetriever::state(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT state FROM retrievals WHERE study_uid = ?");
    s.bind(1, studyUid);
    return s.step() ? s.text(0) : std::string();
}

CacheRetrieval CacheRetriever::retrieve(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                        RetrieveMethod method, const RetrieveProgress& progress)
{
    CacheRetrieval out;
    // What the node has, series by series: the expected counts and what to skip.
    RemoteQuery query;
    query.studyUid = studyUid;
    const RemoteQueryResult listed = findRemote(node, query);
    if (!listed.ok) {
        out.message = listed.message;
        return out;
    }
    std::vector<RemoteRecord> series;
    // Every series: the cache keeps reports, presentation states, key objects and segmentations
    // beside the images (ours among them; the sync reads those as annotations).
    for (const RemoteRecord& r : listed.records)
        if (seriesUid.empty() || r.series.uid == seriesUid)
            series.push_back(r);
    if (series.empty()) {
        out.message = "the node has no " + std::string(seriesUid.empty() ? "study " + studyUid : "series " + seriesUid);
        return out;
    }
    for (const RemoteRecord& r : series)
        out.expected += r.instances;
    const std::string where = nodeAddress(node);
    int done = 0;  // instances in the cache already or arrived, for the progress bar
    for (const RemoteRecord& r : series)
        done += std::min(r.instances, instancesInCache(m_db, r.series.uid));
    record(m_db, studyUid, where, out.expected, done, "running", "");

    bool failed = false;
    for (const RemoteRecord& r : series) {
        const int have = instancesInCache(m_db, r.series.uid);
        if (r.instances > 0 && have >= r.instances) {
            ++out.skippedSeries;
            continue;
        }
        const std::string folder = m_incoming + "/" + newUid();
        const int before = done;
        const RetrieveResult got = retrieveFromNode(node, studyUid, r.series.uid, folder, method, [&](int received, int) {
            done = before + received;
            return !progress || progress(done, out.expected);
        });
        out.method = got.method;
        out.received += got.received;
        if (got.received > 0) {
            // Received once, then renamed into the store: no second write of the pixels.
            CacheImporter importer(m_db, m_store);
            importer.moveIntoStore(true);
            out.newInstances += int(importer.import({folder}).added.instances);
        }
        std::error_code ec;
        std::filesystem::remove_all(folder, ec);
        done = before + got.received;
        if (!got.ok) {
            out.cancelled = got.cancelled;
            out.message = got.message;
            failed = true;
            break;
        }
    }
    for (const RemoteRecord& r : series)
        out.inCache += std::min(r.instances, instancesInCache(m_db, r.series.uid));
    out.ok = !failed && out.inCache >= out.expected;
    if (!failed)
        out.message = out.ok ? std::to_string(out.received) + " instances received from " + where +
                                   (out.method.empty() ? "" : " by " + out.method) +
                                   (out.skippedSeries ? " (" + std::to_string(out.skippedSeries) + " series were already here)" : "")
                             : "only " + std::to_string(out.inCache) + " of " + std::to_string(out.expected) +
                                   " instances arrived from " + where;
    record(m_db, studyUid, where, out.expected, out.inCache, out.ok ? "complete" : "partial", out.message);
    return out;
}

std::vector<std::string> CacheRetriever::studiesRetrievedFrom(CacheDatabase& db, const std::string& address)
{
    Statement s(db, "SELECT study_uid FROM retrievals WHERE node = ?1");
    s.bind(1, address);
    std::vector<std::string> studies;
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

} // namespace hf
