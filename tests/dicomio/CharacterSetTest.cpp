// Names in every character set of pydicom's charset files come out as the UTF-8 pydicom gives
// (tests/reference/charset-names.tsv, made by tests/reference/make-charset-names.py).
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace hf;
using namespace hf::test;

TEST_CASE("patient names in every character set decode to the expected UTF-8", "[dicomio][charset]")
{
    std::ifstream in(std::filesystem::path(HF_SOURCE_DIR) / "tests/reference/charset-names.tsv");
    std::string line;
    std::getline(in, line);
    int files = 0;
    while (std::getline(in, line)) {
        const std::string file = line.substr(0, line.find('\t'));
        const std::string expected = line.substr(line.find('\t') + 1);
        ++files;
        DYNAMIC_SECTION(file)
        {
            const auto path = std::filesystem::path("/usr/lib/python3/dist-packages/pydicom/data/charset_files") / file;
            const ScanResult scan = HeaderScanner(1).scan({path.string()});
            REQUIRE(scan.errors.empty());
            REQUIRE(scan.frames.size() == 1);
            REQUIRE(scan.frames[0].patientName == expected);
        }
    }
    REQUIRE(files >= 15);
}
