#include "hf/annotations/CacheRetriever.h"

#include "hf/annotations/CachedInstances.h"

#include "ArrivalImporter.h"
#include "Statement.h"

#include "hf/annotations/Annotation.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/RemoteQuery.h"
#include "hf/dicomio/NewUid.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

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

// Reports, presentation states, key objects, segmentations and plans: after the images.
bool isDocumentModality(const std::string& modality)
{
    static const std::set<std::string> documents = {"SR", "PR", "KO", "SEG", "RTSTRUCT", "RTPLAN", "RTDOSE", "REG", "DOC"};
    return documents.count(modality) > 0;
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

    // Image series first, by number; the series someone looks at jumps the queue (asked each time).
    std::stable_sort(series.begin(), series.end(), [](const RemoteRecord& a, const RemoteRecord& b) {
        return std::make_pair(isDocumentModality(a.series.modality), a.series.number) <
               std::make_pair(isDocumentModality(b.series.modality), b.series.number);
    });
    std::vector<bool> taken(series.size(), false);
    auto nextSeries = [&]() -> int {
        const std::string wanted = m_wanted ? m_wanted() : std::string();
        for (size_t i = 0; i < series.size(); ++i)
            if (!taken[i] && !wanted.empty() && series[i].series.uid == wanted)
                return int(i);
        for (size_t i = 0; i < series.size(); ++i)
            if (!taken[i])
                return int(i);
        return -1;
    };
    bool failed = false;
    std::string indexFailure;  // the first batch the cache could not take, if any
    for (int next = nextSeries(); next >= 0; next = nextSeries()) {
        taken[size_t(next)] = true;
        const RemoteRecord& r = series[size_t(next)];
        const int have = instancesInCache(m_db, r.series.uid);
        if (r.instances > 0 && have >= r.instances) {
            ++out.skippedSeries;
            continue;
        }
        const std::string folder = m_incoming + "/" + newUid();
        const int before = done;
        // Indexed while the rest arrive; the database is the importer's until finish(). The
        // first instance at once only for someone watching the arrivals (the window's first
        // image): forking the scanners in the middle of a fast transfer slowed a command-line
        // WADO-RS download of 500 instances by 20-40 ms and gave it nothing.
        ArrivalImporter arrivals(
            m_db, m_store,
            [&](int) {
                if (m_arrivals)
                    m_arrivals(r.series.uid, instancesInCache(m_db, r.series.uid), r.instances);
            },
            bool(m_arrivals));
        std::set<std::string> handedOver;
        auto handOverWholeFiles = [&] {
            std::vector<std::string> whole;
            std::error_code listed;
            for (const auto& entry : std::filesystem::directory_iterator(folder, listed))
                if (entry.is_regular_file(listed) && entry.path().extension() != ".part" &&
                    handedOver.insert(entry.path().filename().string()).second)
                    whole.push_back(entry.path().string());
            arrivals.add(std::move(whole));
        };
        auto lastLook = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        const RetrieveResult got = retrieveFromNode(node, studyUid, r.series.uid, folder, method, [&](int received, int) {
            done = before + received;
            // Every arrival is called in; the folder is listed 20 times a second at most.
            const auto now = std::chrono::steady_clock::now();
            if (now - lastLook >= std::chrono::milliseconds(50)) {
                lastLook = now;
                handOverWholeFiles();
            }
            return !progress || progress(done, out.expected);
        }, r.instances);
        handOverWholeFiles();
        out.newInstances += arrivals.finish();
        if (indexFailure.empty())
            indexFailure = arrivals.error();
        out.method = got.method;
        out.received += got.received;
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
                                   " instances arrived from " + where +
                                   (indexFailure.empty() ? "" : " (the cache could not index them: " + indexFailure + ")");
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
