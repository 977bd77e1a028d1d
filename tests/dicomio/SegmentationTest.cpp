// DICOM Segmentations from dcmqi and highdicom: segments, colours, masks where pydicom (another
// implementation) reads them, volumes against a count of each segment's voxels, and broken
// variants named by file and field.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SegmentationSlicing.h"
#include "hf/dicomio/StackBuilder.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace hf;
using namespace hf::test;

namespace {

const std::string kLiver = (corpus() / "dcmqi/data/segmentations/liver.dcm").string();
const std::string kOverlaps = (corpus() / "dcmqi/data/segmentations/partial_overlaps.dcm").string();
const std::string kFractional = (corpus() / "highdicom/data/test_files/seg_image_ct_true_fractional.dcm").string();
const std::string kBinaryOverlap = (corpus() / "highdicom/data/test_files/seg_image_ct_binary_overlap.dcm").string();

// Per segment, as pydicom and numpy count it: "number weighted_voxels" lines, then "spacing r c depth".
struct Counted {
    std::map<int, double> voxels;  // fractional voxels weighted by value / maximum
    double rowSpacing = 0, columnSpacing = 0, depth = 0;
};

Counted countWithPydicom(const std::string& file)
{
    const std::string script = R"(
import sys, pydicom, numpy as np
d = pydicom.dcmread(sys.argv[1])
a = d.pixel_array.astype(float)
if a.ndim == 2: a = a[None]
maximum = float(d.MaximumFractionalValue) if d.SegmentationType == 'FRACTIONAL' else 1.0
frames = d.PerFrameFunctionalGroupsSequence
shared = d.SharedFunctionalGroupsSequence[0]
iop = [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient]
normal = np.cross(iop[:3], iop[3:])
planes = sorted(set(round(float(np.dot([float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient], normal)), 3) for f in frames))
steps = sorted(b - a for a, b in zip(planes, planes[1:]))
measures = shared.PixelMeasuresSequence[0]
depth = float(getattr(measures, 'SpacingBetweenSlices', 0) or 0) or (steps[len(steps) // 2] if steps else float(measures.SliceThickness))
counts = {}
for f, frame in zip(frames, a):
    n = int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
    counts[n] = counts.get(n, 0.0) + frame.sum() / maximum
for n, c in sorted(counts.items()): print(n, repr(c))
print('spacing', float(measures.PixelSpacing[0]), float(measures.PixelSpacing[1]), depth)
)";
    const auto scriptFile = scratch("seg-pydicom") / "count.py";
    { std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(scriptFile.c_str(), "w"), std::fclose); std::fputs(script.c_str(), out.get()); }
    const std::string command = "/usr/bin/python3 '" + scriptFile.string() + "' '" + file + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string text;
    char buffer[512];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()))
        text += buffer;
    Counted c;
    std::istringstream lines(text);
    for (std::string word; lines >> word;) {
        if (word == "spacing")
            lines >> c.rowSpacing >> c.columnSpacing >> c.depth;
        else
            lines >> c.voxels[std::stoi(word)];
    }
    REQUIRE(c.depth > 0);
    return c;
}

std::string editedCopy(const std::string& source, const std::string& name, const std::string& dcmodifyArguments)
{
    const auto file = scratch("seg-" + name) / "seg.dcm";
    std::filesystem::copy_file(source, file, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("dcmodify -nb -q " + dcmodifyArguments + " '" + file.string() + "'").c_str()) == 0);
    return file.string();
}

} // namespace

TEST_CASE("dcmqi's liver SEG: one segment, its colour, its mask and its volume as pydicom counts it", "[dicomio][seg]")
{
    const Segmentation seg = readSegmentation(kLiver);
    CHECK_FALSE(seg.fractional);
    CHECK(seg.rows == 512);
    CHECK(seg.columns == 512);
    REQUIRE(seg.segments.size() == 1);
    CHECK(seg.segments[0].label == "Liver");
    CHECK(seg.frames.size() == 3);
    // CIELab (41661, 41167, 40792): a light brownish red, as dcmqi's liver colour is.
    const auto c = seg.segments[0].colour;
    CHECK(int(c[0]) > int(c[1]));
    CHECK(int(c[0]) > int(c[2]));
    CHECK(int(c[0]) > 150);
    size_t inside = 0;
    for (const SegmentFrame& f : seg.frames)
        for (std::uint8_t v : f.mask)
            inside += v == 255;
    CHECK(inside == 107098);  // pydicom's pixel_array.sum()

    const Counted counted = countWithPydicom(kLiver);
    const auto volumes = segmentVolumesMl(seg);
    CHECK(volumes.at(1) == Approx(counted.voxels.at(1) * counted.rowSpacing * counted.columnSpacing * counted.depth / 1000).epsilon(1e-6));
}

TEST_CASE("overlapping and fractional SEGs give each segment its own masks and weighted volume", "[dicomio][seg]")
{
    for (const std::string& file : {kOverlaps, kFractional, kBinaryOverlap}) {
        INFO(file);
        const Segmentation seg = readSegmentation(file);
        const Counted counted = countWithPydicom(file);
        const auto volumes = segmentVolumesMl(seg);
        REQUIRE(volumes.size() == counted.voxels.size());
        for (const auto& [number, voxels] : counted.voxels) {
            INFO("segment " << number);
            CHECK(volumes.at(number) == Approx(voxels * counted.rowSpacing * counted.columnSpacing * counted.depth / 1000).epsilon(1e-6));
        }
    }
    const Segmentation fractional = readSegmentation(kFractional);
    CHECK(fractional.fractional);
    CHECK(fractional.maximumFractionalValue == 255);
    int partial = 0;  // values between 0 and the maximum: truly fractional
    for (const SegmentFrame& f : fractional.frames)
        for (std::uint8_t v : f.mask)
            partial += v > 0 && v < 255;
    CHECK(partial > 0);
    CHECK(readSegmentation(kOverlaps).segments.size() == 5);
}

TEST_CASE("CIELab display values become the sRGB colours they name", "[dicomio][seg]")
{
    CHECK(cieLabToRgb(65535, 32896, 32896) == std::array<std::uint8_t, 3>{255, 255, 255});
    CHECK(cieLabToRgb(0, 32896, 32896) == std::array<std::uint8_t, 3>{0, 0, 0});
    // sRGB red is CIELab (53.24, 80.09, 67.20).
    const auto red = cieLabToRgb(std::uint16_t(53.24 * 655.35), std::uint16_t((80.09 + 128) * 65535 / 255), std::uint16_t((67.20 + 128) * 65535 / 255));
    CHECK(int(red[0]) >= 253);
    CHECK(int(red[1]) <= 3);
    CHECK(int(red[2]) <= 3);
}

TEST_CASE("broken SEGs: an error naming the file and the field", "[dicomio][seg]")
{
    const std::string bits = editedCopy(kLiver, "bits", "-m \"(0028,0100)=8\"");
    CHECK_THROWS_WITH(readSegmentation(bits), Catch::Contains(bits) && Catch::Contains("Bits Allocated (0028,0100)"));
    const std::string frames = editedCopy(kLiver, "frames", "-m \"(0028,0008)=9\"");
    CHECK_THROWS_WITH(readSegmentation(frames), Catch::Contains(frames) && Catch::Contains("(5200,9230)"));
    const std::string segment = editedCopy(kLiver, "segment", "-m \"(5200,9230)[1].(0062,000a)[0].(0062,000b)=7\"");
    CHECK_THROWS_WITH(readSegmentation(segment), Catch::Contains(segment) && Catch::Contains("frame 2") && Catch::Contains("(0062,000B)"));
    const std::string type = editedCopy(kLiver, "type", "-m \"(0062,0001)=LABELMAP\"");
    CHECK_THROWS_WITH(readSegmentation(type), Catch::Contains("Segmentation Type (0062,0001)"));
    // Anything after Pixel Data would be read by DCMTK unchecked: refused.
    const auto trailing = scratch("seg-trailing") / "seg.dcm";
    std::filesystem::copy_file(kBinaryOverlap, trailing, std::filesystem::copy_options::overwrite_existing);
    {
        std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(trailing.c_str(), "ab"), std::fclose);
        const unsigned char element[] = {0xfc, 0xff, 0xfc, 0xff, 'O', 'B', 0, 0, 4, 0, 0, 0, 1, 2, 3, 4};  // Data Set Trailing Padding
        std::fwrite(element, 1, sizeof element, out.get());
    }
    CHECK_THROWS_WITH(readSegmentation(trailing.string()), Catch::Contains(trailing.string()) && Catch::Contains("Pixel Data (7FE0,0010)"));
    const std::string ct = (corpus() / "dcmqi/data/segmentations/ct-3slice/01.dcm").string();
    CHECK_THROWS_WITH(readSegmentation(ct), Catch::Contains(ct) && Catch::Contains("not a Segmentation"));
}

TEST_CASE("a SEG is drawn on the slice it lies in, resampled to the slice's pixels, hidden by segment", "[dicomio][seg]")
{
    const Segmentation seg = readSegmentation(kLiver);
    const StudyTree tree = StackBuilder().build(HeaderScanner().scan({(corpus() / "dcmqi/data/segmentations/ct-3slice").string()}).frames);
    REQUIRE(tree.firstStack());
    const StackGeometry& ct = tree.firstStack()->geometry;
    REQUIRE(ct.slices == 3);
    for (int k = 0; k < 3; ++k) {
        INFO("slice " << k);
        const SlicePlane plane = SlicePlane::of(ct, k);
        // The SEG frame in this plane, counted directly.
        long long expected = 0;
        for (const SegmentFrame& f : seg.frames)
            if (std::abs((f.position - plane.origin).dot(plane.normal)) < 0.01)
                for (std::uint8_t v : f.mask)
                    expected += v == 255;
        REQUIRE(expected > 0);
        const SegmentationLayer layer = segmentationLayer(seg, plane, ct.sliceSpacing / 2, {}, 0.5);
        REQUIRE(layer.rgba.size() == size_t(plane.columns) * size_t(plane.rows) * 4);
        CHECK(layer.pixels.at(1) == expected);  // the SEG is on the CT's grid: pixel for pixel
        long long coloured = 0, otherwise = 0;  // at half opacity in the segment's colour, or not
        for (size_t p = 3; p < layer.rgba.size(); p += 4)
            if (layer.rgba[p]) {
                ++coloured;
                otherwise += layer.rgba[p] != 128 || layer.rgba[p - 3] != seg.segments[0].colour[0]
                             || layer.rgba[p - 2] != seg.segments[0].colour[1] || layer.rgba[p - 1] != seg.segments[0].colour[2];
            }
        CHECK(coloured == expected);
        CHECK(otherwise == 0);
        CHECK(segmentationLayer(seg, plane, ct.sliceSpacing / 2, {1}, 0.5).rgba.empty());  // hidden
    }
    // A finer grid over the same plane (half the pixel size): each SEG pixel covers four.
    SlicePlane finer = SlicePlane::of(ct, 1);
    finer.columns *= 2;
    finer.rows *= 2;
    finer.columnSpacing /= 2;
    finer.rowSpacing /= 2;
    finer.origin = finer.origin - finer.rowDirection * (finer.columnSpacing / 2) - finer.columnDirection * (finer.rowSpacing / 2);
    const SegmentationLayer coarse = segmentationLayer(seg, SlicePlane::of(ct, 1), ct.sliceSpacing / 2, {}, 1.0);
    const SegmentationLayer fine = segmentationLayer(seg, finer, ct.sliceSpacing / 2, {}, 1.0);
    CHECK(double(fine.pixels.at(1)) == Approx(4.0 * double(coarse.pixels.at(1))).epsilon(0.01));
}

TEST_CASE("a SEG on a plane at an angle (MPR): each pixel takes the voxel of the frame that holds it", "[dicomio][seg]")
{
    const Segmentation seg = readSegmentation(kLiver);
    const double depth = segmentFrameDepth(seg);
    REQUIRE(depth > 0);
    // The frames in order along their normal.
    std::vector<const SegmentFrame*> frames;
    for (const SegmentFrame& f : seg.frames)
        frames.push_back(&f);
    std::sort(frames.begin(), frames.end(), [&](auto a, auto b) { return a->position.dot(seg.normal()) < b->position.dot(seg.normal()); });
    REQUIRE(frames.size() >= 2);
    // The column of the mask with the most liver in the middle frame.
    const SegmentFrame& middle = *frames[frames.size() / 2];
    int column = 0;
    long long best = -1;
    for (int c = 0; c < seg.columns; ++c) {
        long long n = 0;
        for (int r = 0; r < seg.rows; ++r)
            n += middle.mask[size_t(r) * size_t(seg.columns) + size_t(c)] != 0;
        if (n > best)
            best = n, column = c;
    }
    REQUIRE(best > 0);
    // A plane across the frames through that column, one pixel per voxel: down the mask's
    // columns, and from frame to frame along the normal.
    SlicePlane across;
    across.origin = frames.front()->position + seg.rowDirection * (column * seg.columnSpacing);
    across.rowDirection = seg.columnDirection;
    across.columnDirection = seg.normal();
    across.normal = across.rowDirection.cross(across.columnDirection);
    across.columnSpacing = seg.rowSpacing;
    across.rowSpacing = depth;
    across.columns = seg.rows;
    across.rows = int(frames.size());
    const SegmentationLayer layer = segmentationLayer(seg, across, 0.5, {}, 1.0);
    REQUIRE(layer.rgba.size() == size_t(across.columns) * size_t(across.rows) * 4);
    long long expected = 0, mismatched = 0;
    for (int j = 0; j < across.rows; ++j)
        for (int i = 0; i < across.columns; ++i) {
            const bool inside = frames[size_t(j)]->mask[size_t(i) * size_t(seg.columns) + size_t(column)] != 0;
            expected += inside;
            mismatched += inside != (layer.rgba[(size_t(j) * size_t(across.columns) + size_t(i)) * 4 + 3] != 0);
        }
    CHECK(layer.pixels.at(1) == expected);
    CHECK(mismatched == 0);
    // Beyond the last frame's depth nothing is drawn; hidden segments are not drawn.
    SlicePlane beyond = across;
    beyond.origin = across.origin + across.columnDirection * (depth * double(frames.size()));
    CHECK(segmentationLayer(seg, beyond, 0.5, {}, 1.0).rgba.empty());
    CHECK(segmentationLayer(seg, across, 0.5, {1}, 1.0).rgba.empty());
}
