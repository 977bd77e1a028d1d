// DICOM Spatial Registration objects: what we write reads back as the same transform, a third
// party's object that maps two frames into its own gives the transform between them, and a
// damaged object is an error naming the file, never a transform.
#include "TestPaths.h"

#include "hf/dicomio/SpatialRegistration.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hf;
using namespace hf::test;

namespace {

std::array<double, 16> matrixOf(const RigidTransform& t)
{
    const auto& r = t.rotation;
    return {r[0], r[1], r[2], t.translation.x, r[3], r[4], r[5], t.translation.y, r[6], r[7], r[8], t.translation.z, 0, 0, 0, 1};
}

RegistrationToWrite sample()
{
    RegistrationToWrite r;
    r.patient = {"DOE^JANE", "P1", "19700101", "F"};
    r.study.uid = "2.25.100";
    r.study.date = "20260101";
    r.instance.seriesUid = "2.25.101";
    r.instance.sopInstanceUid = "2.25.102";
    r.instance.seriesNumber = 990;
    r.instance.contentDateTime = "20261206120000";
    r.fixedFrame = "2.25.200";
    r.movingFrame = "2.25.300";
    r.fixedToMoving = RigidTransform::fromEuler({2, -3, 5}, {10.25, -4.5, 12});
    r.description = "registered (MI), 6.2 deg, 16.6 mm";
    return r;
}

} // namespace

TEST_CASE("a Spatial Registration we write reads back as the same transform, both ways", "[dicomio][registration]")
{
    const std::string path = (scratch("sro-roundtrip") / "reg.dcm").string();
    const RegistrationToWrite written = sample();
    writeSpatialRegistration(path, written);
    const SpatialRegistration read = readSpatialRegistration(path);
    CHECK(read.sopInstanceUid == "2.25.102");
    CHECK(read.frameOfReferenceUid == written.fixedFrame);
    CHECK(read.description == written.description);
    REQUIRE(read.items.size() == 2);
    CHECK(read.items[1].type == "RIGID");
    const auto there = read.transform(written.fixedFrame, written.movingFrame);
    REQUIRE(there);
    for (const Vec3& p : {Vec3{0, 0, 0}, Vec3{100, -50, 30}})
        CHECK((there->apply(p) - written.fixedToMoving.apply(p)).norm() < 1e-6);
    const auto back = read.transform(written.movingFrame, written.fixedFrame);
    REQUIRE(back);
    CHECK((back->apply(written.fixedToMoving.apply({7, 8, 9})) - Vec3{7, 8, 9}).norm() < 1e-6);
    CHECK_FALSE(read.transform(written.fixedFrame, "2.25.999"));  // a frame it does not map
    CHECK_FALSE(read.transform(written.fixedFrame, written.fixedFrame));
}

TEST_CASE("an object that maps two frames into a third ties them through it; other matrix types do not", "[dicomio][registration]")
{
    SpatialRegistration object;
    object.frameOfReferenceUid = "2.25.1";
    const RigidTransform a = RigidTransform::fromEuler({0, 0, 10}, {5, 0, 0});
    const RigidTransform b = RigidTransform::fromEuler({0, 4, 0}, {0, -3, 2});
    object.items = {{"2.25.A", matrixOf(a), "RIGID"}, {"2.25.B", matrixOf(b), "RIGID"}};
    const auto aToB = object.transform("2.25.A", "2.25.B");
    REQUIRE(aToB);
    const Vec3 p{20, 30, 40};
    CHECK((aToB->apply(p) - b.inverse().apply(a.apply(p))).norm() < 1e-9);
    object.items[1].type = "AFFINE";
    CHECK_FALSE(object.transform("2.25.A", "2.25.B"));
    object.items[1] = {"2.25.B", matrixOf(b), "RIGID"};
    object.items[1].matrix[0] = 2;  // not a rotation
    CHECK_FALSE(object.transform("2.25.A", "2.25.B"));
}

TEST_CASE("a truncated or foreign file is refused naming the file, not read as a registration", "[dicomio][registration][badinput]")
{
    const auto folder = scratch("sro-bad");
    const std::string good = (folder / "reg.dcm").string();
    writeSpatialRegistration(good, sample());
    const std::string cut = (folder / "cut.dcm").string();
    {
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
    }
    try {
        readSpatialRegistration(cut);
        FAIL("a truncated object was read");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("cut.dcm") != std::string::npos);
    }
    const std::string ct = (corpus() / "dcm_qa_ct/In/GE/01.dcm").string();
    CHECK_THROWS_WITH(readSpatialRegistration(ct), Catch::Contains("01.dcm") && Catch::Contains("Spatial Registration"));
}
