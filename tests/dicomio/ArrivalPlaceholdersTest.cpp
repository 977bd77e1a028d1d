// A series shown while it arrives: the slices still to come stand at their own places, so the
// stack has its whole length and geometry, and the slices that are here are exactly as loaded
// whole.
#include "PhantomFixture.h"

#include "hf/dicomio/ArrivalPlaceholders.h"
#include "hf/dicomio/net/SeriesInstances.h"

#include <catch2/catch.hpp>

#include <set>

using namespace hf;
using namespace hf::test;

namespace {

std::vector<ExpectedInstance> listedByArchive(const std::vector<FrameHeader>& all)
{
    std::vector<ExpectedInstance> listed;
    for (const FrameHeader& f : all)
        listed.push_back({f.sopInstanceUid, f.instanceNumber, true, f.position, true, f.rowDirection, f.columnDirection});
    return listed;
}

} // namespace

TEST_CASE("slices still to come keep their places: the stack has its whole geometry, what arrived is exact", "[dicomio][arrival]")
{
    const LoadedPhantom whole = writeAndLoad(smallPhantom(), "arrival-whole");
    REQUIRE(whole.loaded.volume);
    const Stack& wholeStack = *whole.tree.firstStack();
    const std::vector<FrameHeader> all = wholeStack.slices;  // sorted along the normal
    REQUIRE(all.size() == 12);

    // Slices 0, 3, 4 and 9 (by position) have arrived; the archive listed all twelve.
    const std::set<size_t> arrivedAt{0, 3, 4, 9};
    std::vector<FrameHeader> arrived;
    for (size_t k : arrivedAt)
        arrived.push_back(all[k]);
    const std::string seriesUid = all[0].seriesUid;
    const std::vector<FrameHeader> standIns = arrivalPlaceholders(arrived, seriesUid, listedByArchive(all));
    REQUIRE(standIns.size() == 8);
    for (const FrameHeader& s : standIns) {
        CHECK(s.toCome);
        CHECK(s.path.empty());
    }

    std::vector<FrameHeader> frames = arrived;
    frames.insert(frames.end(), standIns.begin(), standIns.end());
    const StudyTree tree = StackBuilder().build(frames);
    const Stack* stack = tree.firstStack();
    REQUIRE(stack);
    const StackGeometry& g = stack->geometry;
    const StackGeometry& w = wholeStack.geometry;
    CHECK(g.slices == 12);
    CHECK(g.sliceSpacing == Approx(w.sliceSpacing));
    CHECK((g.origin - w.origin).norm() < 1e-6);
    CHECK(stack->warnings.empty());  // no "missing slices" or uneven spacing

    const LoadResult partial = VolumeLoader().load(*stack);
    REQUIRE(partial.errors.empty());
    REQUIRE(partial.volume);
    const Volume& v = *partial.volume;
    REQUIRE(v.slicesToCome.size() == 12);
    const Volume& full = *whole.loaded.volume;
    for (int k = 0; k < 12; ++k) {
        CAPTURE(k);
        CHECK(v.sliceSopInstanceUids[size_t(k)] == all[size_t(k)].sopInstanceUid);
        const bool here = arrivedAt.count(size_t(k)) > 0;
        CHECK(v.sliceToCome(k) == !here);
        size_t differing = 0;
        double lowest = 1e30, highest = -1e30;
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i) {
                differing += v.valueAt(i, j, k) != full.valueAt(i, j, k);
                lowest = std::min(lowest, v.valueAt(i, j, k));
                highest = std::max(highest, v.valueAt(i, j, k));
            }
        if (here) {
            CHECK(differing == 0);
        } else {
            CHECK(lowest == highest);  // one flat value, below anything the phantom holds
            CHECK(lowest < -1000);
        }
    }
}

TEST_CASE("no stand-ins where their places are unknown or ambiguous", "[dicomio][arrival]")
{
    const LoadedPhantom whole = writeAndLoad(smallPhantom(), "arrival-unknown");
    const std::vector<FrameHeader> all = whole.tree.firstStack()->slices;
    const std::string seriesUid = all[0].seriesUid;
    const std::vector<FrameHeader> arrived{all[2], all[5]};
    std::vector<ExpectedInstance> listed = listedByArchive(all);

    SECTION("the archive gave no position for one")
    {
        listed[7].hasPosition = false;
        CHECK(arrivalPlaceholders(arrived, seriesUid, listed).empty());
    }
    SECTION("two listed instances at one place (several stacks)")
    {
        listed[7].position = listed[8].position;
        CHECK(arrivalPlaceholders(arrived, seriesUid, listed).empty());
    }
    SECTION("an orientation that is not the arrived image's")
    {
        listed[7].rowDirection = {0, 1, 0};
        listed[7].columnDirection = {0, 0, -1};
        CHECK(arrivalPlaceholders(arrived, seriesUid, listed).empty());
    }
    SECTION("nothing of the series here yet")
    {
        CHECK(arrivalPlaceholders(arrived, "1.2.3.4", listed).empty());
    }
    SECTION("everything listed is here")
    {
        CHECK(arrivalPlaceholders(all, seriesUid, listed).empty());
    }
}

TEST_CASE("an archive's position and orientation text is read as numbers, malformed text is refused", "[dicomio][arrival]")
{
    Vec3 p, r, c;
    REQUIRE(parseTriple("-125.5\\-130\\42.25", p));
    CHECK(p.x == -125.5);
    CHECK(p.y == -130);
    CHECK(p.z == 42.25);
    CHECK_FALSE(parseTriple("1\\2", p));
    CHECK_FALSE(parseTriple("1\\2\\3\\4", p));
    CHECK_FALSE(parseTriple("a\\b\\c", p));
    CHECK_FALSE(parseTriple("", p));
    REQUIRE(parseOrientation("1\\0\\0\\0\\1\\0", r, c));
    CHECK(r.x == 1);
    CHECK(c.y == 1);
    CHECK_FALSE(parseOrientation("1\\0\\0\\0\\1", r, c));
}

TEST_CASE("a reload of an arriving series is told from another series: same grid and frame, stand-ins before", "[dicomio][arrival]")
{
    StackGeometry g;
    g.columns = g.rows = 4;
    g.slices = 3;
    Volume arriving(g, VoxelType::Int16);
    arriving.frameOfReferenceUid = "1.2.3";
    arriving.slicesToCome = {false, true, true};
    Volume fuller(g, VoxelType::Int16);
    fuller.frameOfReferenceUid = "1.2.3";
    fuller.slicesToCome = {false, false, true};
    Volume whole(g, VoxelType::Int16);
    whole.frameOfReferenceUid = "1.2.3";
    CHECK(fillsIn(arriving, fuller));
    CHECK(fillsIn(fuller, whole));
    // Nothing was still to come: an ordinary reload or another series, the views start over.
    CHECK_FALSE(fillsIn(whole, whole));
    Volume otherFrame(g, VoxelType::Int16);
    otherFrame.frameOfReferenceUid = "1.2.4";
    CHECK_FALSE(fillsIn(arriving, otherFrame));
    // The same frame, another grid or voxel type: another stack.
    auto inFrame = [](StackGeometry geometry, VoxelType type) {
        Volume v(geometry, type);
        v.frameOfReferenceUid = "1.2.3";
        return v;
    };
    StackGeometry moved = g;
    moved.origin = {0, 0, 5};
    CHECK_FALSE(fillsIn(arriving, inFrame(moved, VoxelType::Int16)));
    StackGeometry longer = g;
    longer.slices = 4;
    CHECK_FALSE(fillsIn(arriving, inFrame(longer, VoxelType::Int16)));
    CHECK_FALSE(fillsIn(arriving, inFrame(g, VoxelType::Float32)));
    StackGeometry rounded = g;
    rounded.origin = {0, 0, 1e-5};  // the last load's positions from the files, not the archive's text
    CHECK(fillsIn(arriving, inFrame(rounded, VoxelType::Int16)));
    // With the images named: the slice that was here must be the same image, not a sibling
    // series' on the same grid.
    arriving.sliceSopInstanceUids = {"1.9.1", "", ""};
    fuller.sliceSopInstanceUids = {"1.9.1", "1.9.2", ""};
    CHECK(fillsIn(arriving, fuller));
    Volume sibling = inFrame(g, VoxelType::Int16);
    sibling.sliceSopInstanceUids = {"1.8.1", "1.8.2", "1.8.3"};
    CHECK_FALSE(fillsIn(arriving, sibling));
}
