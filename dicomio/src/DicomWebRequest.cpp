#include "DicomWebRequest.h"

#include <curl/curl.h>

namespace hf {
namespace {

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

} // namespace

EchoResult dicomWebPing(const PacsNode& node)
{
    EchoResult result;
    CURL* curl = curl_easy_init();
    if (!curl) {
        result.message = "cannot start an HTTP client";
        return result;
    }
    // QIDO-RS: the smallest study query tells whether the service answers and speaks DICOMweb.
    const std::string url = node.baseUrl + "/studies?limit=1";
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/dicom+json");
    if (!node.authorization.empty())
        headers = curl_slist_append(headers, ("Authorization: " + node.authorization).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(node.timeoutSeconds * 1000));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK) {
        const std::string why = code == CURLE_COULDNT_CONNECT   ? "connection refused"
                                : code == CURLE_OPERATION_TIMEDOUT ? "no answer (timeout)"
                                : code == CURLE_COULDNT_RESOLVE_HOST ? "unknown host"
                                                                     : curl_easy_strerror(code);
        result.message = why + " at " + node.baseUrl;
    } else if (status == 200 || status == 204) {
        result.ok = true;
        result.message = "QIDO-RS at " + node.baseUrl + " answered (HTTP " + std::to_string(status) + ")";
    } else {
        result.message = "QIDO-RS at " + node.baseUrl + " answered HTTP " + std::to_string(status) +
                         (status == 401 || status == 403 ? " (authorization refused)" : status == 404 ? " (no DICOMweb service at this URL)" : "");
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return result;
}

} // namespace hf
