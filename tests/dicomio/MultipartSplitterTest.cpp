// The WADO-RS multipart splitter: parts come out byte for byte whatever the chunking of the
// stream, non-DICOM parts and a part cut short by the end of the stream are dropped, and a part
// is under a ".part" name until it is whole.
#include "MultipartSplitter.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace hf;

namespace {

std::string fakeDicom(const std::string& payload) { return std::string(128, '\0') + "DICM" + payload; }

std::string readFile(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("multipart bodies split into the same parts whatever the chunk size", "[wado]")
{
    const std::string boundary = "b0und4ry";
    // Near misses of the delimiter inside the payloads.
    const std::string a = fakeDicom("first\r\n--b0und4r\r\n--x"), b = fakeDicom(std::string(5000, 'z') + "\r\n-");
    const std::string body = "\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n" + a + "\r\n--" + boundary +
                             "\r\nContent-Type: text/plain\r\n\r\nnot dicom\r\n--" + boundary +
                             "\r\nContent-Type: application/dicom\r\nContent-Length: 5000\r\n\r\n" + b + "\r\n--" + boundary + "--\r\n";
    for (size_t chunk : {size_t(1), size_t(2), size_t(3), size_t(7), size_t(13), size_t(64), size_t(4096), body.size()}) {
        INFO("chunk " << chunk);
        const auto folder = test::scratch("multipart-" + std::to_string(chunk));
        MultipartSplitter splitter(folder.string());
        for (size_t at = 0; at < body.size(); at += chunk)
            REQUIRE(splitter.feed(body.data() + at, std::min(chunk, body.size() - at)));
        splitter.finish();
        CHECK(splitter.sawBoundary());
        CHECK(splitter.parts() == 2);
        CHECK(splitter.unusable() == 1);
        CHECK(readFile(folder / "wado-1.dcm") == a);
        CHECK_FALSE(std::filesystem::exists(folder / "wado-2.dcm"));
        CHECK(readFile(folder / "wado-3.dcm") == b);
    }
    // Cut short inside the second DICOM part: the first stays, the unfinished one goes.
    const auto folder = test::scratch("multipart-cut");
    MultipartSplitter splitter(folder.string());
    const size_t cut = body.find(b) + 100;
    REQUIRE(splitter.feed(body.data(), cut));
    // Whoever watches the folder while it streams (the cache, indexing as instances arrive) sees
    // the unfinished part only under its ".part" name.
    CHECK(std::filesystem::exists(folder / "wado-1.dcm"));
    CHECK(std::filesystem::exists(folder / "wado-3.dcm.part"));
    CHECK_FALSE(std::filesystem::exists(folder / "wado-3.dcm"));
    splitter.finish();
    CHECK_FALSE(std::filesystem::exists(folder / "wado-3.dcm.part"));
    CHECK(splitter.parts() == 1);
    CHECK(splitter.unusable() == 2);
    CHECK_FALSE(std::filesystem::exists(folder / "wado-3.dcm"));
}

TEST_CASE("a multipart part that cannot be written stops the split", "[wado]")
{
    // The folder is gone (a full or removed cache): the first part says so instead of being lost quietly.
    const auto folder = test::scratch("multipart-nowhere") / "missing";
    MultipartSplitter splitter(folder.string());
    const std::string body = "--b\r\nContent-Type: application/dicom\r\n\r\n" + fakeDicom("x") + "\r\n--b--\r\n";
    CHECK_FALSE(splitter.feed(body.data(), body.size()));
    CHECK(splitter.parts() == 0);
}

TEST_CASE("a body that is not multipart, or a part whose headers never end, is refused within 64 KB", "[wado]")
{
    // A broken or hostile server must not make the splitter hold what it sends: it stops at
    // the bound and says why, and nothing is left in the folder.
    auto feedUntilRefused = [](MultipartSplitter& splitter, const std::string& body) {
        size_t fed = 0;
        for (; fed < body.size(); fed += 4096)
            if (!splitter.feed(body.data() + fed, std::min<size_t>(4096, body.size() - fed)))
                return fed + 4096;
        return size_t(0);  // never refused
    };
    const size_t bound = MultipartSplitter::kMaxHeadBytes;
    SECTION("no line break at all")
    {
        const auto folder = test::scratch("multipart-no-lines");
        MultipartSplitter splitter(folder.string());
        const size_t refusedBy = feedUntilRefused(splitter, std::string(4 * bound, 'x'));
        CHECK(refusedBy > 0);
        CHECK(refusedBy <= bound + 4096);
        CHECK(splitter.error() == "no multipart boundary in the body's first 64 KB");
        CHECK_FALSE(splitter.sawBoundary());
        CHECK(std::filesystem::is_empty(folder));
    }
    SECTION("lines, none of them a delimiter (an HTML page)")
    {
        const auto folder = test::scratch("multipart-html");
        MultipartSplitter splitter(folder.string());
        std::string page;
        while (page.size() < 4 * bound)
            page += "<p>not a multipart body</p>\r\n";
        const size_t refusedBy = feedUntilRefused(splitter, page);
        CHECK(refusedBy > bound - 4096);
        CHECK(refusedBy <= bound + 4096);
        CHECK(splitter.error() == "no multipart boundary in the body's first 64 KB");
    }
    SECTION("a part's headers that never end")
    {
        const auto folder = test::scratch("multipart-endless-headers");
        MultipartSplitter splitter(folder.string());
        std::string body = "--b\r\nContent-Type: application/dicom\r\n\r\n" + fakeDicom("x") + "\r\n--b\r\nX-Padding: ";
        body += std::string(4 * bound, 'p');
        const size_t refusedBy = feedUntilRefused(splitter, body);
        CHECK(refusedBy > bound);
        CHECK(refusedBy <= 2 * bound);
        CHECK(splitter.error() == "the headers of part 2 are longer than 64 KB");
        splitter.finish();
        CHECK(splitter.parts() == 1);  // the whole part before it stays
        CHECK(readFile(folder / "wado-1.dcm") == fakeDicom("x"));
    }
    SECTION("a preamble and headers just under the bound are fine")
    {
        const auto folder = test::scratch("multipart-long-preamble");
        MultipartSplitter splitter(folder.string());
        const std::string preamble = std::string(bound - 2000, 'a') + "\r\n";
        const std::string body = preamble + "--b\r\nX-Long: " + std::string(bound - 100, 'h') + "\r\n\r\n" + fakeDicom("y") + "\r\n--b--\r\n";
        CHECK(feedUntilRefused(splitter, body) == 0);
        splitter.finish();
        CHECK(splitter.parts() == 1);
        CHECK(splitter.error().empty());
    }
    SECTION("sent a byte at a time, the same bounds hold to the byte")
    {
        // Each byte resumes the search where the last one stopped (a CR may end one piece and
        // its LF begin the next).
        const std::string preamble = std::string(bound - 2000, 'a') + "\r\n";
        const std::string head = "--b\r\nX-Long: " + std::string(bound - 100, 'h') + "\r\n\r\n";
        const std::string good = preamble + head + fakeDicom("z") + "\r\n--b--\r\n";
        const auto folder = test::scratch("multipart-bytewise");
        MultipartSplitter splitter(folder.string());
        size_t accepted = 0;
        while (accepted < good.size() && splitter.feed(&good[accepted], 1))
            ++accepted;
        CHECK(accepted == good.size());
        splitter.finish();
        CHECK(splitter.parts() == 1);
        CHECK(readFile(folder / "wado-1.dcm") == fakeDicom("z"));

        const std::string endless = preamble + "--b\r\nX-Padding: " + std::string(2 * bound, 'p');
        MultipartSplitter refusing(test::scratch("multipart-bytewise-endless").string());
        size_t fed = 0;
        while (fed < endless.size() && refusing.feed(&endless[fed], 1))
            ++fed;
        // Refused at the byte that makes the headers longer than the bound, not later.
        CHECK(fed == preamble.size() + 5 + bound);
        CHECK(refusing.error() == "the headers of part 1 are longer than 64 KB");
    }
}
