#pragma once
// The screenshot tests' shared pieces: running `hounsfield --screenshot` and reading the PNG
// and the JSON beside it, the phantom they open, and pixel helpers.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QColor>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRect>

#include <cmath>
#include <filesystem>

namespace hf::test {

inline int gray(const QImage& image, int x, int y) { return qGray(image.pixel(x, y)); }

// Whether a pixel near (x, y) (within 2 pixels: lines are 2 wide) has about this colour.
inline bool colourNear(const QImage& image, QPoint at, const QColor& colour)
{
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const QPoint p = at + QPoint(dx, dy);
            if (!image.rect().contains(p))
                continue;
            const QColor c = image.pixelColor(p);
            if (std::abs(c.red() - colour.red()) <= 40 && std::abs(c.green() - colour.green()) <= 40 && std::abs(c.blue() - colour.blue()) <= 40)
                return true;
        }
    return false;
}

struct Disc {
    int left = 1 << 30, right = -1, top = 1 << 30, bottom = -1;
    double cx() const { return (left + right) / 2.0; }
    double cy() const { return (top + bottom) / 2.0; }
    double radius() const { return (right - left) / 2.0; }
    double aspect() const { return double(right - left) / double(bottom - top); }
};

// A screenshot and the description written beside it (FILE.json): where each view is, what it shows.
struct Shot {
    QImage image;
    QJsonObject description;

    QJsonObject view(int index) const { return description["views"].toArray()[index].toObject(); }
    QRect rect(int index) const
    {
        const QJsonArray r = view(index)["rect"].toArray();
        return QRect(r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt());
    }
    // Where a patient point lies in an unrotated view: screen x follows the image rows
    // (rowDirection), screen y the columns' direction; `down` is the patient axis pointing down.
    QPoint pixelOf(int index, double alongRight, double alongDown) const
    {
        const QRect r = rect(index);
        const double mm = view(index)["mm_per_pixel"].toDouble();
        return QPoint(int(std::lround(r.x() + r.width() / 2.0 + alongRight / mm)),
                      int(std::lround(r.y() + r.height() / 2.0 + alongDown / mm)));
    }
    double planeCenter(int index, int axis) const { return view(index)["plane_center"].toArray()[axis].toDouble(); }
};

// The water cylinder is the only mid-grey (0 HU at window 0/2000) thing inside the view.
inline Disc findWaterDisc(const QImage& image, const QRect& area, int level = 128)
{
    Disc d;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - level) <= 3 && std::abs(qGreen(p) - level) <= 3 && std::abs(qBlue(p) - level) <= 3) {
                d.left = std::min(d.left, x);
                d.right = std::max(d.right, x);
                d.top = std::min(d.top, y);
                d.bottom = std::max(d.bottom, y);
            }
        }
    return d;
}

// Runs `hounsfield ARGS --screenshot FOLDER/shot.png` and reads the picture and its JSON.
inline Shot takeScreenshot(const QStringList& args, const std::filesystem::path& folder)
{
    const QString png = QString::fromStdString((folder / "shot.png").string());
    const ProcessResult r = runProcess(HF_GUI_EXE, args + QStringList{"--screenshot", png});
    INFO(r.err.toStdString());
    REQUIRE_FALSE(r.crashed);
    REQUIRE(r.exitCode == 0);
    Shot shot;
    shot.image = QImage(png).convertToFormat(QImage::Format_RGB32);
    REQUIRE_FALSE(shot.image.isNull());
    QFile json(QString::fromStdString((folder / "shot.json").string()));
    REQUIRE(json.open(QIODevice::ReadOnly));
    shot.description = QJsonDocument::fromJson(json.readAll()).object();
    REQUIRE((shot.description["views"].toArray().size() >= 1 || shot.description.contains("mpr") || shot.description.contains("cpr")));
    return shot;
}

// PATHs opened into a cache of the shot's own.
inline Shot screenshot(const QStringList& paths, const QStringList& extra, const std::string& name)
{
    const auto folder = scratch(name + "-shot");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    return takeScreenshot(paths + QStringList{"--db", db} + extra, folder);
}

inline QString makePhantom(const std::string& name, const QStringList& options)
{
    const QString d = QString::fromStdString(scratch(name).string());
    const ProcessResult r = runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", d} + options);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return d;
}

inline QString phantom()
{
    static const QString dir = makePhantom("gui-phantom", {"--size", "64x64x16", "--spacing", "1,1,2"});
    return dir;
}

// The phantom's truth for a 64x64 slice at 1 mm: cylinder radius and sphere centres (mm).
constexpr double kCylinderRadius = 0.8 * 32;
constexpr double kSphereOffset = 0.45 * kCylinderRadius;

// Pixels of the orange orientation letters in a box.
inline int letterPixels(const QImage& image, const QRect& box)
{
    int n = 0;
    for (int y = box.top(); y <= box.bottom(); ++y)
        for (int x = box.left(); x <= box.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            n += qRed(p) > 200 && qGreen(p) > 120 && qGreen(p) < 230 && qBlue(p) < 110;
        }
    return n;
}

} // namespace hf::test
