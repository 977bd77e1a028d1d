// `hounsfield --screenshot` under Xvfb: the window shows the phantom in 2D and 3D.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <fstream>

#include <cmath>

using namespace hf::test;

namespace {

int gray(const QImage& image, int x, int y) { return qGray(image.pixel(x, y)); }

struct Disc {
    int left = 1 << 30, right = -1, top = 1 << 30, bottom = -1;
    double cx() const { return (left + right) / 2.0; }
    double cy() const { return (top + bottom) / 2.0; }
    double radius() const { return (right - left) / 2.0; }
};

// The water cylinder is the only mid-grey (0 HU at window 0/2000) thing in the slice view;
// the menu and status bars (whose anti-aliased text has such greys too) are left out.
Disc findWaterDisc(const QImage& image, int xFrom, int xTo)
{
    Disc d;
    for (int y = 30; y < image.height() - 30; ++y)
        for (int x = xFrom; x < xTo; ++x) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - 128) <= 3 && std::abs(qGreen(p) - 128) <= 3 && std::abs(qBlue(p) - 128) <= 3) {
                d.left = std::min(d.left, x);
                d.right = std::max(d.right, x);
                d.top = std::min(d.top, y);
                d.bottom = std::max(d.bottom, y);
            }
        }
    return d;
}

QImage screenshot(const QString& phantomDir, const QStringList& extra, const std::string& name)
{
    const auto folder = scratch(name);
    const QString png = QString::fromStdString((folder / "shot.png").string());
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const ProcessResult r = runProcess(HF_GUI_EXE, QStringList{phantomDir, "--db", db, "--screenshot", png} + extra);
    INFO(r.err.toStdString());
    REQUIRE_FALSE(r.crashed);
    REQUIRE(r.exitCode == 0);
    QImage image(png);
    REQUIRE_FALSE(image.isNull());
    return image.convertToFormat(QImage::Format_RGB32);
}

QString phantom()
{
    static const QString dir = [] {
        const QString d = QString::fromStdString(scratch("gui-phantom").string());
        const ProcessResult r = runProcess(HF_CLI_EXE, {"make-phantom", "--out", d, "--size", "64x64x16", "--spacing", "1,1,2"});
        REQUIRE(r.exitCode == 0);
        return d;
    }();
    return dir;
}

} // namespace

TEST_CASE("the slice view shows the phantom's spheres where they are", "[gui][screenshot]")
{
    // Slice 9 of 16 holds the spheres' centres (the middle slice, 1-based).
    const QImage image = screenshot(phantom(), {"--layout", "1x1", "--slice", "9", "--window", "0,2000", "--size", "700x560"}, "gui-1x1");
    REQUIRE(image.width() == 700);
    const Disc disc = findWaterDisc(image, 0, image.width());
    REQUIRE(disc.right > disc.left);
    // Round, within the staircase of a 64-voxel circle: true aspect for square pixels.
    const double aspect = double(disc.right - disc.left) / double(disc.bottom - disc.top);
    REQUIRE(aspect == Approx(1.0).margin(0.03));
    const double r = disc.radius();
    // Bone (+1000 HU, white) at the patient's left = screen right; fat (-100 HU) at screen left.
    REQUIRE(gray(image, int(disc.cx() + 0.45 * r), int(disc.cy())) >= 250);
    REQUIRE(std::abs(gray(image, int(disc.cx() - 0.45 * r), int(disc.cy())) - 115) <= 5);
    // Contrast (+300 HU) anterior = top of the screen.
    REQUIRE(std::abs(gray(image, int(disc.cx()), int(disc.cy() - 0.45 * r)) - 166) <= 5);
    // Air outside the cylinder is black.
    REQUIRE(gray(image, int(disc.cx() + 0.95 * r), int(disc.cy() + 0.95 * r)) <= 5);
}

TEST_CASE("a slice away from the spheres shows water where the bone sphere was", "[gui][screenshot]")
{
    const QImage image = screenshot(phantom(), {"--layout", "1x1", "--slice", "1", "--window", "0,2000", "--size", "700x560"}, "gui-slice1");
    const Disc disc = findWaterDisc(image, 0, image.width());
    REQUIRE(std::abs(gray(image, int(disc.cx() + 0.45 * disc.radius()), int(disc.cy())) - 128) <= 3);
}

TEST_CASE("the default layout shows the 2D slice beside a 3D rendering that is not blank", "[gui][screenshot]")
{
    const QImage image = screenshot(phantom(), {"--window", "0,2000", "--size", "1000x500"}, "gui-2d3d");
    const Disc disc = findWaterDisc(image, 0, image.width() / 2);
    REQUIRE(disc.right > disc.left);
    REQUIRE(disc.right < image.width() / 2);
    // The 3D half: the bone sphere and rod drawn bright on a dark background.
    int bright = 0;
    for (int y = 40; y < image.height() - 40; ++y)
        for (int x = image.width() / 2 + 10; x < image.width(); ++x)
            bright += gray(image, x, y) > 120;
    REQUIRE(bright > 100);
}

TEST_CASE("the GUI refuses bad arguments with exit code 2", "[gui][badinput]")
{
    const QString db = QString::fromStdString((scratch("gui-bad-args") / "cache.db").string());
    ProcessResult r = runProcess(HF_GUI_EXE, {phantom(), "--db", db, "--window", "abc", "--screenshot", "/tmp/never.png"});
    REQUIRE(r.exitCode == 2);
    REQUIRE(r.err.contains("--window"));
    r = runProcess(HF_GUI_EXE, {phantom(), "--db", db, "--preset", "nonsense", "--screenshot", "/tmp/never.png"});
    REQUIRE(r.exitCode == 2);
}

TEST_CASE("a folder without images ends the screenshot run with exit 1 and a reason", "[gui][badinput]")
{
    const QString empty = QString::fromStdString(scratch("gui-empty").string());
    const ProcessResult r = runProcess(HF_GUI_EXE, {empty, "--db", empty + "/cache.db", "--screenshot", empty + "/shot.png"});
    REQUIRE(r.exitCode == 1);
    REQUIRE(r.err.contains("no images"));
}

TEST_CASE("an unreadable file beside a good series is named, and the series still opens", "[gui][badinput]")
{
    const auto dir = scratch("gui-mixed");
    for (const auto& entry : std::filesystem::directory_iterator(phantom().toStdString()))
        std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    {
        std::ofstream junk(dir / "notes.dcm");
        junk << std::string(4096, 'x');
    }
    const QString png = QString::fromStdString((dir / "shot.png").string());
    const ProcessResult r = runProcess(HF_GUI_EXE, {QString::fromStdString(dir.string()), "--layout", "1x1", "--size", "700x560",
                                                    "--db", QString::fromStdString((dir / "cache.db").string()),
                                                    "--screenshot", png});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    REQUIRE(r.err.contains(QString::fromStdString((dir / "notes.dcm").string()) + ": not a DICOM file"));
    REQUIRE_FALSE(QImage(png).isNull());
}

TEST_CASE("opening PATHs indexes them into the cache; started without PATH the window shows the study list", "[gui][cache]")
{
    const auto folder = scratch("gui-study-list");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString png = QString::fromStdString((folder / "shot.png").string());
    ProcessResult r = runProcess(HF_GUI_EXE, {phantom(), "--db", db, "--layout", "1x1", "--screenshot", png});
    REQUIRE(r.exitCode == 0);
    r = runProcess(HF_CLI_EXE, {"list", "--db", db, "--json"});
    REQUIRE(r.exitCode == 0);
    const QJsonArray studies = QJsonDocument::fromJson(r.out.toUtf8()).object()["studies"].toArray();
    REQUIRE(studies.size() == 1);
    REQUIRE(studies[0].toObject()["images"].toInt() == 16);

    r = runProcess(HF_GUI_EXE, {"--db", db, "--size", "1000x500", "--screenshot", png});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // The selected study's row is drawn in the highlight colour across the list's width.
    const QImage image = QImage(png).convertToFormat(QImage::Format_RGB32);
    int highlighted = 0;
    for (int x = 0; x < image.width() / 2; ++x)
        for (int y = 60; y < 140; ++y) {
            const QRgb p = image.pixel(x, y);
            highlighted += qBlue(p) > qRed(p) + 60;
        }
    REQUIRE(highlighted > 2000);
}
