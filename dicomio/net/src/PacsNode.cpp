#include "hf/dicomio/net/PacsNode.h"

#include "DicomWebRequest.h"
#include "DimseEcho.h"

#include <chrono>
#include <regex>

namespace hf {

std::string nodeAddress(const PacsNode& node)
{
    if (node.kind == PacsNode::Kind::DicomWeb)
        return node.baseUrl;
    return node.calledAeTitle + "@" + node.host + ":" + std::to_string(node.port);
}

std::string nodeLabel(const PacsNode& node)
{
    return node.name.empty() ? nodeAddress(node) : node.name;
}

std::optional<PacsNode> parsePacsNode(const std::string& text, std::string& reason)
{
    PacsNode node;
    node.name = text;
    if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0) {
        node.kind = PacsNode::Kind::DicomWeb;
        node.baseUrl = text;
        while (!node.baseUrl.empty() && node.baseUrl.back() == '/')
            node.baseUrl.pop_back();
        return node;
    }
    static const std::regex dimse(R"(^([^@\\]{1,16})@([A-Za-z0-9.\-]+):(\d{1,5})$)");
    std::smatch m;
    if (!std::regex_match(text, m, dimse)) {
        reason = "'" + text + "' is neither AET@HOST:PORT nor an http(s) URL";
        return std::nullopt;
    }
    node.calledAeTitle = m[1];
    node.host = m[2];
    node.port = std::stoi(m[3]);
    if (node.port < 1 || node.port > 65535) {
        reason = "port " + std::string(m[3]) + " is not between 1 and 65535";
        return std::nullopt;
    }
    return node;
}

EchoResult echo(const PacsNode& node)
{
    const auto start = std::chrono::steady_clock::now();
    EchoResult r = node.kind == PacsNode::Kind::Dimse ? dimseEcho(node) : dicomWebPing(node);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

} // namespace hf
