// A MIM RT structure set over its CT, as the workstation draws it: each ROI's contour on the
// slice it lies in, in the ROI's display colour, where its patient coordinates fall on screen;
// rt-utils' set of another Frame of Reference is not drawn.
#include "ScreenshotRun.h"

#include <QColor>

using namespace hf::test;

namespace {

// Whether a pixel near (x, y) (within 2 pixels: lines are 2 wide) has about this colour.
bool colourNear(const QImage& image, QPoint at, const QColor& colour)
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

} // namespace

TEST_CASE("RT structure contours are drawn in their ROI colours where their coordinates are", "[gui][screenshot][rtstruct]")
{
    const QString folder = QString::fromStdString((corpus() / "rt-utils/tests/mock_data").string());
    const Shot shot = screenshot({folder}, {"--layout", "1x1", "--slice", "2"}, "rtstruct");
    const QJsonObject view = shot.view(0);
    REQUIRE(view["slice"].toInt() == 2);
    REQUIRE(view["plane_center"].toArray()[2].toDouble() == Approx(65));
    const QJsonArray structures = view["structures"].toArray();
    // The MIM set's four ROIs each have their contour at z 65; rt-utils' ROI (other Frame of Reference) is not drawn.
    REQUIRE(structures.size() == 4);
    const QRect r = shot.rect(0);
    const double mm = view["mm_per_pixel"].toDouble();
    const QJsonArray centre = view["plane_center"].toArray();
    const QColor expected[] = {QColor(255, 0, 255), QColor(0, 235, 235), QColor(255, 255, 0), QColor(255, 0, 0)};
    for (int i = 0; i < 4; ++i) {
        const QJsonObject s = structures[i].toObject();
        INFO("ROI " << s["name"].toString().toStdString());
        CHECK(s["name"].toString() == QString("ROI-%1").arg(i + 1));
        CHECK(s["outlines"].toInt() == 1);
        const QJsonArray colour = s["colour"].toArray();
        CHECK(QColor(colour[0].toInt(), colour[1].toInt(), colour[2].toInt()) == expected[i]);
        const QJsonArray points = s["points"].toArray();
        REQUIRE(points.size() > 50);
        int onColour = 0;
        for (const QJsonValue p : points) {
            // The JSON's screen positions are the view's own (y down from its top).
            const QPoint at(r.x() + int(std::lround(p[0].toDouble())), r.y() + int(std::lround(p[1].toDouble())));
            onColour += colourNear(shot.image, at, expected[i]);
        }
        CHECK(onColour >= int(points.size()) * 9 / 10);
    }
    // Independently of the JSON's positions: ROI-1's first point at z 65 (-48.584, -48.34, 65) on an axial
    // image (right = patient x, down = patient y) around the plane's centre.
    const QPoint first(int(std::lround(r.x() + r.width() / 2.0 + (-48.584 - centre[0].toDouble()) / mm)),
                       int(std::lround(r.y() + r.height() / 2.0 + (-48.34 - centre[1].toDouble()) / mm)));
    CHECK(colourNear(shot.image, first, expected[0]));
    // The image far from every contour keeps its greys.
    const QColor middle = shot.image.pixelColor(r.center());
    CHECK(middle.red() == middle.green());
    CHECK(middle.green() == middle.blue());
}
