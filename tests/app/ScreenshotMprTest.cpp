// `hounsfield --screenshot` under Xvfb in the MPR and 3D layouts: the phantom's spheres at their
// patient positions in every plane, slabs, tilted series, the volume rendering.
#include "ScreenshotRun.h"

using namespace hf::test;

namespace {

// Where a patient point lands in one MPR view of a screenshot (from its description).
QPoint mprPixel(const Shot& shot, const char* plane, double x, double y, double z)
{
    const QJsonObject mpr = shot.description["mpr"].toObject(), view = mpr[plane].toObject();
    const QJsonArray rect = view["rect"].toArray(), c = mpr["crosshair"].toArray(), r = view["right"].toArray(), u = view["up"].toArray();
    const double mm = view["mm_per_pixel"].toDouble();
    const double dx = x - c[0].toDouble(), dy = y - c[1].toDouble(), dz = z - c[2].toDouble();
    const double along = dx * r[0].toDouble() + dy * r[1].toDouble() + dz * r[2].toDouble();
    const double upward = dx * u[0].toDouble() + dy * u[1].toDouble() + dz * u[2].toDouble();
    return QPoint(int(std::lround(rect[0].toInt() + rect[2].toInt() / 2.0 + along / mm)),
                  int(std::lround(rect[1].toInt() + rect[3].toInt() / 2.0 - upward / mm)));
}

QString mprPhantom()
{
    static const QString dir = makePhantom("gui-mpr-phantom", {"--size", "64x64x32", "--spacing", "1,1,2"});
    return dir;
}

} // namespace

TEST_CASE("MPR shows the spheres at their patient positions in coronal and sagittal planes", "[gui][screenshot][mpr]")
{
    // Spheres at z = 1 (the middle slice of 32 x 2 mm); the crosshair through the bone sphere's centre.
    const Shot shot = screenshot({mprPhantom()}, {"--layout", "mpr", "--window", "0,2000", "--size", "1200x500", "--crosshair",
                                                  QString::number(kSphereOffset) + ",0,1"}, "gui-mpr");
    const QJsonObject mpr = shot.description["mpr"].toObject();
    REQUIRE(shot.description["layout"].toString() == "mpr");
    CHECK(mpr["coronal"].toObject()["labels"].toObject()["top"].toString() == "H");
    CHECK(mpr["coronal"].toObject()["labels"].toObject()["right"].toString() == "L");
    CHECK(mpr["sagittal"].toObject()["labels"].toObject()["left"].toString() == "A");
    CHECK(mpr["sagittal"].toObject()["labels"].toObject()["top"].toString() == "H");
    // Coronal (y = 0): bone at x = +11.52 (screen right), fat at -11.52; water above and below them.
    QPoint p = mprPixel(shot, "coronal", kSphereOffset + 2, 0, 1 + 3);
    CHECK(gray(shot.image, p.x(), p.y()) >= 250);
    p = mprPixel(shot, "coronal", -kSphereOffset, 0, 1 + 2);
    CHECK(std::abs(gray(shot.image, p.x(), p.y()) - 115) <= 4);
    p = mprPixel(shot, "coronal", kSphereOffset + 3, 0, 1 + 12);  // off the crosshair lines
    CHECK(std::abs(gray(shot.image, p.x(), p.y()) - 128) <= 3);
    // Sagittal (x = +11.52): the bone sphere's centre; the spine column does not pass there.
    p = mprPixel(shot, "sagittal", kSphereOffset, 3, 1 - 2);
    CHECK(gray(shot.image, p.x(), p.y()) >= 250);
    p = mprPixel(shot, "sagittal", kSphereOffset, -12, 1 + 3);  // off the crosshair lines
    CHECK(std::abs(gray(shot.image, p.x(), p.y()) - 128) <= 3);
    // Axial through the crosshair: the bone sphere.
    p = mprPixel(shot, "axial", kSphereOffset - 3, 2, 1);
    CHECK(gray(shot.image, p.x(), p.y()) >= 250);
}

TEST_CASE("an MPR maximum intensity slab shows the bone sphere from a plane that misses it", "[gui][screenshot][mpr]")
{
    // The coronal plane at y = 10 passes 10 mm from the bone sphere's centre (radius 6.4 mm).
    const QStringList common{"--layout", "mpr", "--window", "0,2000", "--size", "1200x500", "--crosshair", "0,10,1"};
    const Shot thin = screenshot({mprPhantom()}, common, "gui-mpr-thin");
    // Samples 2 mm above the crosshair's horizontal line.
    QPoint p = mprPixel(thin, "coronal", kSphereOffset, 10, 3);
    CHECK(std::abs(gray(thin.image, p.x(), p.y()) - 128) <= 3);  // water
    const Shot slab = screenshot({mprPhantom()}, common + QStringList{"--slab", "mip,25"}, "gui-mpr-mip");
    CHECK(slab.description["mpr"].toObject()["slab_mm"].toDouble() == 25);
    p = mprPixel(slab, "coronal", kSphereOffset, 10, 3);
    CHECK(gray(slab.image, p.x(), p.y()) >= 250);  // the sphere's 1000 HU, projected
    p = mprPixel(slab, "coronal", -kSphereOffset, 10, 3);
    CHECK(std::abs(gray(slab.image, p.x(), p.y()) - 128) <= 3);  // fat is never the maximum over water
}

TEST_CASE("a gantry-tilted series is reformatted without shear", "[gui][screenshot][mpr]")
{
    // The spine column runs straight along z in patient space; a sheared reformat would slant it.
    const QString tilted = makePhantom("gui-mpr-tilt", {"--size", "64x64x32", "--spacing", "1,1,2", "--tilt", "20"});
    const Shot shot = screenshot({tilted}, {"--layout", "mpr", "--window", "0,2000", "--size", "1200x500", "--crosshair", "0,0,0"},
                                 "gui-mpr-tilt");
    const double spineY = 0.72 * kCylinderRadius;
    // Across the column at two heights 30 mm apart: the bright run's centre is at the same place.
    auto runCentre = [&](double z) {
        const QPoint from = mprPixel(shot, "sagittal", 0, spineY - 8, z), to = mprPixel(shot, "sagittal", 0, spineY + 8, z);
        double sum = 0;
        int n = 0;
        for (int x = from.x(); x <= to.x(); ++x)
            if (gray(shot.image, x, from.y()) > 200) {
                sum += x;
                ++n;
            }
        REQUIRE(n > 2);
        return sum / n;
    };
    const double top = runCentre(15), bottom = runCentre(-15);
    CHECK(std::abs(top - bottom) <= 1.0);
    CHECK(std::abs(top - mprPixel(shot, "sagittal", 0, spineY, 15).x()) <= 1.5);
}

TEST_CASE("the 3d layout shows the volume rendering alone, filling the window", "[gui][screenshot][mpr]")
{
    const Shot shot = screenshot({phantom()}, {"--layout", "3d", "--size", "800x500"}, "gui-3d-alone");
    const QJsonArray rect = shot.description["volume_view"].toObject()["rect"].toArray();
    REQUIRE(rect.size() == 4);
    CHECK(rect[2].toInt() >= 780);  // the whole width
    int bright = 0;
    for (int y = 60; y < shot.image.height() - 40; ++y)
        for (int x = 0; x < shot.image.width(); ++x)
            bright += gray(shot.image, x, y) > 120;
    CHECK(bright > 100);
}

TEST_CASE("a measurement made on a coronal plane is drawn there, and where the axial plane crosses it", "[gui][screenshot][mpr][plane]")
{
    const auto folder = scratch("gui-mpr-measured-shot");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", mprPhantom(), "--db", db}).exitCode == 0);
    const ProcessResult info = runProcess(HF_CLI_EXE, {"info", mprPhantom(), "--json"});
    const QString series = QJsonDocument::fromJson(info.out.toUtf8())["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    // An ellipse inside the bone sphere (z = 1, radius 6.4 mm) on the coronal plane y = 0.
    const ProcessResult made = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "ellipse", "--points",
                                                       QString("%1,0,-3;%2,0,5").arg(kSphereOffset - 4).arg(kSphereOffset + 4),
                                                       "--plane", "0,0,1;1,0,0;0,0,-1", "--json"});
    REQUIRE(made.exitCode == 0);
    const QString id = QJsonDocument::fromJson(made.out.toUtf8())["id"].toString();
    const Shot shot = takeScreenshot({"--db", db, "--series", series, "--layout", "mpr", "--window", "0,2000", "--size", "1200x500",
                                      "--crosshair", "0,0,1"},
                                     folder);
    const QJsonObject mpr = shot.description["mpr"].toObject();
    CHECK(mpr["coronal"]["annotations"].toArray().contains(id));  // lies in it
    CHECK(mpr["axial"]["annotations"].toArray().contains(id));    // z = 1 cuts it: a chord
    CHECK_FALSE(mpr["sagittal"]["annotations"].toArray().contains(id));  // x = 0 misses it
    // Its outline in green on the coronal view, at its right end (x + 4 mm, z 1).
    CHECK(colourNear(shot.image, mprPixel(shot, "coronal", kSphereOffset + 4, 0, 1), QColor(120, 255, 120)));
}
