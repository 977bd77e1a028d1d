// Measuring on reformatted planes (MPR, oblique, slabs): the numbers checked against the
// phantom's truth, the plane kept by the store, and what is refused.
#include "PhantomFixture.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/Measurement.h"
#include "hf/annotations/PlaneSampling.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hf;
using namespace hf::test;

namespace {

constexpr double kPi = 3.14159265358979323846;

PhantomOptions cubicPhantom(double tilt)
{
    PhantomOptions o;
    o.columns = 96;
    o.rows = 96;
    o.slices = 64;
    o.columnSpacing = o.rowSpacing = o.sliceSpacing = 1.0;
    o.tiltDegrees = tilt;
    return o;
}

// Written once per process, in a folder of the calling test case's own (ctest runs the cases
// side by side).
const LoadedPhantom& tiltedPhantom(const std::string& name)
{
    static const LoadedPhantom p = writeAndLoad(cubicPhantom(15), "plane-measure-tilted-" + name);
    return p;
}

AnnotationPlane planeThrough(const Vec3& origin, const Vec3& row, const Vec3& column)
{
    AnnotationPlane plane;
    plane.origin = origin;
    plane.row = row.normalized();
    plane.column = column.normalized();
    return plane;
}

Annotation onPlane(const LoadedPhantom& p, AnnotationKind kind, std::vector<Vec3> points, const AnnotationPlane& plane)
{
    return makeAnnotationOnPlane(kind, std::move(points), plane, {}, "tester", *p.loaded.volume, "1.2.3", "1.2.3.4");
}

} // namespace

TEST_CASE("a rod measured in an oblique plane along its axis gives its true length within one voxel", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("1");
    REQUIRE(p.loaded.volume);
    const Volume& volume = *p.loaded.volume;
    const PhantomRod& rod = p.model.rod();
    const Vec3 axis = (rod.to - rod.from).normalized();
    // The plane holds the rod's axis and is turned 40 degrees about it: neither the acquired
    // (tilted) slices nor an axial, coronal or sagittal plane.
    const double t = 40 * kPi / 180;
    const AnnotationPlane plane = planeThrough((rod.from + rod.to) * 0.5, axis, axis.cross(Vec3{0, std::cos(t), std::sin(t)}).cross(axis));
    REQUIRE(std::abs(plane.normal().dot(volume.geometry().normal)) < 0.99);
    // What a reader sees along the row through the axis: the first and last samples brighter
    // than halfway between water and the rod; the reader clicks their outer edges.
    const double s = planeSampleSpacing(volume);
    const double half = (rod.value + p.model.waterValue()) / 2;
    int first = 1 << 30, last = -(1 << 30);
    for (int n = -60; n <= 60; ++n)
        if (const auto v = planeValueAt(volume, plane, plane.origin + plane.row * (n * s)); v && *v >= half) {
            first = std::min(first, n);
            last = std::max(last, n);
        }
    REQUIRE(first < last);
    const Annotation a = onPlane(p, AnnotationKind::Length,
                                 {plane.origin + plane.row * ((first - 0.5) * s), plane.origin + plane.row * ((last + 0.5) * s)}, plane);
    const Measurement m = measure(a, volume);
    const double truth = rod.length() + 2 * rod.radius;  // the rod and its rounded ends, along its axis
    INFO(m.summary());
    CHECK(std::abs(*m.valueOf("length") - truth) <= s);
    CHECK(m.values.front().unit == "mm");
    CHECK(m.calibration == Calibration::PatientSpace);
    // The tilted slices are 1 mm x cos(15 deg) apart: the finest spacing names the samples.
    CHECK(m.calibrationText() == "patient space, 0.97 mm voxels");
    CHECK(m.warning.empty());
}

TEST_CASE("an ellipse in a coronal plane gives the sphere's value, and a slab its MIP, MinIP and average", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("2");
    const Volume& volume = *p.loaded.volume;
    const PhantomSphere& bone = p.model.sphere("bone");
    const AnnotationPlane coronal = planeThrough(bone.center, {1, 0, 0}, {0, 0, -1});
    const double r = 0.6 * bone.radius;
    const Annotation ellipse = onPlane(p, AnnotationKind::Ellipse,
                                       {bone.center - coronal.row * r - coronal.column * r, bone.center + coronal.row * r + coronal.column * r},
                                       coronal);
    const Measurement m = measure(ellipse, volume);
    INFO(m.summary());
    CHECK(*m.valueOf("mean") == Approx(bone.value));
    CHECK(*m.valueOf("sd") == Approx(0).margin(1e-6));
    CHECK(*m.valueOf("min") == Approx(bone.value));
    CHECK(*m.valueOf("area") == Approx(kPi * r * r));
    const double s = planeSampleSpacing(volume);
    CHECK(*m.valueOf("pixels") == Approx(kPi * r * r / (s * s)).epsilon(0.08));
    CHECK(m.values[1].unit == "HU");

    // A plane beside the sphere (in water) shows 0 thin; a slab reaching into it shows the sphere
    // in its MIP, water in its MinIP and something between in its average.
    AnnotationPlane beside = coronal;
    beside.origin = bone.center + coronal.normal() * (bone.radius + 3);
    const Vec3 at = beside.origin;
    CHECK(*measure(onPlane(p, AnnotationKind::Point, {at}, beside), volume).valueOf("value") == Approx(p.model.waterValue()).margin(1e-6));
    for (const auto& [mode, expected] : {std::pair{"mip", bone.value}, std::pair{"minip", p.model.waterValue()}}) {
        AnnotationPlane slab = beside;
        parseSlab(std::string(mode) + " 14", slab);
        const Measurement v = measure(onPlane(p, AnnotationKind::Point, {at}, slab), volume);
        INFO(mode << ": " << v.summary() << " [" << v.calibrationText() << "]");
        CHECK(*v.valueOf("value") == Approx(expected).margin(1e-6));
        CHECK(v.values.front().calibration == std::string(mode == std::string("mip") ? "MIP" : "MinIP") + " values of a 14.0 mm slab");
        CHECK(v.calibrationText() == "patient space, 0.97 mm voxels, " + v.values.front().calibration);
    }
    AnnotationPlane average = beside;
    parseSlab("average 14", average);
    const double mean = *measure(onPlane(p, AnnotationKind::Point, {at}, average), volume).valueOf("value");
    // 14 samples from -7 to +7 mm: those within 3..7 mm of the plane towards the sphere are bone.
    CHECK(mean > 0.2 * bone.value);
    CHECK(mean < 0.5 * bone.value);
}

TEST_CASE("a plane annotation's points must lie in its plane and start inside the volume", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("3");
    const AnnotationPlane axial = planeThrough(p.model.sphere("fat").center, {1, 0, 0}, {0, 1, 0});
    const Vec3 c = axial.origin;
    CHECK_THROWS_WITH(onPlane(p, AnnotationKind::Length, {c, c + Vec3{10, 0, 3}}, axial), Catch::Contains("point 2 is 3.0"));
    CHECK_THROWS_WITH(onPlane(p, AnnotationKind::Length, {c + Vec3{500, 0, 0}, c}, axial), Catch::Contains("outside the series' volume"));
    CHECK_THROWS_WITH(parsePlane("0,0,0;1,0,0;1,0,0"), Catch::Contains("not at right angles"));
    CHECK_THROWS_WITH(parsePlane("0,0,0;0,0,0;1,0,0"), Catch::Contains("no length"));
    CHECK_THROWS_WITH(parsePlane("0,0,0;1,0,0"), Catch::Contains("three x,y,z triples"));
    AnnotationPlane slab = axial;
    CHECK_THROWS_WITH(parseSlab("max 10", slab), Catch::Contains("mip, minip or average"));
    CHECK_THROWS_WITH(parseSlab("mip -1", slab), Catch::Contains("more than 0"));
}

TEST_CASE("the store keeps an annotation's plane and slab through revisions", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("4");
    const auto folder = scratch("plane-store");
    CacheDatabase db((folder / "cache.sqlite").string());
    AnnotationStore store(db);
    const double t = 0.3;
    AnnotationPlane plane = planeThrough(p.model.sphere("contrast").center, {std::cos(t), std::sin(t), 0}, {0, 0, -1});
    parseSlab("mip 12.5", plane);
    const Vec3 c = plane.origin;
    const Annotation added = store.add(onPlane(p, AnnotationKind::Length, {c, c + plane.row * 10}, plane));
    Annotation moved = *store.find(added.id);
    REQUIRE(moved.plane);
    CHECK(formatPlane(*moved.plane) == formatPlane(plane));
    CHECK(moved.plane->slabMode == "mip");
    CHECK(moved.plane->slabThickness == 12.5);
    moved.points[1] = c + plane.row * 20;
    store.update(moved);
    const Annotation again = *store.find(added.id);
    REQUIRE(again.plane);
    CHECK(again.revision == 2);
    CHECK(formatPlane(*again.plane) == formatPlane(plane));
    CHECK(*measure(again, *p.loaded.volume).valueOf("length") == Approx(20));
    // An annotation on an acquired image has none.
    const Annotation flat = store.add(makeAnnotation(AnnotationKind::Point, {p.loaded.volume->geometry().toPatient(10, 10, 5)}, {}, "tester",
                                                     *p.loaded.volume, "1.2.3", "1.2.3.4"));
    CHECK_FALSE(store.find(flat.id)->plane);
}

TEST_CASE("sampling along a line gives the single-point interpolated values, outside included", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("5");  // sheared geometry: the fast path's index-space line
    const Volume& volume = *p.loaded.volume;
    const Vec3 start = p.model.sphere("bone").center + Vec3{-70, -3.3, 1.7}, step = Vec3{0.37, 0.05, -0.02};
    std::vector<float> line(400);
    interpolateAlongLine(volume, start, step, int(line.size()), line.data());
    int inside = 0, outside = 0;
    for (size_t n = 0; n < line.size(); ++n) {
        const auto single = interpolatedValueAt(volume, start + step * double(n));
        INFO("sample " << n);
        REQUIRE(std::isnan(line[n]) == !single);
        if (single) {
            CHECK(line[n] == Approx(*single).margin(1e-3));
            ++inside;
        } else {
            ++outside;
        }
    }
    CHECK(inside > 100);  // it crosses the volume, bone sphere included
    CHECK(outside > 10);  // and starts outside it
}

TEST_CASE("sampling along random lines in and around the volume equals single-point sampling", "[annotations][plane]")
{
    const LoadedPhantom& p = tiltedPhantom("6");
    const Volume& volume = *p.loaded.volume;
    std::mt19937 random(7);
    std::uniform_real_distribution<double> position(-80, 80), direction(-1, 1), length(0.05, 1.5);
    std::vector<float> line(300);
    int compared = 0;
    for (int n = 0; n < 2000; ++n) {
        const Vec3 start{position(random), position(random), position(random)};
        Vec3 step{direction(random), direction(random), direction(random)};
        if (n % 3 == 0)
            step.z = 0;  // along a plane of the patient axes, as MPR rows often are
        step = step.normalized() * length(random);
        interpolateAlongLine(volume, start, step, int(line.size()), line.data());
        for (size_t k = 0; k < line.size(); ++k) {
            const auto single = interpolatedValueAt(volume, start + step * double(k));
            if (std::isnan(line[k]) != !single || (single && std::abs(line[k] - *single) > 1e-2)) {
                FAIL("line " << n << " sample " << k << ": " << line[k] << " against " << (single ? *single : -99999.0));
            }
            compared += bool(single);
        }
    }
    CHECK(compared > 10000);
}
