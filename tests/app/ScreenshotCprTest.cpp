// The curved reformat layout on screen (`hounsfield --layout cpr --path ...`): the tube phantom's
// curved vessel comes out straight, as wide on every row of the picture, with the path's true
// length in the description, and its cross-section at the station is the vessel's disc.
#include "ScreenshotRun.h"
#include "TubePhantom.h"

#include "hf/dicomio/PhantomModel.h"

#include <algorithm>

using namespace hf;
using namespace hf::test;

namespace {

QRect rectOf(const QJsonObject& o)
{
    const QJsonArray r = o["rect"].toArray();
    return QRect(r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt());
}

// Bright pixels on one screen row of a rectangle: with the window at 125 HU and 1 wide, what is
// more than halfway between water (0) and the tube (250 HU).
int whiteRun(const QImage& image, const QRect& rect, int y)
{
    int n = 0;
    for (int x = rect.left(); x <= rect.right(); ++x)
        n += gray(image, x, y) >= 128;
    return n;
}

} // namespace

TEST_CASE("the curved reformat straightens the tube phantom's vessel and gives its true length", "[gui][screenshot][cpr]")
{
    const QString dir = makePhantom("gui-cpr-phantom", {"--size", "96x96x64", "--spacing", "1,1,1", "--tube"});
    const PhantomTube tube = *PhantomModel(tubePhantom()).tube();
    QStringList path;
    for (const Vec3& p : tube.centreline(16))
        path << QString("%1,%2,%3").arg(p.x, 0, 'f', 4).arg(p.y, 0, 'f', 4).arg(p.z, 0, 'f', 4);
    const Shot shot = screenshot({dir}, {"--layout", "cpr", "--path", path.join(';'), "--window", "125,1", "--size", "1500x700"}, "gui-cpr");
    REQUIRE(shot.description["layout"].toString() == "cpr");
    const QJsonObject cpr = shot.description["cpr"].toObject();
    CHECK(std::abs(cpr["length_mm"].toDouble() - tube.length()) <= 0.01 * tube.length());
    CHECK(cpr["path"].toArray().size() == 16);
    CHECK(cpr["station_mm"].toDouble() == Approx(cpr["length_mm"].toDouble() / 2));

    // Straightened: rows of the picture away from the ends and the station's mark all show the
    // same width of the tube, its diameter (within the one reformat pixel that partial volume
    // at its edge decides).
    const QJsonObject straightened = cpr["straightened"].toObject();
    const QRect rect = rectOf(straightened);
    const double mm = straightened["mm_per_pixel"].toDouble();
    const int rows = straightened["rows"].toInt();
    CHECK(rows == int(std::floor(cpr["length_mm"].toDouble())) + 1);
    const double top = rect.center().y() - (rows - 1) / 2.0 / mm, stationY = rect.center().y();
    int low = 1 << 30, high = 0;
    for (double y = top + (tube.radius + 2) / mm; y < top + (rows - 1 - tube.radius - 2) / mm; y += 1) {
        if (std::abs(y - stationY) < 4)
            continue;  // the station's mark
        const int n = whiteRun(shot.image, rect, int(y));
        low = std::min(low, n);
        high = std::max(high, n);
    }
    INFO("white run " << low << ".." << high << " pixels at " << mm << " mm per pixel");
    CHECK(high - low <= 2 + int(std::ceil(1 / mm)));  // one voxel's blur either side at most
    CHECK(std::abs((low + high) / 2.0 * mm - 2 * tube.radius) <= 1.5);

    // The cross-section at the station: the vessel's disc at the view's centre.
    const QJsonObject section = cpr["cross_section"].toObject();
    const QRect sectionRect = rectOf(section);
    const double sectionMm = section["mm_per_pixel"].toDouble();
    const QPoint centre = sectionRect.center();
    CHECK(gray(shot.image, centre.x() + 3, centre.y() + 3) >= 128);  // beside the crosshair lines
    const int across = whiteRun(shot.image, sectionRect, centre.y() + int(std::lround(1 / sectionMm)));
    CHECK(std::abs(across * sectionMm - 2 * tube.radius) <= 1.5);
}

TEST_CASE("a path too long to reformat at the volume's spacing is said, not drawn, and nothing breaks", "[gui][screenshot][cpr][badinput]")
{
    const QString dir = makePhantom("gui-cpr-long-phantom", {"--size", "32x32x8"});
    const Shot shot = screenshot({dir}, {"--layout", "cpr", "--path", "-900000,0,0;900000,0,0", "--size", "900x500"}, "gui-cpr-long");
    const QJsonObject cpr = shot.description["cpr"].toObject();
    CHECK(cpr["problem"].toString().startsWith("No reformat: the reformat would have"));
    CHECK(cpr["straightened"]["rows"].toInt() == 0);
    CHECK(cpr["length_mm"].toDouble() == Approx(1.8e6));
}

TEST_CASE("annotate --kind path --follow-vessel finds the tube's centreline from two points inside it", "[cli][cpr]")
{
    const QString dir = makePhantom("cli-cpr-phantom", {"--size", "96x96x64", "--spacing", "1,1,1", "--tube"});
    const PhantomTube tube = *PhantomModel(tubePhantom()).tube();
    const QString db = QString::fromStdString((scratch("cli-cpr-db") / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", dir, "--db", db}).exitCode == 0);
    const ProcessResult info = runProcess(HF_CLI_EXE, {"info", dir, "--json"});
    const QString series = QJsonDocument::fromJson(info.out.toUtf8())["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    const double pi = 3.14159265358979323846, t0 = pi + 0.1, t1 = 2 * pi - 0.1;
    auto text = [](const Vec3& p) { return QString("%1,%2,%3").arg(p.x).arg(p.y).arg(p.z); };
    const ProcessResult r = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "path", "--follow-vessel", "--points",
                                                    text(tube.centre(t0)) + ";" + text(tube.centre(t1)), "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject made = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(made["kind"].toString() == "path");
    CHECK(made["points"].toArray().size() >= 5);
    const double truth = std::hypot(tube.helixRadius, tube.pitch) * (t1 - t0);
    CHECK(std::abs(made["values"][0]["value"].toDouble() - truth) <= 0.03 * truth);
    CHECK(made["calibration"].toString() == "patient space, along the path");
    // A click in the water: refused by name.
    const ProcessResult refused = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "path", "--follow-vessel",
                                                          "--points", text(tube.centre(t0)) + ";0,0,0"});
    CHECK(refused.exitCode != 0);
    CHECK(refused.err.contains("not in the same vessel"));
}
