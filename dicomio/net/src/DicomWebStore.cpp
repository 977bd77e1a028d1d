#include "DicomWebStore.h"

#include "HttpClient.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace hf {
namespace {

constexpr size_t kBatchBytes = 32u << 20;  // one request carries up to about 32 MB
constexpr size_t kAnswerBytes = 1u << 20, kAnswerBytesPerInstance = 16u << 10;
const std::string kBoundary = "hounsfield-stow-7d3f9a2c1b";

int sequenceSize(const nlohmann::json& answer, const char* tag)
{
    const auto it = answer.find(tag);
    if (it == answer.end() || !it->is_object() || !it->contains("Value") || !(*it)["Value"].is_array())
        return 0;
    return int((*it)["Value"].size());
}

} // namespace

SendResult sendByStow(const PacsNode& node, const std::vector<SendItem>& items, const SendProgress& progress)
{
    SendResult result;
    const std::string url = node.baseUrl + "/studies";
    size_t next = 0;
    while (next < items.size()) {
        std::string body;
        std::vector<const SendItem*> batch;
        while (next < items.size() && (batch.empty() || body.size() < kBatchBytes)) {
            const SendItem& item = items[next++];
            std::ifstream in(item.path, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!in.good() && !in.eof()) {
                result.failures.push_back(item.path + ": cannot read");
                continue;
            }
            body += "--" + kBoundary + "\r\nContent-Type: application/dicom\r\n\r\n";
            body += bytes;
            body += "\r\n";
            batch.push_back(&item);
        }
        if (batch.empty())
            continue;
        body += "--" + kBoundary + "--\r\n";
        HttpRequest request{"POST", url,
                            {"Content-Type: multipart/related; type=\"application/dicom\"; boundary=" + kBoundary,
                             "Accept: application/dicom+json"},
                            std::move(body),
                            {}};
        // The answer is read as a document tree (~30 times its size in memory): a server's answer
        // for a batch is a few hundred bytes an instance, never megabytes.
        request.maxBodyBytes = kAnswerBytes + batch.size() * kAnswerBytesPerInstance;
        const HttpAnswer answer = httpRequest(node, request);
        if (!answer.reached || (answer.status != 200 && answer.status != 202)) {
            result.message = httpFailure(answer, "STOW-RS", url);
            for (const SendItem* item : batch)
                result.failures.push_back(item->path + ": " + result.message);
            return result;
        }
        int stored = int(batch.size()), failed = 0;
        try {
            const nlohmann::json json = nlohmann::json::parse(answer.body);
            stored = sequenceSize(json, "00081199");
            failed = sequenceSize(json, "00081198");
        } catch (const std::exception&) {
            // A 200 without a readable body: every instance of the batch was stored.
        }
        result.sent += stored;
        if (failed > 0)
            result.failures.push_back(std::to_string(failed) + " instances refused by " + url + " (HTTP " +
                                      std::to_string(answer.status) + ")");
        if (progress && !progress(result.sent, int(items.size())) && next < items.size()) {
            result.cancelled = true;
            break;
        }
    }
    result.ok = result.failures.empty() && !result.cancelled;
    result.message = std::to_string(result.sent) + " of " + std::to_string(items.size()) + " instances stored at " + node.baseUrl +
                     " by STOW-RS" + (result.cancelled ? " (cancelled)" : "");
    return result;
}

} // namespace hf
