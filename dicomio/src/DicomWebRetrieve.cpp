#include "DicomWebRetrieve.h"

#include "DicomWebQuery.h"
#include "HttpClient.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace hf {
namespace {

// The boundary parameter of a multipart Content-Type ("" when there is none).
std::string boundaryOf(const std::string& contentType)
{
    const auto at = contentType.find("boundary=");
    if (at == std::string::npos)
        return {};
    std::string b = contentType.substr(at + 9);
    if (!b.empty() && b.front() == '"') {
        b.erase(b.begin());
        b = b.substr(0, b.find('"'));
    } else {
        b = b.substr(0, b.find(';'));
    }
    while (!b.empty() && (b.back() == ' ' || b.back() == '\r' || b.back() == '\n'))
        b.pop_back();
    return b;
}

} // namespace

RetrieveResult retrieveByWado(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                              const std::string& folder, const RetrieveProgress& progress)
{
    RetrieveResult result;
    result.method = "WADO-RS";
    // How many to expect, for the progress bar.
    RemoteQuery seriesQuery;
    seriesQuery.studyUid = studyUid;
    const RemoteQueryResult series = findByQido(node, seriesQuery);
    if (series.ok)
        for (const RemoteRecord& r : series.records)
            if (seriesUid.empty() || r.seriesUid == seriesUid)
                result.expected += r.instances;

    const std::string url = node.baseUrl + "/studies/" + urlEncode(studyUid) + (seriesUid.empty() ? "" : "/series/" + urlEncode(seriesUid));
    const std::string bodyPath = folder + "/wado-response.part";
    std::ofstream body(bodyPath, std::ios::binary | std::ios::trunc);
    if (!body) {
        result.message = folder + ": cannot write";
        return result;
    }
    // Parts are counted as they stream by their Content-Type line; the tail carries a match
    // split across two chunks.
    const std::string marker = "application/dicom";
    std::string tail;
    int arriving = 0;
    HttpRequest request{"GET", url, {"Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*"}, {}, {}};
    request.sink = [&](const char* data, size_t size) {
        body.write(data, std::streamsize(size));
        std::string window = tail + std::string(data, std::min<size_t>(size, 4096));
        if (size > 4096)
            window += std::string(data + size - 4096, 4096);
        for (size_t at = window.find(marker); at != std::string::npos; at = window.find(marker, at + 1))
            ++arriving;
        tail = window.substr(window.size() > marker.size() ? window.size() - marker.size() + 1 : 0);
        return !progress || progress(arriving, result.expected);
    };
    const HttpAnswer answer = httpRequest(node, request);
    body.close();
    std::error_code ec;
    if (answer.cancelled) {
        std::filesystem::remove(bodyPath, ec);
        result.cancelled = true;
        result.message = "cancelled";
        return result;
    }
    if (!answer.reached || answer.status != 200) {
        std::filesystem::remove(bodyPath, ec);
        result.message = httpFailure(answer, "WADO-RS", url);
        return result;
    }
    const std::string boundary = boundaryOf(answer.contentType);
    if (boundary.empty()) {
        std::filesystem::remove(bodyPath, ec);
        result.message = "WADO-RS at " + url + " did not answer multipart/related (" + answer.contentType + ")";
        return result;
    }
    // Split the response into instances: each part's content lies between its blank line and
    // the next "\r\n--boundary".
    std::ifstream in(bodyPath, std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::filesystem::remove(bodyPath, ec);
    const std::string delimiter = "--" + boundary;
    size_t at = all.find(delimiter);
    int index = 0;
    while (at != std::string::npos) {
        const size_t headersStart = at + delimiter.size();
        if (all.compare(headersStart, 2, "--") == 0)
            break;  // the closing delimiter
        const size_t contentStart = all.find("\r\n\r\n", headersStart);
        if (contentStart == std::string::npos)
            break;
        const size_t next = all.find("\r\n" + delimiter, contentStart + 4);
        if (next == std::string::npos) {
            ++result.failed;  // cut short
            break;
        }
        const size_t length = next - (contentStart + 4);
        const char* content = all.data() + contentStart + 4;
        if (length > 132 && std::memcmp(content + 128, "DICM", 4) == 0) {
            const std::string path = folder + "/wado-" + std::to_string(++index) + ".dcm";
            std::ofstream out(path + ".part", std::ios::binary);
            out.write(content, std::streamsize(length));
            out.close();
            if (out)
                std::filesystem::rename(path + ".part", path, ec);
            if (out && !ec)
                ++result.received;
            else
                ++result.failed;
        } else {
            ++result.failed;  // not a DICOM file: counted, not kept
        }
        at = next + 2;
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
