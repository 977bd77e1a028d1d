// 16-bit RGB on screen: every channel through one window (all its values at first, --window
// narrows it), not cut to 8 bits. pydicom's SC_rgb_rle_16bit.dcm: 10-row bands of 16-bit
// colours (65535 red, 16448 and 49344 greys, ...).
#include "ScreenshotRun.h"

#include <catch2/catch.hpp>

using namespace hf::test;

namespace {

const QString rgb16 = "/usr/lib/python3/dist-packages/pydicom/data/test_files/SC_rgb_rle_16bit.dcm";

// The screen pixel over image pixel (50, row) of the 100x100 image (no pixel spacing: 1 mm taken).
QPoint overRow(const Shot& shot, int row) { return shot.pixelOf(0, 0.5, row - 49.5); }

bool near(QRgb p, int r, int g, int b)
{
    return std::abs(qRed(p) - r) <= 3 && std::abs(qGreen(p) - g) <= 3 && std::abs(qBlue(p) - b) <= 3;
}

} // namespace

TEST_CASE("16-bit RGB is shown through a window on every channel", "[app][screenshot][colour]")
{
    SECTION("at first the window spans every value")
    {
        const Shot shot = screenshot({rgb16}, {}, "rgb16-full");
        INFO(QJsonDocument(shot.view(0)).toJson().toStdString());
        CHECK(near(shot.image.pixel(overRow(shot, 5)), 255, 0, 0));      // 65535, 0, 0
        CHECK(near(shot.image.pixel(overRow(shot, 75)), 64, 64, 64));    // 16448 grey
        CHECK(near(shot.image.pixel(overRow(shot, 85)), 192, 192, 192)); // 49344 grey
    }
    SECTION("--window 32768,32768 maps 16384..49152 to black..white on each channel")
    {
        const Shot shot = screenshot({rgb16}, {"--window", "32768,32768"}, "rgb16-window");
        CHECK(near(shot.image.pixel(overRow(shot, 75)), 0, 0, 0));        // 16448: just above the low end
        CHECK(near(shot.image.pixel(overRow(shot, 85)), 255, 255, 255));  // 49344: above the top
        CHECK(near(shot.image.pixel(overRow(shot, 15)), 255, 128, 128));  // 65535, 32896, 32896
    }
}
