#pragma once
// One HTTP request with libcurl for DICOMweb: the node's timeout (for connecting and for a
// stalled transfer, not for a long download), its Authorization header (never logged), the
// body to memory or streamed to a sink that may cancel. Internal to dicomio.
#include "hf/dicomio/net/PacsNode.h"

#include <functional>
#include <string>
#include <vector>

namespace hf {

struct HttpAnswer {
    bool reached = false;  // an HTTP answer came back (whatever its status)
    long status = 0;
    std::string contentType;
    std::string body;   // when no sink was given
    std::string error;  // when not reached: in plain words
    bool cancelled = false;
    bool tooLarge = false;  // the body passed maxBodyBytes: the transfer was stopped there
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;
    std::string body;  // POST
    // Receives the body as it arrives instead of HttpAnswer::body; false cancels.
    std::function<bool(const char* data, size_t size)> sink;
    // A body kept in memory (no sink) larger than this is not read on: a server that answers a
    // query with gigabytes does not take the workstation's memory. Far above any QIDO-RS list.
    size_t maxBodyBytes = size_t(256) << 20;
};

HttpAnswer httpRequest(const PacsNode& node, const HttpRequest& request);

// "what at URL: connection refused / HTTP 404 (...)" for a failed answer.
std::string httpFailure(const HttpAnswer& answer, const std::string& what, const std::string& url);

} // namespace hf
