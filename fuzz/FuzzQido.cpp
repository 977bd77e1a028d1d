// libFuzzer target over the QIDO-RS answer reader: whatever an archive sends, reading it never
// crashes and keeps its promises (at most maxResults results, only the wanted tags, a refusal
// that says why and keeps nothing), and the values it keeps are the ones a document-tree reading
// of the same answer gives (nlohmann::json's DOM, read as DICOM JSON the way the reader does).
// Input: the first byte is maxResults (0-255), the rest is the answer.
#include "QidoAnswer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using Json = nlohmann::json;

const std::set<std::string> kWanted{"00100010", "00100020", "0020000D", "00200032", "00201208"};

void fail(const char* broken)
{
    std::fprintf(stderr, "qido reader: %s\n", broken);
    std::abort();
}

// DICOM JSON as a tree: the attribute's Value elements as text joined by '\' (strings and
// numbers as written, a person name by its Alphabetic string, anything else empty).
std::string treeValue(const Json& result, const std::string& tag)
{
    const auto attribute = result.find(tag);
    if (attribute == result.end() || !attribute->is_object())
        return {};
    const auto values = attribute->find("Value");
    if (values == attribute->end() || !values->is_array())
        return {};
    std::string out;
    bool first = true;
    for (const Json& v : *values) {
        std::string one;
        if (v.is_string())
            one = v.get<std::string>();
        else if (v.is_number_unsigned())
            one = std::to_string(v.get<std::uint64_t>());
        else if (v.is_number_integer())
            one = std::to_string(v.get<std::int64_t>());
        else if (v.is_number())
            one = std::to_string(v.get<double>());
        else if (v.is_object() && v.contains("Alphabetic") && v["Alphabetic"].is_string())
            one = v["Alphabetic"].get<std::string>();
        out += (first ? "" : "\\") + one;
        first = false;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const size_t maxResults = data[0];
    const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
    const hf::QidoAnswer answer = hf::QidoAnswer::read(body, kWanted, maxResults);
    if (answer.results.size() > maxResults)
        fail("more results than the bound");
    if (!answer.ok && (answer.error.empty() || !answer.results.empty() || answer.truncated))
        fail("a refusal without a reason, or with results kept");
    if (answer.truncated && answer.results.size() != maxResults)
        fail("cut short before the bound");
    for (const auto& result : answer.results)
        for (const auto& [tag, value] : result)
            if (!kWanted.count(tag))
                fail("a tag nobody asked for was kept");

    // The same answer as a tree (small inputs only: a tree is what the reader avoids).
    if (body.size() > 65536)
        return 0;
    Json tree;
    try {
        tree = body.find_first_not_of(" \t\r\n") == std::string::npos ? Json::array() : Json::parse(body);
    } catch (const std::exception&) {
        if (answer.ok && !answer.truncated)  // cut at the bound, it never read as far as the flaw
            fail("read an answer that is not JSON");
        return 0;
    }
    if (!tree.is_array()) {
        if (answer.ok)
            fail("read JSON that is not a list");
        return 0;
    }
    if (!answer.ok)
        fail("refused a list of results");
    size_t n = 0;
    for (const Json& result : tree) {
        if (!result.is_object())
            continue;
        if (n == maxResults) {
            if (!answer.truncated)
                fail("more results than the bound, not said");
            return 0;
        }
        for (const std::string& tag : kWanted) {
            const auto kept = answer.results[n].find(tag);
            if (treeValue(result, tag) != (kept == answer.results[n].end() ? std::string() : kept->second))
                fail("a value differs from the tree's");
        }
        ++n;
    }
    if (n != answer.results.size() || answer.truncated)
        fail("a different number of results than the tree's");
    return 0;
}
