// Curved reformats on the tube phantom (make-phantom --tube): a path along its known centreline
// straightens it (the same width on every row, whichever way it is turned), measures its true
// length, and its cross-sections show its known area.
#include "PhantomFixture.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/Measurement.h"
#include "hf/dicomio/CurvedReformat.h"
#include "hf/dicomio/VesselCentreline.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace hf;
using namespace hf::test;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Written once per process, in a folder of the calling test case's own (ctest runs the cases
// side by side).
const LoadedPhantom& tubePhantom(const std::string& name)
{
    static const LoadedPhantom p = [&] {
        PhantomOptions o;
        o.columns = o.rows = 96;
        o.slices = 64;
        o.columnSpacing = o.rowSpacing = o.sliceSpacing = 1.0;
        o.tube = true;
        return writeAndLoad(o, "curved-tube-" + name);
    }();
    return p;
}

// Pixels of a row at least halfway between water and the tube: the tube's width there.
int tubePixels(const ReformatImage& image, int row, double threshold)
{
    int n = 0;
    for (int c = 0; c < image.width; ++c)
        n += !std::isnan(image.at(c, row)) && image.at(c, row) >= threshold;
    return n;
}

} // namespace

TEST_CASE("a path along the tube's centreline measures its true length within 1%", "[annotations][cpr]")
{
    const LoadedPhantom& p = tubePhantom("1");
    REQUIRE(p.loaded.volume);
    const PhantomTube& tube = *p.model.tube();
    for (const int count : {12, 40}) {
        INFO(count << " points");
        const Annotation path = makeAnnotation(AnnotationKind::Path, tube.centreline(count), {}, "tester", *p.loaded.volume, "1.2.3", "1.2.3.4");
        const Measurement m = measure(path, *p.loaded.volume);
        CHECK(std::abs(*m.valueOf("length") - tube.length()) <= 0.01 * tube.length());
        CHECK(m.calibrationText() == "patient space, along the path");
    }
    // Through the volume, not on one slice; every point must be inside it.
    std::vector<Vec3> outside = tube.centreline(5);
    outside.back().z += 500;
    CHECK_THROWS_WITH(makeAnnotation(AnnotationKind::Path, outside, {}, "tester", *p.loaded.volume, "1.2.3", "1.2.3.4"),
                      Catch::Contains("path point 5 is outside"));
    CHECK_THROWS_WITH(CurvedPath({{1, 2, 3}, {1, 2, 3}}), Catch::Contains("no length"));
}

TEST_CASE("the straightened reformat shows the curved tube straight: one width on every row, turned any way", "[annotations][cpr]")
{
    const LoadedPhantom& p = tubePhantom("2");
    const Volume& volume = *p.loaded.volume;
    const PhantomTube& tube = *p.model.tube();
    const CurvedPath path(tube.centreline(40));
    const double threshold = (tube.value + p.model.waterValue()) / 2;
    for (const double degrees : {0.0, 60.0, 135.0}) {
        INFO("turned " << degrees << " degrees");
        const ReformatImage image = straightenedReformat(volume, path, 30, degrees);
        CHECK(image.spacing == 1.0);
        CHECK(image.height == int(std::floor(path.length())) + 1);
        CHECK(image.width == 31);
        // Away from the rounded ends, the tube is its diameter wide on every row, centred.
        const double expected = 2 * tube.radius / image.spacing;
        int low = 1 << 30, high = 0;
        for (int r = int(tube.radius) + 2; r < image.height - int(tube.radius) - 2; ++r) {
            const int n = tubePixels(image, r, threshold);
            low = std::min(low, n);
            high = std::max(high, n);
            CHECK(image.at(image.width / 2, r) == Approx(tube.value).margin(1.0));
        }
        CHECK(low >= int(std::floor(expected)) - 1);
        CHECK(high <= int(std::ceil(expected)) + 1);
        CHECK(high - low <= 1);
        // A rounded end at each end: the first row is the tube's centre point, the row just
        // beyond the radius has none.
        CHECK(image.rowArcLength.back() == Approx(path.length()).margin(1.0));
    }
}

TEST_CASE("the stretched reformat and the cross-sections along the path", "[annotations][cpr]")
{
    const LoadedPhantom& p = tubePhantom("3");
    const Volume& volume = *p.loaded.volume;
    const PhantomTube& tube = *p.model.tube();
    const CurvedPath path(tube.centreline(40));
    const double threshold = (tube.value + p.model.waterValue()) / 2;
    const ReformatImage stretched = stretchedReformat(volume, path, 30, 0);
    REQUIRE(stretched.height > 10);
    // The half turn bends across the fixed direction: wider than the straightened image.
    CHECK(stretched.width > 31);
    for (int r = 4; r < stretched.height - 4; ++r)
        CHECK(tubePixels(stretched, r, threshold) >= 3);
    // Cross-sections at right angles to the path: a disc of the tube's area, centred.
    for (const double at : {0.25, 0.5, 0.75}) {
        const ReformatImage section = pathCrossSection(volume, path, at * path.length(), 20, 30);
        int n = 0;
        for (int r = 0; r < section.height; ++r)
            n += tubePixels(section, r, threshold);
        INFO("at " << at << ": " << n << " pixels");
        CHECK(n == Approx(kPi * tube.radius * tube.radius).epsilon(0.15));
        CHECK(section.at(section.width / 2, section.height / 2) == Approx(tube.value).margin(1.0));
    }
    CHECK_THROWS_WITH(straightenedReformat(volume, path, 1e6, 0), Catch::Contains("more than"));
}

TEST_CASE("two clicks inside the tube find its centreline: every point on it, its length within 3%", "[annotations][cpr]")
{
    const LoadedPhantom& p = tubePhantom("4");
    const Volume& volume = *p.loaded.volume;
    const PhantomTube& tube = *p.model.tube();
    // Near either end of the half turn, a little off the centreline as a click would be.
    const double t0 = kPi + 0.1, t1 = 2 * kPi - 0.1;
    const Vec3 from = tube.centre(t0) + Vec3{0, 0, 0.6}, to = tube.centre(t1) - Vec3{0.5, 0, 0};
    const std::vector<Vec3> points = vesselCentreline(volume, from, to);
    REQUIRE(points.size() >= 5);
    CHECK((points.front() - from).norm() < 1e-9);
    CHECK((points.back() - to).norm() < 1e-9);
    for (size_t n = 1; n + 1 < points.size(); ++n) {
        INFO("point " << n << " at " << points[n].x << "," << points[n].y << "," << points[n].z);
        CHECK(tube.distance(points[n]) <= 1.0);  // within a voxel of the true centreline
    }
    const double truth = std::hypot(tube.helixRadius, tube.pitch) * (t1 - t0);
    CHECK(std::abs(CurvedPath(points).length() - truth) <= 0.03 * truth);
    // A click in the water beside it: no vessel joins them.
    CHECK_THROWS_WITH(vesselCentreline(volume, from, Vec3{0, 0, tube.z0}), Catch::Contains("not in the same vessel"));
    CHECK_THROWS_WITH(vesselCentreline(volume, from, Vec3{0, 0, 900}), Catch::Contains("outside the volume"));
    // The contrast sphere (300 HU) is like the tube (250 HU), but water lies between them.
    CHECK_THROWS_WITH(vesselCentreline(volume, from, p.model.sphere("contrast").center), Catch::Contains("no vessel joins"));
}
