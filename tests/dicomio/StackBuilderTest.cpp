// Grouping, splitting and geometry on synthetic headers: every reason frames cannot share a volume.
#include "hf/dicomio/StackBuilder.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace hf;

namespace {

FrameHeader slice(int k, double z)
{
    FrameHeader h;
    h.path = "f" + std::to_string(k) + ".dcm";
    h.patientId = "P";
    h.studyUid = "1.2";
    h.seriesUid = "1.2.3";
    h.rows = h.columns = 64;
    h.bitsAllocated = h.bitsStored = 16;
    h.photometricName = "MONOCHROME2";
    h.hasPosition = true;
    h.position = {-32, -32, z};
    h.instanceNumber = k + 1;
    return h;
}

std::vector<FrameHeader> series(int count, double spacing)
{
    std::vector<FrameHeader> v;
    for (int k = 0; k < count; ++k)
        v.push_back(slice(k, k * spacing));
    std::reverse(v.begin(), v.end());  // arrival order must not matter
    return v;
}

const Series& onlySeries(const StudyTree& tree)
{
    REQUIRE(tree.patients.size() == 1);
    REQUIRE(tree.patients[0].studies.size() == 1);
    REQUIRE(tree.patients[0].studies[0].series.size() == 1);
    return tree.patients[0].studies[0].series[0];
}

bool hasWarning(const Stack& s, const std::string& start)
{
    return std::any_of(s.warnings.begin(), s.warnings.end(), [&](const std::string& w) { return w.rfind(start, 0) == 0; });
}

} // namespace

TEST_CASE("slices are sorted along the normal with spacing from positions", "[dicomio][stacks]")
{
    auto frames = series(10, 2.5);
    for (auto& f : frames)
        f.sliceThickness = 5;  // thickness is not spacing
    const StudyTree tree = StackBuilder().build(frames);
    const Series& s = onlySeries(tree);
    REQUIRE(s.stacks.size() == 1);
    const Stack& stack = s.stacks[0];
    REQUIRE(stack.geometry.slices == 10);
    REQUIRE(stack.geometry.sliceSpacing == Approx(2.5));
    for (int k = 0; k < 10; ++k)
        REQUIRE(stack.slices[size_t(k)].position.z == Approx(2.5 * k));
    REQUIRE(stack.warnings.empty());
}

TEST_CASE("frames that cannot share a volume go to separate stacks", "[dicomio][stacks]")
{
    auto frames = series(6, 2);
    SECTION("another orientation")
    {
        auto sagittal = series(4, 2);
        for (auto& f : sagittal) {
            f.rowDirection = {0, 1, 0};
            f.columnDirection = {0, 0, -1};
        }
        frames.insert(frames.end(), sagittal.begin(), sagittal.end());
    }
    SECTION("another size")
    {
        auto other = series(4, 2);
        for (auto& f : other)
            f.rows = 32;
        frames.insert(frames.end(), other.begin(), other.end());
    }
    SECTION("another pixel spacing")
    {
        auto other = series(4, 2);
        for (auto& f : other)
            f.rowSpacing = 0.5;
        frames.insert(frames.end(), other.begin(), other.end());
    }
    SECTION("another temporal position")
    {
        auto other = series(4, 2);
        for (auto& f : other)
            f.temporalPosition = 2;
        frames.insert(frames.end(), other.begin(), other.end());
    }
    SECTION("a localizer")
    {
        auto scout = series(4, 2);
        for (auto& f : scout)
            f.imageType = "ORIGINAL\\PRIMARY\\LOCALIZER";
        frames.insert(frames.end(), scout.begin(), scout.end());
    }
    SECTION("another acquisition at the same positions")
    {
        auto second = series(4, 2);
        for (auto& f : second) {
            f.acquisitionNumber = 2;
            f.path = "second-" + f.path;
        }
        frames.insert(frames.end(), second.begin(), second.end());
    }
    const StudyTree tree = StackBuilder().build(frames);
    const Series& s = onlySeries(tree);
    REQUIRE(s.stacks.size() == 2);
    // The reading stack first: the larger, and never a localizer.
    REQUIRE(s.stacks[0].geometry.slices == 6);
    REQUIRE(s.stacks[1].geometry.slices == 4);
}

TEST_CASE("gaps, duplicates and uneven spacing are reported", "[dicomio][stacks]")
{
    SECTION("missing slices")
    {
        auto frames = series(10, 2);
        frames.erase(frames.begin() + 3, frames.begin() + 5);  // two slices gone from the middle
        const StudyTree tree = StackBuilder().build(frames);
        const Stack& stack = onlySeries(tree).stacks[0];
        REQUIRE(stack.unevenSpacing);
        REQUIRE(hasWarning(stack, "uneven spacing 2.00..6.00 mm"));
        REQUIRE(hasWarning(stack, "about 2 missing slices"));
        REQUIRE(hasWarning(stack, "missing slices: 2 after image 5"));  // z 10 and 12, after the fifth image (z 8)
        REQUIRE_FALSE(hasWarning(stack, "spacing regimes"));
    }
    SECTION("spacing that changes by protocol is named as regimes, not gaps")
    {
        auto frames = series(4, 2);  // z 0, 2, 4, 6
        const FrameHeader top = *std::max_element(frames.begin(), frames.end(),
                                                  [](const FrameHeader& a, const FrameHeader& b) { return a.position.z < b.position.z; });
        for (int k = 0; k < 3; ++k) {
            auto f = top;
            f.position.z += 5 * (k + 1);  // 5 mm is no whole multiple of 2 mm
            f.sopInstanceUid += "." + std::to_string(k);
            f.path = "thick" + std::to_string(k) + ".dcm";
            frames.push_back(f);
        }
        const StudyTree tree = StackBuilder().build(frames);
        const Stack& stack = onlySeries(tree).stacks[0];
        REQUIRE(stack.geometry.slices == 7);
        REQUIRE(hasWarning(stack, "spacing regimes: 2.0 mm x 3, 5.0 mm x 3"));
        REQUIRE_FALSE(hasWarning(stack, "about"));
    }
    SECTION("duplicate positions")
    {
        auto frames = series(5, 2);
        auto copy = frames[2];
        copy.path = "copy.dcm";
        frames.push_back(copy);
        const StudyTree tree = StackBuilder().build(frames);
        const Stack& stack = onlySeries(tree).stacks[0];
        REQUIRE(stack.geometry.slices == 5);
        REQUIRE(hasWarning(stack, "1 duplicate positions dropped"));
    }
}

TEST_CASE("patients, studies and series are grouped apart", "[dicomio][stacks]")
{
    auto a = series(3, 1), b = series(3, 1), c = series(3, 1);
    for (auto& f : b)
        f.seriesUid = "1.2.4";
    for (auto& f : c) {
        f.patientId = "Q";
        f.studyUid = "9.9";
    }
    std::vector<FrameHeader> all;
    for (auto* v : {&a, &b, &c})
        all.insert(all.end(), v->begin(), v->end());
    const StudyTree tree = StackBuilder().build(all);
    REQUIRE(tree.patients.size() == 2);
    size_t series = 0;
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            series += st.series.size();
    REQUIRE(series == 3);
}
