// Slices of an arriving series still to come, hatched on any plane (issue 23): found by the
// slices' own positions when they are unevenly spaced, only within the stack's rows and columns.
#include "hf/viewer/StandInLayer.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <vector>

using namespace hf;

namespace {

// Five 8x8 slices at z = 0, 2, 4, 10, 12 mm (a gap between the third and the fourth); the
// second and the fourth still to come.
Volume arrivingStack()
{
    StackGeometry g;
    g.columns = g.rows = 8;
    g.slices = 5;
    g.sliceSpacing = 3;
    g.sliceStep = {0, 0, 3};
    Volume v(g, VoxelType::Int16);
    for (double z : {0.0, 2.0, 4.0, 10.0, 12.0})
        v.slicePositions.push_back({0, 0, z});
    v.slicesToCome = {false, true, false, true, false};
    return v;
}

// A coronal plane through row 4: 10 columns (the last two beyond the stack), rows 1 mm apart
// along z from -0.75 mm.
SlicePlane coronal()
{
    SlicePlane p;
    p.origin = {0, 4, -0.75};
    p.rowDirection = {1, 0, 0};
    p.columnDirection = {0, 0, 1};
    p.normal = {0, -1, 0};
    p.columns = 10;
    p.rows = 16;
    return p;
}

bool hatched(const std::vector<std::uint8_t>& rgba, int column, int row)
{
    return rgba[(size_t(row) * 10 + size_t(column)) * 4 + 3] > 0;
}

} // namespace

TEST_CASE("slices still to come are hatched where a plane crosses them, by their own positions", "[viewer][arrival]")
{
    const Volume v = arrivingStack();
    int covered = -1;
    const auto rgba = StandInLayer::over(v, coronal(), covered);
    REQUIRE(rgba.size() == 10 * 16 * 4);
    // z = 1.25 and 2.25 lie on the second slice (2 mm), 9.25 and 10.25 on the fourth (10 mm); the
    // gap between 4 and 10 mm is farther than half a slice from any and stays clear.
    const std::vector<int> rowsToCome = {2, 3, 10, 11};
    for (int row = 0; row < 16; ++row) {
        const bool toCome = std::find(rowsToCome.begin(), rowsToCome.end(), row) != rowsToCome.end();
        INFO("row " << row << " at z " << -0.75 + row);
        for (int column = 0; column < 8; ++column)
            CHECK(hatched(rgba, column, row) == toCome);
        CHECK_FALSE(hatched(rgba, 8, row));  // beyond the stack's columns
        CHECK_FALSE(hatched(rgba, 9, row));
    }
    CHECK(covered == 4 * 8);
    CHECK(StandInLayer::notice(v) == "Not received yet: 2 of 5 slices");
}

TEST_CASE("a stack with every slice here has no stand-in layer and no notice", "[viewer][arrival]")
{
    Volume v = arrivingStack();
    v.slicesToCome.assign(5, false);
    int covered = -1;
    CHECK(StandInLayer::over(v, coronal(), covered).empty());
    CHECK(covered == 0);
    CHECK(StandInLayer::notice(v).empty());
    v.slicesToCome.clear();
    CHECK(StandInLayer::over(v, coronal(), covered).empty());
    CHECK(StandInLayer::notice(v).empty());
}
