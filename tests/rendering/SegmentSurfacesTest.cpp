// A segment's surface for the 3D view: a ball written as SEG frames on a turned grid comes out
// as a closed surface around the ball, in patient space, normals outwards; hidden segments and
// hostile frame positions give none.
#include "hf/rendering/SegmentSurfaces.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hf;

namespace {

// A ball of `radius` mm around `centre` on a grid turned 30 degrees about the z axis, 0.8 x 0.8
// x 1.5 mm voxels, one frame per plane it reaches.
Segmentation ballSegmentation(const Vec3& centre, double radius)
{
    Segmentation seg;
    seg.path = "ball.dcm";
    seg.rows = seg.columns = 40;
    seg.rowSpacing = seg.columnSpacing = 0.8;
    seg.spacingBetweenSlices = 1.5;
    const double a = 30 * 3.14159265358979323846 / 180;
    seg.rowDirection = {std::cos(a), std::sin(a), 0};
    seg.columnDirection = {-std::sin(a), std::cos(a), 0};
    seg.segments = {SegmentInfo{1, "Ball", "Tissue", {200, 30, 30}}, SegmentInfo{2, "Empty", "Tissue", {0, 0, 200}}};
    const Vec3 corner = centre - seg.rowDirection * (20 * 0.8) - seg.columnDirection * (20 * 0.8);
    for (int k = -12; k <= 12; ++k) {
        SegmentFrame frame;
        frame.segment = 1;
        frame.position = corner + Vec3{0, 0, k * 1.5};
        frame.mask.assign(40 * 40, 0);
        bool any = false;
        for (int v = 0; v < 40; ++v)
            for (int u = 0; u < 40; ++u) {
                const Vec3 p = frame.position + seg.rowDirection * (u * 0.8) + seg.columnDirection * (v * 0.8);
                if ((p - centre).norm() <= radius)
                    frame.mask[size_t(v * 40 + u)] = 255, any = true;
            }
        if (any)
            seg.frames.push_back(std::move(frame));
    }
    return seg;
}

} // namespace

TEST_CASE("a segment's surface closes around its voxels in patient space, normals outwards", "[rendering][seg]")
{
    const Vec3 centre{12, -30, 55};
    const double radius = 10;
    const Segmentation seg = ballSegmentation(centre, radius);
    const auto surfaces = segmentSurfaces(seg, {});
    REQUIRE(surfaces.size() == 1);  // the empty segment has no surface
    const SurfaceMesh& ball = surfaces.front();
    CHECK(ball.label == "Ball");
    CHECK(ball.colour == std::array<std::uint8_t, 3>{200, 30, 30});
    REQUIRE(ball.triangles.size() > 300);
    REQUIRE(ball.normals.size() == ball.points.size());
    // Every vertex lies on the ball's edge, within a voxel (1.5 mm deep); normals point outwards.
    int outwards = 0;
    const size_t vertices = ball.points.size() / 3;
    double worst = 0;
    for (size_t i = 0; i < vertices; ++i) {
        const Vec3 p{ball.points[3 * i], ball.points[3 * i + 1], ball.points[3 * i + 2]};
        const Vec3 normal{ball.normals[3 * i], ball.normals[3 * i + 1], ball.normals[3 * i + 2]};
        worst = std::max(worst, std::abs((p - centre).norm() - radius));
        outwards += normal.dot(p - centre) > 0;
    }
    CHECK(worst < 1.5);
    CHECK(outwards >= int(vertices * 98 / 100));
    // Its bounds are the ball's, within a voxel.
    const double expected[6] = {centre.x - radius, centre.x + radius, centre.y - radius, centre.y + radius, centre.z - radius, centre.z + radius};
    for (int a = 0; a < 6; ++a)
        CHECK(std::abs(ball.bounds[size_t(a)] - expected[a]) < 1.5);
    // Every triangle names vertices of the mesh.
    for (std::uint32_t index : ball.triangles)
        REQUIRE(index < vertices);
}

TEST_CASE("hidden segments have no surface; frames spread over absurd depths are refused by name", "[rendering][seg]")
{
    Segmentation seg = ballSegmentation({0, 0, 0}, 6);
    CHECK(segmentSurfaces(seg, {1}).empty());
    seg.frames.back().position = seg.frames.back().position + Vec3{0, 0, 1.5 * kMaxSurfaceDepthSteps};
    std::string warning;
    CHECK(segmentSurfaces(seg, {}, &warning).empty());
    CHECK_THAT(warning, Catch::Contains("ball.dcm") && Catch::Contains("not shown in 3D"));
}
