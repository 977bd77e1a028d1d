#include "HttpClient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace hf {
namespace {

struct Transfer {
    const HttpRequest* request;
    HttpAnswer* answer;
};

size_t write(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->request->sink) {
        if (!t->request->sink(data, n)) {
            t->answer->cancelled = true;
            return 0;  // aborts the transfer
        }
    } else if (t->answer->body.size() + n > t->request->maxBodyBytes) {
        t->answer->tooLarge = true;
        return 0;  // aborts the transfer
    } else {
        t->answer->body.append(data, n);
    }
    return n;
}

size_t header(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (lower.rfind("content-type:", 0) == 0) {
        std::string value = line.substr(13);
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
            value.erase(value.begin());
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
            value.pop_back();
        t->answer->contentType = value;
    }
    return size * count;
}

bool mentions(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// A failed HTTPS handshake in the words TLS failures are reported in elsewhere (curl's detail
// names the certificate problem; it never holds our headers).
std::string tlsFailure(CURLcode code, const std::string& detail)
{
    if (mentions(detail, "unable to get local issuer") || mentions(detail, "self-signed certificate") ||
        mentions(detail, "self signed certificate") || mentions(detail, "unable to verify the first certificate"))
        return std::string(kTlsHandshake) + " failed: unknown CA: the server's certificate is not signed by a trusted CA (" + detail + ")";
    if (mentions(detail, "certificate has expired"))
        return std::string(kTlsHandshake) + " failed: expired: the server's certificate has expired (" + detail + ")";
    if (mentions(detail, "subject name") || mentions(detail, "does not match") || mentions(detail, "match target host"))
        return std::string(kTlsHandshake) + " failed: name mismatch: the server's certificate is not for the address dialled (" + detail + ")";
    if (mentions(detail, "wrong version number") || mentions(detail, "unsupported protocol"))
        return std::string(kTlsHandshake) + " failed: protocol: " + detail;
    return std::string(kTlsHandshake) + " failed: " + (detail.empty() ? curl_easy_strerror(code) : detail);
}

} // namespace

HttpAnswer httpRequest(const PacsNode& node, const HttpRequest& request)
{
    HttpAnswer answer;
    CURL* curl = curl_easy_init();
    if (!curl) {
        answer.error = "cannot start an HTTP client";
        return answer;
    }
    curl_slist* headers = nullptr;
    for (const std::string& h : request.headers)
        headers = curl_slist_append(headers, h.c_str());
    if (!node.authorization.empty())
        headers = curl_slist_append(headers, ("Authorization: " + node.authorization).c_str());
    Transfer transfer{&request, &answer};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // Bodies of many megabytes come in 512 KB reads, as the curl tool takes them, not 16 KB.
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024);
    // HTTPS: the server checked against the system's CAs or the node's CA file (curl verifies
    // peer and host by default); our client certificate when the node has one.
    if (!node.tls.trustedCaFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, node.tls.trustedCaFile.c_str());
    if (!node.tls.certificateFile.empty()) {
        curl_easy_setopt(curl, CURLOPT_SSLCERT, node.tls.certificateFile.c_str());
        curl_easy_setopt(curl, CURLOPT_SSLKEY, node.tls.privateKeyFile.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
    const long timeoutMs = long(std::max(1.0, node.timeoutSeconds) * 1000);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    // A long download is fine; a stalled one (under 1 byte/s for the timeout) is not.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, std::max(1L, timeoutMs / 1000));
    if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
    if (answer.tooLarge) {
        answer.body.clear();
        const size_t limit = request.maxBodyBytes;
        answer.error = "the answer is larger than " +
                       (limit >= (size_t(1) << 20) ? std::to_string(limit >> 20) + " MB" : std::to_string(limit) + " bytes") + ": not read";
    } else if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && answer.cancelled)) {
        answer.reached = true;
    } else {
        answer.error = code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CACERT_BADFILE ||
                               code == CURLE_SSL_CERTPROBLEM
                           ? tlsFailure(code, detail)
                       : code == CURLE_COULDNT_CONNECT         ? "connection refused"
                       : code == CURLE_OPERATION_TIMEDOUT   ? "no answer (timeout)"
                       : code == CURLE_COULDNT_RESOLVE_HOST ? "unknown host"
                       : code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR
                           ? "the connection broke off"
                           : curl_easy_strerror(code);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return answer;
}

std::string httpFailure(const HttpAnswer& answer, const std::string& what, const std::string& url)
{
    if (!answer.reached)
        return what + " at " + url + ": " + answer.error;
    const long s = answer.status;
    return what + " at " + url + " answered HTTP " + std::to_string(s) +
           (s == 401 || s == 403 ? " (authorization refused)"
            : s == 404           ? " (not found: no DICOMweb service here, or no such study)"
                                 : "");
}

} // namespace hf
