// The DICOMweb HTTP client against a small server on loopback (Python's http.server, started by
// the test on a port the system picks): an answer kept in memory is bounded, so a server that
// answers a query with an endless body cannot take the workstation's memory, and a retrieval
// answered with a web page stops within its first 64 KB and says why.
#include "DicomWebRetrieve.h"
#include "DicomWebStore.h"
#include "HttpClient.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace hf;

namespace {

// Serves requests until none comes for 2 s; prints its port first. GET /studies: a 4 MB JSON list
// (spaces); anything below it (a WADO-RS retrieval): a 4 MB web page. POST (STOW-RS): a 4 MB
// JSON answer.
constexpr const char* kServer = R"(/usr/bin/python3 -c '
import http.server
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        page = self.path.startswith("/studies/")
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if page else "application/dicom+json")
        self.end_headers()
        try:
            if page:
                self.wfile.write(b"<p>a web page, not DICOM</p>\r\n" * (4 << 15))
            else:
                self.wfile.write(b"[" + b" " * (4 << 20) + b"]")
        except (BrokenPipeError, ConnectionResetError):
            pass
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/dicom+json")
        self.end_headers()
        try:
            self.wfile.write(b"{" + b" " * (4 << 20) + b"}")
        except (BrokenPipeError, ConnectionResetError):
            pass
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Answer)
server.timeout = 2
serving = [True]
server.handle_timeout = lambda: serving.clear()
print(server.server_address[1], flush=True)
while serving:
    server.handle_request()
')";

struct TestServer {
    std::unique_ptr<FILE, int (*)(FILE*)> process{popen(kServer, "r"), pclose};
    PacsNode node;
    TestServer()
    {
        int port = 0;
        REQUIRE(process);
        REQUIRE(std::fscanf(process.get(), "%d", &port) == 1);
        node.kind = PacsNode::Kind::DicomWeb;
        node.baseUrl = "http://127.0.0.1:" + std::to_string(port);
    }
};

} // namespace

TEST_CASE("an answer larger than the bound is not read into memory, and says so", "[dicomweb]")
{
    const TestServer server;
    const PacsNode& node = server.node;
    HttpRequest request{"GET", node.baseUrl + "/studies", {"Accept: application/dicom+json"}, {}, {}};

    request.maxBodyBytes = size_t(1) << 20;
    const HttpAnswer refused = httpRequest(node, request);
    CHECK_FALSE(refused.reached);
    CHECK(refused.tooLarge);
    CHECK(refused.body.empty());
    CHECK(refused.error == "the answer is larger than 1 MB: not read");
    CHECK(httpFailure(refused, "QIDO-RS", request.url) == "QIDO-RS at " + request.url + ": the answer is larger than 1 MB: not read");

    request.maxBodyBytes = size_t(8) << 20;  // the same answer under a larger bound is read whole
    const HttpAnswer read = httpRequest(node, request);
    CHECK(read.reached);
    CHECK(read.status == 200);
    CHECK_FALSE(read.tooLarge);
    CHECK(read.body.size() == (size_t(4) << 20) + 2);
}

TEST_CASE("a retrieval answered with a web page stops within 64 KB and says why", "[dicomweb]")
{
    const TestServer server;
    const auto folder = test::scratch("wado-web-page");
    const RetrieveResult result = retrieveByWado(server.node, "1.2.3", "", folder.string(), {}, 5);
    CHECK_FALSE(result.ok);
    CHECK(result.received == 0);
    CHECK(result.message == "WADO-RS at " + server.node.baseUrl + "/studies/1.2.3: no multipart boundary in the body's first 64 KB");
    CHECK(std::filesystem::is_empty(folder));
}

TEST_CASE("a STOW-RS answer far larger than a batch's report is not read, and the batch is not counted as stored", "[dicomweb]")
{
    const TestServer server;
    const auto folder = test::scratch("stow-large-answer");
    const std::string file = (folder / "one.dcm").string();
    std::ofstream(file) << std::string(128, '\0') << "DICM";
    const SendResult result = sendByStow(server.node, {{file, "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1"}}, {});
    CHECK_FALSE(result.ok);
    CHECK(result.sent == 0);
    REQUIRE(result.failures.size() == 1);
    // 1 MB, and 16 kB for the one instance of the batch.
    CHECK(result.failures[0] == file + ": STOW-RS at " + server.node.baseUrl + "/studies: the answer is larger than 1 MB: not read");
}
