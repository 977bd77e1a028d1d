// Other producers' objects on the MPR planes and in 3D: a MIM RT structure set's contours cut by
// coronal and sagittal planes (at right angles to the contours) where the contours cross the
// plane; a SEG (a ball written by pydicom over a phantom) sampled on the coronal and sagittal
// planes voxel for voxel, and shown as a red surface where the ball is in the 3D view.
#include "MprOnScreen.h"
#include "ScreenshotRun.h"

#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/StructureSet.h"

#include <algorithm>
#include <vector>

using namespace hf::test;

namespace {

// Where a closed contour crosses the line {p : p . axis == value} in its plane: the other
// in-plane coordinate (along `along`) of each crossing.
std::vector<double> crossings(const hf::StructureContour& contour, const hf::Vec3& axis, double value, const hf::Vec3& along)
{
    std::vector<double> out;
    const auto& p = contour.points;
    for (size_t i = 0; i < p.size(); ++i) {
        const hf::Vec3& a = p[i];
        const hf::Vec3& b = p[(i + 1) % p.size()];
        const double da = a.dot(axis) - value, db = b.dot(axis) - value;
        if ((da < 0) == (db < 0))
            continue;
        const double t = da / (da - db);
        out.push_back((a + (b - a) * t).dot(along));
    }
    return out;
}

// A phantom of 1 x 1 x 2 mm voxels and a SEG (written by pydicom) of a 9 mm ball at (5, -4, 2)
// over it: the two folders.
struct BallStudy {
    QString ct, seg;
};

BallStudy ballStudy(const std::string& name)
{
    BallStudy study;
    study.ct = makePhantom(name + "-ct", {"--size", "64x64x16", "--spacing", "1,1,2"});
    const auto folder = scratch(name + "-seg");
    study.seg = QString::fromStdString(folder.string());
    REQUIRE(std::system(("/usr/bin/python3 " + std::string(HF_SOURCE_DIR) + "/tests/objects/make-seg.py '" + study.ct.toStdString() + "' '"
                         + (folder / "seg.dcm").string() + "' 5,-4,2 9 > /dev/null")
                            .c_str())
            == 0);
    return study;
}

const hf::Vec3 kBall{5, -4, 2};
constexpr double kBallRadius = 9;

} // namespace

TEST_CASE("RT structure contours are cut by the coronal and sagittal MPR planes where they cross them", "[gui][screenshot][rtstruct][mpr]")
{
    const auto folder = corpus() / "rt-utils/tests/mock_data";
    const hf::StructureSet set = hf::readStructureSet((folder / "non_existent_reference_rt.dcm").string());
    const hf::StructureRoi& roi = set.rois.at(0);
    REQUIRE(roi.name == "ROI-1");
    // The crosshair at the middle of ROI-1's contour at z 65, between the CT's two slices.
    const hf::StructureContour* at65 = nullptr;
    for (const auto& c : roi.contours)
        if (std::abs(c.points.front().z - 65) < 0.01)
            at65 = &c;
    REQUIRE(at65);
    double lowX = 1e9, highX = -1e9, lowY = 1e9, highY = -1e9;
    for (const hf::Vec3& p : at65->points) {
        lowX = std::min(lowX, p.x), highX = std::max(highX, p.x);
        lowY = std::min(lowY, p.y), highY = std::max(highY, p.y);
    }
    const double cx = (lowX + highX) / 2, cy = (lowY + highY) / 2;
    const Shot shot = screenshot({QString::fromStdString(folder.string())},
                                 {"--layout", "mpr", "--crosshair", QString("%1,%2,62.5").arg(cx).arg(cy)}, "rtstruct-mpr");
    const QJsonObject mpr = shot.description["mpr"].toObject();
    struct Case {
        QString plane;
        hf::Vec3 axis, along;  // the plane is {p . axis = value}; crossings run along `along`
        double value;
    };
    for (const Case& c : {Case{"coronal", {0, 1, 0}, {1, 0, 0}, cy}, Case{"sagittal", {1, 0, 0}, {0, 1, 0}, cx}}) {
        INFO(c.plane.toStdString());
        const MprPlaneOnScreen plane(shot, c.plane);
        const QJsonArray structures = mpr[c.plane].toObject()["structures"].toArray();
        REQUIRE(structures.size() >= 1);
        const QJsonObject drawn = structures[0].toObject();
        CHECK(drawn["name"] == "ROI-1");
        // Each of its three contours (z 60, 65, 70) crosses the plane: at least one cut each.
        CHECK(drawn["outlines"].toInt() >= 3);
        const QJsonArray points = drawn["points"].toArray();
        REQUIRE(points.size() == 2);  // a cut: where the plane enters and leaves the contour
        for (const QJsonValue p : points) {
            const hf::Vec3 lps = plane.patientOf(p[0].toDouble(), p[1].toDouble());
            // On one of the contours' planes, at one of that contour's crossings (within a pixel).
            double nearest = 1e9;
            for (const auto& contour : roi.contours)
                if (std::abs(contour.points.front().z - lps.z) < plane.mm)
                    for (double x : crossings(contour, c.axis, c.value, c.along))
                        nearest = std::min(nearest, std::abs(x - lps.dot(c.along)));
            CHECK(nearest < plane.mm);
        }
        // On screen: the cut through the z 65 contour in ROI-1's magenta, at its crossings.
        const auto at = crossings(*at65, c.axis, c.value, c.along);
        REQUIRE(at.size() >= 2);
        const double from = *std::min_element(at.begin(), at.end()), to = *std::max_element(at.begin(), at.end());
        hf::Vec3 middle = c.axis * c.value + c.along * ((from + to) / 2);
        middle.z = 65;
        CHECK(colourNear(shot.image, plane.pixelOf(middle), QColor(255, 0, 255)));
    }
    // The axial plane through z 62.5 lies between the contours at 60 and 65: both are drawn whole.
    const QJsonArray axial = mpr["axial"].toObject()["structures"].toArray();
    CHECK(axial.size() == 4);
}

TEST_CASE("a SEG is sampled on the coronal and sagittal MPR planes: the voxels its mask covers are tinted, the others keep their greys",
          "[gui][screenshot][seg][mpr]")
{
    const BallStudy study = ballStudy("seg-mpr");
    const Shot shot = screenshot({study.ct, study.seg}, {"--layout", "mpr", "--crosshair", "4.5,-4.5,1"}, "seg-mpr");
    const QJsonObject mpr = shot.description["mpr"].toObject();
    // (The crosshair is on voxel centres: the planes do not run along voxel borders.)
    // The phantom's voxel grid: x, y from -31.5 in 1 mm steps, z from -15 in 2 mm steps.
    const double origin[3] = {-31.5, -31.5, -15}, step[3] = {1, 1, 2};
    const int count[3] = {64, 64, 16};
    for (const QString name : {"coronal", "sagittal"}) {
        INFO(name.toStdString());
        CHECK(mpr[name].toObject()["segment_layer"].toBool());
        const QJsonArray segments = mpr[name].toObject()["segments"].toArray();
        REQUIRE(segments.size() == 1);
        CHECK(segments[0]["label"] == "Sphere");
        const MprPlaneOnScreen plane(shot, name);
        int inside = 0, tinted = 0, outside = 0, grey = 0;
        for (int y = plane.rect.top() + 4; y < plane.rect.bottom() - 4; y += 3)
            for (int x = plane.rect.left() + 4; x < plane.rect.right() - 4; x += 3) {
                const QPoint centreOnScreen = plane.pixelOf(plane.centre);
                if (std::abs(x - centreOnScreen.x()) < 4 || std::abs(y - centreOnScreen.y()) < 4)
                    continue;  // the crosshair lines
                const hf::Vec3 p = plane.patientOf(x - plane.rect.x() + 0.5, y - plane.rect.y() + 0.5);
                // The voxel holding p, and whether p is clear of its borders (a pixel either way).
                const double at[3] = {p.x, p.y, p.z};
                int index[3];
                bool clear = true;
                for (int a = 0; a < 3; ++a) {
                    const double f = (at[a] - origin[a]) / step[a];
                    index[a] = int(std::lround(f));
                    clear = clear && std::abs(f - std::round(f)) < 0.5 - 2 * plane.mm / step[a] && index[a] >= 0 && index[a] < count[a];
                }
                if (!clear)
                    continue;
                const hf::Vec3 voxel{origin[0] + index[0] * step[0], origin[1] + index[1] * step[1], origin[2] + index[2] * step[2]};
                const QColor c = shot.image.pixelColor(x, y);
                if ((voxel - kBall).norm() <= kBallRadius) {
                    ++inside;
                    tinted += c.red() >= c.green() + 40;
                } else {
                    ++outside;
                    grey += std::abs(c.red() - c.green()) <= 2 && std::abs(c.green() - c.blue()) <= 2;
                }
            }
        REQUIRE(inside >= 100);
        REQUIRE(outside >= 100);
        CHECK(tinted == inside);
        CHECK(grey == outside);
    }
}

TEST_CASE("a SEG's segment is a surface in the 3D view, where its voxels are, in its colour", "[gui][screenshot][seg][3d]")
{
    const BallStudy study = ballStudy("seg-3d");
    const Shot shot = screenshot({study.ct, study.seg}, {"--layout", "3d"}, "seg-3d");
    const QJsonObject volume = shot.description["volume_view"].toObject();
    const QJsonArray surfaces = volume["surfaces"].toArray();
    REQUIRE(surfaces.size() == 1);
    CHECK(surfaces[0]["label"] == "Sphere");
    CHECK(surfaces[0]["triangles"].toInt() > 500);
    // The surface wraps the ball's voxels: its bounds are the ball's within a voxel (2 mm deep).
    const QJsonArray bounds = surfaces[0]["bounds"].toArray();
    const double expected[6] = {kBall.x - kBallRadius, kBall.x + kBallRadius, kBall.y - kBallRadius,
                                kBall.y + kBallRadius, kBall.z - kBallRadius, kBall.z + kBallRadius};
    for (int a = 0; a < 6; ++a)
        CHECK(std::abs(bounds[a].toDouble() - expected[a]) <= 2.0);
    // On screen: red where the ball is; the same view without the SEG has no such red.
    const QJsonArray r = volume["rect"].toArray();
    const QRect rect(r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt());
    auto redPixels = [&rect](const QImage& image) {
        int n = 0;
        for (int y = rect.top(); y <= rect.bottom(); ++y)
            for (int x = rect.left(); x <= rect.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                n += c.red() > 150 && c.green() < 90 && c.blue() < 90;
            }
        return n;
    };
    CHECK(redPixels(shot.image) > 2000);
    const Shot without = screenshot({study.ct}, {"--layout", "3d"}, "seg-3d-none");
    CHECK(without.description["volume_view"].toObject()["surfaces"].toArray().isEmpty());
    CHECK(redPixels(without.image) < 50);
}
