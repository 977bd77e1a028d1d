// Orientation letters, where planes cut each other, nearest slices and the auto window: the
// geometry behind the 2D view's labels, reference lines and synchronised scrolling.
#include "PhantomFixture.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/PatientOrientation.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/SliceResampling.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace hf;
using namespace hf::test;

namespace {

StackGeometry axial(int columns, int rows, int slices, double spacing, double sliceSpacing, double firstZ)
{
    StackGeometry g;
    g.columns = columns;
    g.rows = rows;
    g.slices = slices;
    g.columnSpacing = g.rowSpacing = spacing;
    g.sliceSpacing = sliceSpacing;
    g.origin = {-(columns - 1) * spacing / 2, -(rows - 1) * spacing / 2, firstZ};
    g.sliceStep = {0, 0, sliceSpacing};
    return g;
}

StackGeometry coronal(int columns, int rows, int slices, double spacing, double firstY)
{
    StackGeometry g;
    g.columns = columns;
    g.rows = rows;
    g.slices = slices;
    g.columnSpacing = g.rowSpacing = g.sliceSpacing = spacing;
    g.rowDirection = {1, 0, 0};
    g.columnDirection = {0, 0, -1};
    g.normal = {0, 1, 0};
    g.sliceStep = {0, spacing, 0};
    g.origin = {-(columns - 1) * spacing / 2, firstY, (rows - 1) * spacing / 2};
    return g;
}

} // namespace

TEST_CASE("orientation letters name the patient directions, largest component first", "[dicomio][geometry]")
{
    CHECK(orientationLabel({1, 0, 0}) == "L");
    CHECK(orientationLabel({-1, 0, 0}) == "R");
    CHECK(orientationLabel({0, 1, 0}) == "P");
    CHECK(orientationLabel({0, -1, 0}) == "A");
    CHECK(orientationLabel({0, 0, 1}) == "H");
    CHECK(orientationLabel({0, 0, -1}) == "F");
    // Oblique: both letters, the larger first; a two-degree tilt does not add a letter.
    CHECK(orientationLabel({0.8, -0.6, 0}) == "LA");
    CHECK(orientationLabel({-0.5, 0.3, -0.81}) == "FRP");
    CHECK(orientationLabel({std::cos(0.035), 0, std::sin(0.035)}) == "L");
}

TEST_CASE("an axial and a coronal plane cut each other along the left-right line they share", "[dicomio][geometry]")
{
    const StackGeometry a = axial(64, 64, 16, 1.0, 2.0, -15);
    const StackGeometry c = coronal(64, 64, 64, 1.0, -31.5);
    const SlicePlane axialPlane = SlicePlane::of(a, 8);    // z = 1
    const SlicePlane coronalPlane = SlicePlane::of(c, 40);  // y = 8.5
    REQUIRE(axialPlane.center().z == Approx(1.0));
    REQUIRE(coronalPlane.center().y == Approx(8.5));
    const auto cut = planeIntersection(axialPlane, coronalPlane);
    REQUIRE(cut);
    // Along x at y = 8.5, z = 1, across both rectangles' full width (pixel edges: -32..32).
    for (const Vec3& end : {cut->from, cut->to}) {
        CHECK(end.y == Approx(8.5));
        CHECK(end.z == Approx(1.0));
    }
    CHECK(std::abs(cut->to.x - cut->from.x) == Approx(64.0));
    // Symmetric: the same line seen from the coronal plane.
    const auto back = planeIntersection(coronalPlane, axialPlane);
    REQUIRE(back);
    CHECK(std::abs(back->to.x - back->from.x) == Approx(64.0));
    // A narrower coronal field clips the line to its own width.
    const StackGeometry narrow = coronal(20, 64, 64, 1.0, -31.5);
    const auto clipped = planeIntersection(axialPlane, SlicePlane::of(narrow, 40));
    REQUIRE(clipped);
    CHECK(std::abs(clipped->to.x - clipped->from.x) == Approx(20.0));
}

TEST_CASE("parallel planes and planes that miss each other have no reference line", "[dicomio][geometry]")
{
    const StackGeometry a = axial(64, 64, 16, 1.0, 2.0, -15);
    CHECK_FALSE(planeIntersection(SlicePlane::of(a, 3), SlicePlane::of(a, 9)));
    // A coronal stack whose images stop at z = -20 (top row) never meets the axial plane z = 1.
    StackGeometry low = coronal(64, 30, 64, 1.0, -31.5);
    low.origin.z = -20;
    CHECK_FALSE(planeIntersection(SlicePlane::of(a, 8), SlicePlane::of(low, 10)));
    CHECK(parallelStacks(a, axial(32, 32, 4, 2.0, 5.0, 0)));
    CHECK_FALSE(parallelStacks(a, coronal(64, 64, 64, 1.0, 0)));
}

TEST_CASE("the nearest slice is found by position along the normal, tilt included", "[dicomio][geometry]")
{
    const StackGeometry a = axial(64, 64, 8, 1.0, 4.0, -14);  // z = -14, -10, ..., 14
    CHECK(nearestSlice(a, {0, 0, 1}) == 4);     // 3.75 slices from the first
    CHECK(nearestSlice(a, {30, -20, -15}) == 0);  // in-plane position does not matter
    CHECK(nearestSlice(a, {0, 0, 15.9}) == 7);  // within half a slice beyond the last
    CHECK_FALSE(nearestSlice(a, {0, 0, 16.1}));
    CHECK_FALSE(nearestSlice(a, {0, 0, -16.1}));
    // Gantry tilt: the step has an in-plane part; only its normal part counts.
    StackGeometry tilted = a;
    const double t = 20 * 3.14159265358979323846 / 180;
    tilted.columnDirection = {0, std::cos(t), -std::sin(t)};
    tilted.sliceStep = {0, 0, 4.0};
    const Vec3 n = tilted.rowDirection.cross(tilted.columnDirection);
    const Vec3 onSlice5 = tilted.toPatient(10, 20, 5);
    CHECK(nearestSlice(tilted, onSlice5) == 5);
    CHECK(nearestSlice(tilted, onSlice5 + n * (0.45 * 4.0 * n.z)) == 5);
}

TEST_CASE("the auto window spans the 1st to 99th percentile of the slice", "[dicomio][window]")
{
    // A 100x100 slice with values 0..9999 in some order, plus extreme outliers at two pixels.
    StackGeometry g;
    g.columns = g.rows = 100;
    g.slices = 1;
    Volume volume(g, VoxelType::Int16);
    for (int p = 0; p < 10000; ++p) {
        const std::int16_t v = std::int16_t((p * 7919) % 10000 - 5000);  // -5000..4999, shuffled
        std::memcpy(volume.data() + size_t(p) * 2, &v, 2);
    }
    const WindowPreset w = autoWindow(volume, 0);
    // Percentiles 1 and 99 of -5000..4999: about -4900 and 4899.
    CHECK(w.center == Approx(0).margin(5));
    CHECK(w.width == Approx(9800).margin(10));
    const WindowPreset empty = autoWindow(volume, 3);  // no such slice
    CHECK(empty.width == 1);
}

TEST_CASE("coronal and sagittal phantoms cut the same objects with head-up images", "[dicomio][phantom]")
{
    for (const std::string orientation : {"coronal", "sagittal"}) {
        PhantomOptions o;
        o.columns = o.rows = o.slices = 32;
        o.columnSpacing = o.rowSpacing = o.sliceSpacing = 2.0;
        o.orientation = orientation;
        const LoadedPhantom p = writeAndLoad(o, "phantom-" + orientation);
        INFO(orientation);
        REQUIRE(p.loaded.volume);
        const StackGeometry& g = p.loaded.volume->geometry();
        CHECK(g.columnDirection.z == Approx(-1.0));  // rows go down towards the feet
        CHECK(std::abs(g.normal.z) < 1e-9);
        // The bone sphere's centre voxel holds bone, wherever the stack lies.
        const auto& bone = p.model.sphere("bone");
        const Vec3 index = g.toIndex(bone.center);
        const int i = int(std::lround(index.x)), j = int(std::lround(index.y)), k = int(std::lround(index.z));
        REQUIRE(i >= 0);
        REQUIRE(k < g.slices);
        CHECK(p.loaded.volume->valueAt(i, j, k) == bone.value);
        CHECK(p.loaded.volume->frameOfReferenceUid.size() > 10);
    }
}

TEST_CASE("unevenly spaced slices are resampled onto a regular grid from their true positions", "[dicomio][geometry]")
{
    // Six 4x4 slices at z = 0, 1, 2, 5, 6, 7 whose value is 10 z: any misplacement shows.
    StackGeometry g = axial(4, 4, 6, 1.0, 7.0 / 5.0, 0);
    Volume uneven(g, VoxelType::Int16);
    const double z[6] = {0, 1, 2, 5, 6, 7};
    for (int k = 0; k < 6; ++k) {
        uneven.slicePositions.push_back(g.origin + Vec3{0, 0, z[k]});
        for (int p = 0; p < 16; ++p) {
            const auto v = std::int16_t(10 * z[k]);
            std::memcpy(uneven.data() + (size_t(k) * 16 + size_t(p)) * 2, &v, 2);
        }
    }
    const auto regular = resampleUnevenSlices(uneven);
    REQUIRE(regular);
    REQUIRE(regular->geometry().slices == 8);  // every 1 mm (the smallest gap) from 0 to 7
    CHECK(regular->geometry().sliceSpacing == Approx(1.0));
    for (int m = 0; m < 8; ++m) {
        INFO("z = " << m);
        CHECK(regular->valueAt(2, 1, m) == Approx(10.0 * m));
        CHECK(regular->geometry().toPatient(0, 0, m).z == Approx(double(m)));
    }
    // Evenly spaced: nothing to do.
    Volume even(axial(4, 4, 6, 1.0, 2.0, 0), VoxelType::Int16);
    for (int k = 0; k < 6; ++k)
        even.slicePositions.push_back({-1.5, -1.5, 2.0 * k});
    CHECK_FALSE(resampleUnevenSlices(even));
}
