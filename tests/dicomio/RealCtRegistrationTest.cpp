// Registration on a real scan: the GE head CT of the corpus (gantry tilted 18.5 degrees, slices
// 4 mm then 7 mm apart) against a copy of itself that the test resamples as if the patient had
// been scanned again, turned and shifted, on an upright grid of other spacing. The transform
// found must be the one the test applied, within 1 mm and 1 degree.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/RigidTransform.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/SliceResampling.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/registration/RigidRegistration.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace hf;
using namespace hf::test;

namespace {

// Trilinear value of an even (possibly sheared) volume at a patient point; air outside.
double valueAtPoint(const Volume& v, const Vec3& p)
{
    const StackGeometry& g = v.geometry();
    const Vec3 index = g.toIndex(p);
    const int i = int(std::floor(index.x)), j = int(std::floor(index.y)), k = int(std::floor(index.z));
    if (i < 0 || j < 0 || k < 0 || i + 1 >= g.columns || j + 1 >= g.rows || k + 1 >= g.slices)
        return -1000;
    const double fx = index.x - i, fy = index.y - j, fz = index.z - k;
    double sum = 0;
    for (int c = 0; c < 8; ++c) {
        const int di = c & 1, dj = (c >> 1) & 1, dk = (c >> 2) & 1;
        sum += (di ? fx : 1 - fx) * (dj ? fy : 1 - fy) * (dk ? fz : 1 - fz) * v.valueAt(i + di, j + dj, k + dk);
    }
    return sum;
}

// The scan taken again with the patient moved: what lies at fixed point p lies at moved(p) in
// the new scan, sampled on an upright 1 x 1 x 2.5 mm grid around where the head now is.
std::shared_ptr<Volume> rescanned(const Volume& fixed, const RigidTransform& moved)
{
    const auto even = resampleUnevenSlices(fixed);
    const Volume& source = even ? *even : fixed;
    const StackGeometry& f = source.geometry();
    const Vec3 centre = moved.apply(f.toPatient((f.columns - 1) / 2.0, (f.rows - 1) / 2.0, (f.slices - 1) / 2.0));
    StackGeometry g;
    g.columns = g.rows = 240;
    g.columnSpacing = g.rowSpacing = 1.0;
    g.sliceSpacing = 2.5;
    g.sliceStep = {0, 0, 2.5};
    g.slices = int(std::ceil(((f.sliceStep * double(f.slices)).norm() + 30) / g.sliceSpacing));
    g.origin = centre - Vec3{119.5, 119.5, (g.slices - 1) * 2.5 / 2};
    auto volume = std::make_shared<Volume>(g, VoxelType::Int16);
    volume->hasPatientGeometry = true;
    volume->modality = "CT";
    volume->frameOfReferenceUid = "2.25.1";
    const RigidTransform back = moved.inverse();
    auto* out = reinterpret_cast<std::int16_t*>(volume->data());
    for (int k = 0; k < g.slices; ++k)
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                *out++ = std::int16_t(std::lround(valueAtPoint(source, back.apply(g.toPatient(i, j, k)))));
    return volume;
}

} // namespace

TEST_CASE("the tilted GE head CT registers to a turned, shifted rescan of itself within 1 mm and 1 degree",
          "[dicomio][registration][corpus]")
{
    ScanResult scan = HeaderScanner().scan({(corpus() / "dcm_qa_ct/In/GE").string()});
    REQUIRE(scan.errors.empty());
    const LoadedSeries opened = openSeries(std::move(scan.frames), {});
    REQUIRE(opened.loaded.volume);
    const Volume& fixed = *opened.loaded.volume;
    REQUIRE(fixed.geometry().slices == 28);
    REQUIRE(fixed.geometry().sliceStep.cross(fixed.geometry().normal).norm() > 0.5);  // sheared by the tilt

    const RigidTransform truth = RigidTransform::fromEuler({4, -3, 5}, {7, -5, 10});
    const auto moving = rescanned(fixed, truth);
    const RegistrationResult result = registerRigid(fixed, *moving);
    INFO(result.error);
    REQUIRE(result.ok);
    const StackGeometry& g = fixed.geometry();
    // Where the brain is: the middle of the scan, and 50 mm off it in each direction.
    const Vec3 middle = g.toPatient((g.columns - 1) / 2.0, (g.rows - 1) / 2.0, (g.slices - 1) / 2.0);
    for (const Vec3& offset : {Vec3{0, 0, 0}, Vec3{50, 0, 0}, Vec3{0, 50, 0}, Vec3{0, 0, 40}}) {
        const Vec3 p = middle + offset;
        INFO("at " << p.x << "," << p.y << "," << p.z);
        CHECK((result.transform.apply(p) - truth.apply(p)).norm() < 1.0);
    }
    // The rotation left between what was found and the truth.
    CHECK(result.transform.then(truth.inverse()).angleDegrees() < 1.0);
}
