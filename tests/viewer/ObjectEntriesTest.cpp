// Series of objects with no image (SR, SEG, RTSTRUCT...) in the study list's series pane and in
// the series strip: an icon of their kind, what they are in words, and nothing sent to a view.
#include "hf/viewer/ObjectIcon.h"
#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using namespace hf;

namespace {

// The tile's colour where no text is drawn (its lower left corner area).
QColor tileColour(const QImage& icon)
{
    return icon.pixelColor(icon.width() / 5, icon.height() * 4 / 5);
}

} // namespace

TEST_CASE("object icons: one colour per kind, the kind written on a dark tile", "[viewer][objects]")
{
    const QImage sr = objectIcon("SR", 64), seg = objectIcon("SEG", 64), rt = objectIcon("RTSTRUCT", 64);
    REQUIRE(sr.size() == QSize(64, 64));
    CHECK(tileColour(sr) != tileColour(seg));
    CHECK(tileColour(seg) != tileColour(rt));
    CHECK(tileColour(sr).blue() > tileColour(sr).red());    // reports blue
    CHECK(tileColour(seg).green() > tileColour(seg).red());  // segmentations green
    CHECK(tileColour(rt).red() > tileColour(rt).green());    // RT red
    // The corner outside the tile is the strip's dark background.
    CHECK(sr.pixelColor(1, 1).lightness() < 40);
    // White text in the middle: some bright pixels on the tile.
    int bright = 0;
    for (int y = 24; y < 40; ++y)
        for (int x = 8; x < 56; ++x)
            bright += sr.pixelColor(x, y).lightness() > 200;
    CHECK(bright > 20);
}

TEST_CASE("the series pane lists a series of objects with its class and never opens it in a view", "[viewer][objects]")
{
    StudyListWidget widget;
    widget.resize(900, 500);
    widget.show();
    REQUIRE(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy opens(&widget, &StudyListWidget::openSeriesRequested);
    QSignalSpy objects(&widget, &StudyListWidget::objectsActivated);
    SeriesRow ct{"1.2.1", "CT", "Abdomen", 2, 120, 1, 0, {}, {}};
    SeriesRow sr{"1.2.9", "SR", "Measurements", 9, 0, 1, 0, {}, {}};
    sr.objectCount = 2;
    sr.objectClass = "1.2.840.10008.5.1.4.1.1.88.34";
    widget.setSeries("1.2", {ct, sr});
    auto* pane = widget.findChild<QListWidget*>("study-series");
    REQUIRE(pane);
    REQUIRE(pane->count() == 2);
    CHECK(pane->item(0)->text().contains("120 images"));
    CHECK(pane->item(1)->text() == "9  SR  Measurements  (2 Comprehensive 3D SR objects)");
    CHECK_FALSE(pane->item(1)->icon().isNull());

    pane->setFocus();
    pane->setCurrentRow(1);
    QTest::keyClick(pane, Qt::Key_Return);
    CHECK(opens.count() == 0);
    REQUIRE(objects.count() == 1);
    CHECK(objects[0][0].toString() == "Series 9: 2 Comprehensive 3D SR objects");
    pane->setCurrentRow(0);
    QTest::keyClick(pane, Qt::Key_Return);
    REQUIRE(opens.count() == 1);
    CHECK(opens[0][1].toString() == "1.2.1");
}

TEST_CASE("the strip shows a series of objects with its kind's icon; activating it asks nothing of a view", "[viewer][objects]")
{
    SeriesStrip strip;
    StripEntry image;
    image.studyUid = "1.2";
    image.seriesUid = "1.2.1";
    image.seriesNumber = 2;
    image.images = 120;
    image.modality = "CT";
    StripEntry seg;
    seg.studyUid = "1.2";
    seg.seriesUid = "1.2.7";
    seg.seriesNumber = 7;
    seg.modality = "SEG";
    seg.description = "Liver";
    seg.objects = 1;
    seg.objectKind = "SEG";
    seg.objectClass = "Segmentation";
    seg.thumbnail = objectIcon("SEG", 64);
    strip.setEntries("1.2", {image, seg});
    REQUIRE(strip.entryCount() == 2);
    CHECK(strip.entryText(1) == "7  SEG  Liver (1)\nSegmentation");
    strip.markShown({{"1.2.7", 0}});  // never shown in a view: no mark
    CHECK_FALSE(strip.entryText(1).contains("[view"));

    QSignalSpy opens(&strip, &SeriesStrip::openRequested);
    QSignalSpy objects(&strip, &SeriesStrip::objectsRequested);
    strip.activate(1);
    CHECK(opens.count() == 0);
    CHECK(objects.count() == 1);
    strip.activate(0);
    CHECK(opens.count() == 1);

    auto* list = strip.findChild<QListWidget*>("series-strip");
    REQUIRE(list);
    CHECK_FALSE(list->item(1)->icon().isNull());
    // Dragging it onto a view carries nothing a view accepts.
    CHECK(list->model()->mimeData({list->model()->index(1, 0)}) == nullptr);
    CHECK(list->model()->mimeData({list->model()->index(0, 0)}) != nullptr);
}
