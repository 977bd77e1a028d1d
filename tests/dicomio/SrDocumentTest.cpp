// Structured reports from other producers (highdicom, dcmqi, PixelMed): the content tree and the
// TID 1500 measurement groups, checked against DCMTK's dsrdump; broken reports named.
#include "TestPaths.h"

#include "hf/dicomio/SrDocument.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

const std::string kHighdicom = (corpus() / "highdicom/data/test_files/sr_document.dcm").string();
const std::string kGroups = (corpus() / "highdicom/data/test_files/sr_document_with_multiple_groups.dcm").string();
const std::string kDcmqi = (corpus() / "tid1500-fhir/examples/dcmqi/result.dcm").string();
const std::string kPixelMed = (corpus() / "tid1500-fhir/examples/rsna2018_dataset4/1.dcm").string();

std::string dsrdump(const std::string& file)
{
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("dsrdump -Ph '" + file + "' 2>/dev/null").c_str(), "r"), pclose);
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()))
        out += buffer;
    return out;
}

size_t occurrences(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

size_t itemsIn(const std::vector<SrItem>& items)
{
    size_t n = items.size();
    for (const SrItem& i : items)
        n += itemsIn(i.children);
    return n;
}

} // namespace

TEST_CASE("highdicom's TID 1500 report: a group with its finding, area and circle on the CT image", "[dicomio][sr]")
{
    const SrDocument doc = readSrDocument(kHighdicom);
    CHECK(doc.title == "Imaging Measurement Report");
    CHECK(doc.sopClassUid == "1.2.840.10008.5.1.4.1.1.88.34");
    REQUIRE(doc.groups.size() == 1);
    const SrMeasurementGroup& g = doc.groups[0];
    CHECK(g.trackingId == "Planar ROI Measurements");
    CHECK(g.finding == "Spinal cord");
    CHECK(g.findingSite == "Cervico-thoracic spine");
    REQUIRE(g.values.size() == 1);
    CHECK(g.values[0] == "Area of defined region: 1.7 cm2");
    REQUIRE(g.regions.size() == 1);
    CHECK(g.regions[0].graphicType == "CIRCLE");
    CHECK_FALSE(g.regions[0].patientSpace);
    REQUIRE(g.regions[0].points.size() == 2);
    CHECK(g.regions[0].points[0].x == Approx(58));
    CHECK(g.regions[0].points[0].y == Approx(52));
    CHECK(g.regions[0].sopInstanceUid == "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");  // highdicom's ct_image.dcm
    // Every content item DCMTK dumps is in the tree (one "<...>" line each, the root aside).
    const std::string dump = dsrdump(kHighdicom);
    CHECK(itemsIn(doc.content) == occurrences(dump, "<") - 1);
}

TEST_CASE("every measurement group and value of other producers' reports, as dsrdump counts them", "[dicomio][sr]")
{
    for (const std::string& file : {kGroups, kDcmqi, kPixelMed}) {
        INFO(file);
        const SrDocument doc = readSrDocument(file);
        const std::string dump = dsrdump(file);
        CHECK(doc.title == "Imaging Measurement Report");
        CHECK(doc.groups.size() == occurrences(dump, "\"Measurement Group\""));
        size_t values = 0;
        for (const SrMeasurementGroup& g : doc.groups)
            values += g.values.size();
        // NUM items directly in the groups (dcmqi's image library has NUMs of its own, outside them).
        size_t dumpedValues = 0;
        for (size_t at = dump.find("\"Measurement Group\""); at != std::string::npos; at = dump.find("\"Measurement Group\"", at + 1)) {
            const size_t end = dump.find("\"Measurement Group\"", at + 1);
            const std::string group = dump.substr(at, end == std::string::npos ? std::string::npos : end - at);
            // The group's own items sit 2 spaces deeper than the group: count NUMs at that depth.
            const size_t lineStart = dump.rfind('\n', at) + 1;
            const std::string indent(dump.find('<', lineStart) - lineStart + 2, ' ');
            dumpedValues += occurrences(group, "\n" + indent + "<contains NUM:");
        }
        CHECK(values == dumpedValues);
        CHECK(values > 0);
    }
}

TEST_CASE("broken reports and other objects give errors naming the file", "[dicomio][sr]")
{
    const auto copy = scratch("sr-broken") / "sr.dcm";
    std::filesystem::copy_file(kHighdicom, copy, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("dcmodify -nb -q -m \"(0040,a040)=TEXT\" '" + copy.string() + "'").c_str()) == 0);
    CHECK_THROWS_WITH(readSrDocument(copy.string()), Catch::Contains(copy.string()) && Catch::Contains("Value Type (0040,A040)"));
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    CHECK_THROWS_WITH(readSrDocument(ct), Catch::Contains(ct) && Catch::Contains("not a structured report"));
}

namespace {

// Every NUM of the tree as "concept=value" lines, depth first.
void numbersIn(const std::vector<SrItem>& items, std::vector<std::pair<std::string, std::string>>& out)
{
    for (const SrItem& i : items) {
        if (i.valueType == "NUM")
            out.push_back({i.concept, i.value});
        numbersIn(i.children, out);
    }
}

} // namespace

TEST_CASE("a CT radiation dose report (TID 10011) reads as a document whose values are dsrdump's", "[dicomio][sr]")
{
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const std::string dose = (scratch("sr-dose") / "dose.dcm").string();
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/make-dose-sr.py' '" + ct + "' '" + dose + "'").c_str())
            == 0);
    const SrDocument doc = readSrDocument(dose);
    CHECK(doc.title == "X-Ray Radiation Dose Report");
    CHECK(doc.groups.empty());  // no TID 1500 measurement groups: shown as the document alone
    const std::string dump = dsrdump(dose);
    CHECK(itemsIn(doc.content) == occurrences(dump, "\n  ") );
    // Each NUM as dsrdump shows it (concept, value, unit) is in the tree with that value and unit.
    std::vector<std::pair<std::string, std::string>> numbers;
    numbersIn(doc.content, numbers);
    REQUIRE(numbers.size() == occurrences(dump, "NUM:"));
    for (size_t at = dump.find("NUM:(,,\""); at != std::string::npos; at = dump.find("NUM:(,,\"", at + 1)) {
        const size_t conceptStart = at + 8, conceptEnd = dump.find('"', conceptStart);
        const std::string concept = dump.substr(conceptStart, conceptEnd - conceptStart);
        const size_t valueStart = dump.find("=\"", conceptEnd) + 2, valueEnd = dump.find('"', valueStart);
        const std::string value = dump.substr(valueStart, valueEnd - valueStart);
        const size_t unitStart = dump.find('(', valueEnd) + 1, unitEnd = dump.find(',', unitStart);
        const std::string unit = dump.substr(unitStart, unitEnd - unitStart);
        INFO(concept << " = " << value << " " << unit);
        bool found = false;
        for (const auto& [c, v] : numbers)
            found = found || (c == concept && v.find(value) == 0 && v.find(unit) != std::string::npos);
        CHECK(found);
    }
}
