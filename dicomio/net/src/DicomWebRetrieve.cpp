#include "DicomWebRetrieve.h"

#include "DicomWebQuery.h"
#include "HttpClient.h"
#include "MultipartSplitter.h"

#include <filesystem>

namespace hf {

RetrieveResult retrieveByWado(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                              const std::string& folder, const RetrieveProgress& progress, int knownExpected)
{
    RetrieveResult result;
    result.method = "WADO-RS";
    // How many to expect, for the progress bar (a round trip saved when the caller knows).
    if (knownExpected >= 0) {
        result.expected = knownExpected;
    } else {
        RemoteQuery seriesQuery;
        seriesQuery.studyUid = studyUid;
        const RemoteQueryResult series = findByQido(node, seriesQuery);
        if (series.ok)
            for (const RemoteRecord& r : series.records)
                if (seriesUid.empty() || r.series.uid == seriesUid)
                    result.expected += r.instances;
    }

    const std::string url = node.baseUrl + "/studies/" + urlEncode(studyUid) + (seriesUid.empty() ? "" : "/series/" + urlEncode(seriesUid));
    // Parts go to their own files as they stream in; the count of finished parts is the progress.
    MultipartSplitter splitter(folder);
    bool writeFailed = false;
    // Asked at every piece of the body (a statvfs, a microsecond): the transfer stops while the
    // disk still has its reserve.
    const DiskRoom room{folder, node.keepFreeBytes};
    std::string roomShortage;
    HttpRequest request{"GET", url, {"Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*"}, {}, {}};
    request.sink = [&](const char* data, size_t size) {
        roomShortage = room.shortage();
        if (!roomShortage.empty())
            return false;
        const int before = splitter.parts();
        if (!splitter.feed(data, size)) {
            writeFailed = true;
            return false;
        }
        return !progress || splitter.parts() == before || progress(splitter.parts(), result.expected);
    };
    const HttpAnswer answer = httpRequest(node, request);
    splitter.finish();
    result.received = splitter.parts();
    result.failed = splitter.unusable();
    if (!roomShortage.empty()) {
        result.message = "WADO-RS from " + url + " stopped after " + std::to_string(result.received) + " of " +
                         std::to_string(result.expected) + " instances: " + roomShortage;
        return result;
    }
    if (writeFailed) {
        result.message = splitter.error().empty() ? folder + ": cannot write the instances"
                                                  : "WADO-RS at " + url + ": " + splitter.error();
        return result;
    }
    if (answer.cancelled) {
        result.cancelled = true;
        result.message = "cancelled after " + std::to_string(result.received) + " of " + std::to_string(result.expected) + " instances";
        return result;
    }
    if (!answer.reached || answer.status != 200) {
        result.message = httpFailure(answer, "WADO-RS", url) +
                         (result.received ? " after " + std::to_string(result.received) + " instances" : "");
        return result;
    }
    if (!splitter.sawBoundary()) {
        result.message = "WADO-RS at " + url + " did not answer multipart/related (" + answer.contentType + ")";
        return result;
    }
    if (progress)
        progress(result.received, result.expected);
    result.ok = result.received > 0 || result.expected == 0;
    result.message = std::to_string(result.received) + " instances received from " + node.baseUrl + " by WADO-RS" +
                     (result.failed ? " (" + std::to_string(result.failed) + " parts unusable)" : "");
    if (!result.ok)
        result.message = "WADO-RS at " + url + " returned no instances";
    return result;
}

} // namespace hf
