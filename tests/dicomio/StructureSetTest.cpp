// RT Structure Sets from other producers (MIM, rt-utils): ROIs with names, colours and contours
// as the file has them (checked against DCMTK's dump), broken variants named by file and field,
// and the contours cut by a slice plane as a view draws them.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/StructureSet.h"
#include "hf/dicomio/StructureSlicing.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

const std::filesystem::path kMockData = corpus() / "rt-utils/tests/mock_data";
const std::string kMim = (kMockData / "non_existent_reference_rt.dcm").string();  // MIM 7.0.3, the CT's Frame of Reference

std::string run(const std::string& command)
{
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()))
        out += buffer;
    return out;
}

// A copy of the MIM file edited by DCMTK's dcmodify (another implementation).
std::string editedCopy(const std::string& name, const std::string& dcmodifyArguments)
{
    const auto file = scratch("rtstruct-" + name) / "rt.dcm";
    std::filesystem::copy_file(kMim, file, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("dcmodify -nb -q " + dcmodifyArguments + " '" + file.string() + "'").c_str()) == 0);
    return file.string();
}

const Stack& ctStack(const StudyTree& tree)
{
    REQUIRE(tree.firstStack());
    return *tree.firstStack();
}

} // namespace

TEST_CASE("a MIM structure set gives its ROIs, colours and contours as DCMTK reads them", "[dicomio][rtstruct]")
{
    const StructureSet set = readStructureSet(kMim);
    CHECK(set.warnings.empty());
    CHECK(set.label == "RTstruct");
    REQUIRE(set.rois.size() == 4);
    for (int i = 0; i < 4; ++i) {
        CHECK(set.rois[size_t(i)].number == i + 1);
        CHECK(set.rois[size_t(i)].name == "ROI-" + std::to_string(i + 1));
        CHECK(set.rois[size_t(i)].contours.size() == 3);  // at z 70, 65 and 60 mm
    }
    CHECK(set.rois[0].colour == std::array<std::uint8_t, 3>{255, 0, 255});
    CHECK(set.rois[1].colour == std::array<std::uint8_t, 3>{0, 235, 235});
    const StructureContour& first = set.rois[0].contours[0];
    CHECK(first.type == StructureContour::Type::ClosedPlanar);
    REQUIRE(first.points.size() == 55);
    CHECK(first.points[0].x == Approx(-50.049));
    CHECK(first.points[0].y == Approx(-42.481));
    CHECK(first.points[0].z == Approx(70));
    // Every point DCMTK dumps is there.
    size_t dumped = 0;
    for (const std::string& line : {run("dcmdump -q +L +P 3006,0046 '" + kMim + "'")}) {
        size_t at = 0;
        while ((at = line.find("IS [", at)) != std::string::npos) {
            dumped += std::stoul(line.substr(at + 4));
            at += 4;
        }
    }
    size_t read = 0;
    for (const StructureRoi& roi : set.rois)
        for (const StructureContour& c : roi.contours)
            read += c.points.size();
    CHECK(read == dumped);
    CHECK(read > 1000);

    // Same Frame of Reference as the CT it was drawn on.
    const ScanResult ct = HeaderScanner().scan({(kMockData / "ct_1.dcm").string()});
    REQUIRE(ct.frames.size() == 1);
    CHECK(set.frameOfReferenceUid == ct.frames[0].frameOfReferenceUid);
    CHECK(set.rois[0].frameOfReferenceUid == ct.frames[0].frameOfReferenceUid);
    // rt-utils' own file names another Frame of Reference (the viewer must not draw it on this CT).
    const StructureSet other = readStructureSet((kMockData / "rt.dcm").string());
    CHECK(other.frameOfReferenceUid != ct.frames[0].frameOfReferenceUid);
    REQUIRE(other.rois.size() == 1);
    CHECK(other.rois[0].colour == std::array<std::uint8_t, 3>{162, 136, 95});
}

TEST_CASE("broken structure sets: a contour that disagrees with its count is left out by name, a missing module is an error", "[dicomio][rtstruct]")
{
    SECTION("Number of Contour Points one short")
    {
        const std::string file = editedCopy("count", "-m \"(3006,0039)[0].(3006,0040)[0].(3006,0046)=54\"");
        const StructureSet set = readStructureSet(file);
        REQUIRE(set.warnings.size() == 1);
        CHECK(set.warnings[0].find("ROI 1 'ROI-1' contour 1") != std::string::npos);
        CHECK(set.warnings[0].find("(3006,0050) holds 165 values") != std::string::npos);
        CHECK(set.warnings[0].find("(3006,0046) says 54") != std::string::npos);
        CHECK(set.rois[0].contours.size() == 2);  // the others stay
        CHECK(set.rois[1].contours.size() == 3);
    }
    SECTION("contours for an ROI the set does not name")
    {
        const std::string file = editedCopy("unnamed", "-m \"(3006,0039)[1].(3006,0084)=9\"");
        const StructureSet set = readStructureSet(file);
        REQUIRE(set.warnings.size() == 1);
        CHECK(set.warnings[0].find("contours for ROI 9") != std::string::npos);
        CHECK(set.rois[1].contours.empty());
    }
    SECTION("no Structure Set ROI Sequence")
    {
        const std::string file = editedCopy("noroi", "-e \"(3006,0020)\"");
        CHECK_THROWS_WITH(readStructureSet(file), Catch::Contains(file) && Catch::Contains("Structure Set ROI Sequence (3006,0020)"));
    }
    SECTION("an image, a text file")
    {
        const std::string ct = (kMockData / "ct_1.dcm").string();
        CHECK_THROWS_WITH(readStructureSet(ct), Catch::Contains(ct) && Catch::Contains("not an RT Structure Set"));
        const auto text = scratch("rtstruct-text") / "notes.txt";
        std::ofstream(text) << "not DICOM at all\n";
        CHECK_THROWS_WITH(readStructureSet(text.string()), Catch::Contains(text.string()) && Catch::Contains("not a DICOM file"));
    }
}

TEST_CASE("a slice plane cuts the contours: whole in its own plane, segments across it", "[dicomio][rtstruct]")
{
    const StructureSet set = readStructureSet(kMim);
    const StudyTree tree = StackBuilder().build(HeaderScanner().scan({kMockData.string()}).frames);
    const Stack& ct = ctStack(tree);
    REQUIRE(ct.geometry.slices == 2);  // z 60 and 65

    // The axial CT slice at z 65: each ROI's contour at 65 whole, nothing of 60 or 70.
    const SlicePlane at65 = SlicePlane::of(ct.geometry, 1);
    REQUIRE(at65.origin.z == Approx(65));
    const auto cuts = cutStructures(set, at65, ct.geometry.sliceSpacing / 2);
    REQUIRE(cuts.size() == 4);
    for (const StructureCut& cut : cuts) {
        CHECK(cut.shape == StructureCut::Shape::Closed);
        for (const Vec3& p : cut.points)
            CHECK(p.z == Approx(65));
    }
    CHECK(cuts[0].roiNumber == 1);
    CHECK(cuts[0].points.size() == set.rois[0].contours[1].points.size());  // the 130-point contour

    // A sagittal plane through ROI 1 (x from about -50 to -33 mm): one segment per contour it
    // crosses, each at the plane's x, within the contour's extent in y, at the contour's z.
    SlicePlane sagittal;
    sagittal.origin = {-45, 0, 0};
    sagittal.normal = {1, 0, 0};
    sagittal.rowDirection = {0, 1, 0};
    sagittal.columnDirection = {0, 0, -1};
    const auto across = cutStructures(set, sagittal, 0.25);
    std::set<double> roi1Planes;
    for (const StructureCut& cut : across) {
        CHECK(cut.shape == StructureCut::Shape::Open);
        REQUIRE(cut.points.size() == 2);
        CHECK(cut.points[0].x == Approx(-45));
        CHECK(cut.points[1].x == Approx(-45));
        CHECK(cut.points[0].z == Approx(cut.points[1].z));
        if (cut.roiNumber != 1)
            continue;
        roi1Planes.insert(cut.points[0].z);
        // Inside the contour it cuts: the segment's middle is inside that polygon (even-odd rule).
        const Vec3 middle = (cut.points[0] + cut.points[1]) * 0.5;
        const StructureContour* cutContour = nullptr;
        for (const StructureContour& c : set.rois[0].contours)
            if (c.points[0].z == Approx(middle.z))
                cutContour = &c;
        REQUIRE(cutContour);
        bool inside = false;
        const auto& poly = cutContour->points;
        for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
            if ((poly[i].y > middle.y) != (poly[j].y > middle.y)
                && middle.x < (poly[j].x - poly[i].x) * (middle.y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x)
                inside = !inside;
        CHECK(inside);
    }
    CHECK(roi1Planes.size() == 3);  // its contours at 60, 65 and 70 mm are all cut
}
