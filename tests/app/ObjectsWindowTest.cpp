// A study with another producer's segmentations, opened in the workstation: its SEG series are in
// the series strip with their kind's icon beside the CT, and activating one says what it is
// without taking the CT out of the view.
#include "MainWindowFixture.h"

#include "StatusPanel.h"
#include "hf/viewer/SeriesStrip.h"

#include <QJsonArray>

using namespace hf;
using namespace hf::test;

TEST_CASE("a study's SEG series appear in the strip with their icon and do not replace the CT", "[gui][mainwindow][objects]")
{
    const Setup s = prepare("mainwindow-objects");
    const QString folder = QString::fromStdString((corpus() / "dcmqi/data/segmentations").string());
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", folder, "--db", s.db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    const QJsonObject study = info["patients"][0]["studies"][0].toObject();
    REQUIRE(study["objects"].toArray().size() == 2);
    gui::GuiOptions options = optionsFor(s);
    options.studyUid = study["uid"].toString();  // through its hanging protocol, as Enter in the study list
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* strip = window.findChild<SeriesStrip*>();
    REQUIRE(strip);
    REQUIRE(QTest::qWaitFor([&] { return strip->entryCount() == 3 && hasVolume(window); }, 30000));
    // Series order: SEG 1, CT 2, SEG 100.
    CHECK(strip->entry(0).objectKind == "SEG");
    CHECK(strip->entry(0).objectClass == "Segmentation");
    CHECK(strip->entry(0).description == "Liver Segmentation");
    CHECK(strip->entry(1).modality == "CT");
    CHECK(strip->entry(1).images == 3);
    CHECK_FALSE(strip->entry(1).isObjects());
    CHECK(strip->entry(2).objectKind == "SEG");
    CHECK(strip->entry(2).seriesNumber == 100);
    for (int i : {0, 2}) {
        CHECK(strip->entry(i).objects == 1);
        CHECK(strip->entryText(i).endsWith("\nSegmentation"));
        CHECK_FALSE(strip->entry(i).thumbnail.isNull());
    }
    // The hanging protocol hung the CT, not a segmentation.
    CHECK(window.sliceViewport()->seriesInfo().series.modality == "CT");
    REQUIRE(QTest::qWaitFor([&] { return strip->entryText(1).contains("[view 1]"); }, 10000));

    strip->activate(0);
    auto* status = window.findChild<gui::StatusPanel*>();
    REQUIRE(status);
    CHECK(status->message().contains("Series 1 holds 1 SEG object(s) (Segmentation)"));
    QTest::qWait(300);
    CHECK(window.sliceViewport()->seriesInfo().series.modality == "CT");
    CHECK(strip->entryText(1).contains("[view 1]"));
}
