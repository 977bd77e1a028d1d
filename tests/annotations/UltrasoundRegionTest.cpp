// Measurements on ultrasound are calibrated by the Sequence of Ultrasound Regions: the region
// holding every point gives the units (cm in B-mode, s and cm/s on a Doppler strip); points in
// regions calibrated differently are refused, as cornerstone does. The image is the corpus'
// NEMA colour US given two regions by tests/reference/make-pixel-variant.py us-regions:
// rows 0-239 B-mode at 0.02 cm a pixel, rows 240-479 PW Doppler at 0.004 s and 0.25 cm/s.
#include "TestPaths.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/Measurement.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hf;
using namespace hf::test;

namespace {

std::shared_ptr<Volume> ultrasound()
{
    const auto out = scratch("us-regions") / "us.dcm";
    const std::string command = "/usr/bin/python3 '" + (std::filesystem::path(HF_SOURCE_DIR) / "tests/reference/make-pixel-variant.py").string()
                                + "' us-regions '" + (corpus() / "DICOMHTJ2K/test/fixtures/dicomp10/US1_UNC").string() + "' '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    ScanResult scan = HeaderScanner().scan({out.string()});
    REQUIRE(scan.errors.empty());
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    LoadResult loaded = VolumeLoader().load(*tree.firstStack());
    REQUIRE(loaded.errors.empty());
    return loaded.volume;
}

Measurement measureAt(const Volume& v, AnnotationKind kind, std::initializer_list<std::pair<double, double>> pixels)
{
    std::vector<Vec3> points;
    for (const auto& [i, j] : pixels)
        points.push_back(v.geometry().toPatient(i, j, 0));
    return measure(makeAnnotation(kind, points, {}, "tester", v, "1.2.3", "1.2.3.4"), v);
}

} // namespace

TEST_CASE("ultrasound measurements use the calibration of the region that holds them", "[annotations][measure][ultrasound]")
{
    const auto volume = ultrasound();
    REQUIRE(volume->ultrasoundRegions.size() == 2);
    REQUIRE_FALSE(volume->hasPixelSpacing);  // the regions are the only calibration

    SECTION("a length in the B-mode region, in cm")
    {
        const Measurement m = measureAt(*volume, AnnotationKind::Length, {{100, 50}, {400, 150}});
        REQUIRE(m.calibration == Calibration::UltrasoundRegion);
        REQUIRE(std::string(calibrationName(m.calibration)) == "US region");
        REQUIRE(*m.valueOf("length") == Approx(std::hypot(300 * 0.02, 100 * 0.02)));
        REQUIRE(m.values.front().unit == "cm");
        REQUIRE(m.warning.empty());
        REQUIRE(m.summary() == "Length 6.32 cm");
    }
    SECTION("an ellipse in the B-mode region, in cm2")
    {
        const Measurement m = measureAt(*volume, AnnotationKind::Ellipse, {{100, 50}, {300, 150}});
        REQUIRE(*m.valueOf("area") == Approx(M_PI * (100 * 0.02) * (50 * 0.02)));
        REQUIRE(m.values.front().unit == "cm2");
    }
    SECTION("on the Doppler strip: time and velocity, each in its units")
    {
        const Measurement m = measureAt(*volume, AnnotationKind::Length, {{100, 300}, {300, 400}});
        REQUIRE(m.calibration == Calibration::UltrasoundRegion);
        REQUIRE(*m.valueOf("dx") == Approx(200 * 0.004));
        REQUIRE(*m.valueOf("dy") == Approx(100 * 0.25));
        REQUIRE(m.values[0].unit == "s");
        REQUIRE(m.values[1].unit == "cm/s");
        REQUIRE_FALSE(m.valueOf("length"));  // seconds and cm/s make no length
    }
    SECTION("on the Doppler strip an area is refused and a point gives the pixel's value")
    {
        const Measurement area = measureAt(*volume, AnnotationKind::Ellipse, {{100, 300}, {300, 400}});
        REQUIRE(area.values.empty());
        REQUIRE(area.warning
                == "not measured: its ultrasound region has s across and cm/s down; only a line (each axis apart) or a point can be "
                   "measured there");
        const Measurement point = measureAt(*volume, AnnotationKind::Point, {{200, 350}});
        REQUIRE(point.values.size() == 1);
        REQUIRE(point.values[0].name == "value");
        REQUIRE(point.values[0].value == volume->valueAt(200, 350, 0));
    }
    SECTION("across the two regions: refused, saying why")
    {
        const Measurement m = measureAt(*volume, AnnotationKind::Length, {{100, 100}, {100, 300}});
        REQUIRE(m.values.empty());
        REQUIRE(m.warning == "not measured: its points lie in ultrasound regions with different calibrations (cm/cm and s/cm/s)");
        REQUIRE(m.summary() == "Not measured: its points lie in ultrasound regions with different calibrations (cm/cm and s/cm/s)");
    }
}
