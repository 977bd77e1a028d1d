// Other producers' objects in the workstation: a study's SEG series are in the series strip with
// their kind's icon beside the CT (activating one says what it is, the CT stays); a MIM RT
// structure set is listed with its ROIs and drawn on the CT's slices, ROI by ROI.
#include "MainWindowFixture.h"

#include "SegmentationReactions.h"
#include "StatusPanel.h"
#include "SyncController.h"
#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/SeriesStrip.h"
#include "hf/dicomio/Segmentation.h"
#include "hf/viewer/ReportDisplay.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/StructureDisplay.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/rendering/SegmentSurfaces.h"
#include "hf/viewer/VolumeViewport.h"

#include <QDockWidget>
#include <QScreen>
#include <QSlider>
#include <QJsonArray>
#include <QTableWidget>
#include <QTreeWidget>

#include <functional>

using namespace hf;
using namespace hf::test;

namespace {

const QString kHighdicomCt = "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322";  // highdicom's ct_image.dcm's series

// The setup's cache with these files imported, and options that open the series in one view.
gui::GuiOptions importedSeries(const Setup& s, const QStringList& files, const QString& seriesUid)
{
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"import"} + files + QStringList{"--db", s.db}).exitCode == 0);
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = seriesUid;
    options.layout = "1x1";
    return options;
}

QString path(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// The highdicom CT and a presentation state made for it by DCMTK's dcmpsmk, edited by `edit`
// (given its path), imported; options that open the CT in one view.
gui::GuiOptions withPresentationState(const Setup& s, const std::function<void(const std::string&)>& edit)
{
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const std::string ps = (s.folder / "ps.dcm").string();
    REQUIRE(std::system(("dcmpsmk '" + ct + "' '" + ps + "'").c_str()) == 0);
    edit(ps);
    return importedSeries(s, {path(ct), path(ps)}, kHighdicomCt);
}

// The window's list of presentation states once the CT is shown and the state listed.
QTreeWidget* listedStates(gui::MainWindow& window)
{
    auto* list = window.findChild<QTreeWidget*>("presentation-state-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && list->topLevelItemCount() == 1; }, 30000));
    return list;
}

} // namespace

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

    // The Segments dock: both SEGs, each segment with its colour and volume; drawn on the CT.
    auto* list = window.findChild<QTreeWidget*>("segment-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return list->topLevelItemCount() == 2; }, 30000));
    CHECK(window.findChild<QDockWidget*>("segments")->isVisible());
    QTreeWidgetItem* liverSeg = list->topLevelItem(0)->childCount() == 1 ? list->topLevelItem(0) : list->topLevelItem(1);
    REQUIRE(liverSeg->childCount() == 1);
    const Segmentation liver = readSegmentation((corpus() / "dcmqi/data/segmentations/liver.dcm").string());
    const double ml = segmentVolumesMl(liver).at(1);
    CHECK(liverSeg->child(0)->text(0) == QString("Liver  %1 mL").arg(ml, 0, 'f', 1));
    SliceViewport* view = window.sliceViewport();
    auto drawnLabels = [&] {
        QStringList labels;
        for (const SegmentationDisplay::Drawn& d : view->segmentations().drawn())
            labels << QString::fromStdString(d.label);
        return labels;
    };
    REQUIRE(drawnLabels().contains("Liver"));
    CHECK(view->scene().hasLabelLayer());
    liverSeg->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK_FALSE(drawnLabels().contains("Liver"));
    liverSeg->child(0)->setCheckState(0, Qt::Checked);
    CHECK(drawnLabels().contains("Liver"));
    auto* opacity = window.findChild<QSlider*>("segment-opacity");
    REQUIRE(opacity);
    opacity->setValue(80);
    CHECK(view->segmentations().opacity() == Approx(0.8));
}

TEST_CASE("RT structures: listed with their colours, drawn on each slice they lie in, hidden and shown by ROI", "[gui][mainwindow][rtstruct]")
{
    const Setup s = prepare("mainwindow-rtstruct");
    const QString folder = QString::fromStdString((corpus() / "rt-utils/tests/mock_data").string());
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", folder, "--db", s.db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    options.layout = "1x1";
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    SliceViewport* view = window.sliceViewport();
    auto* list = window.findChild<QTreeWidget*>("structure-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && list->topLevelItemCount() == 2; }, 30000));
    CHECK(window.findChild<QDockWidget*>("structures")->isVisible());
    // The MIM set (same Frame of Reference as the CT) and rt-utils' own (another one: not drawn).
    QTreeWidgetItem* mim = list->topLevelItem(0);
    QTreeWidgetItem* other = list->topLevelItem(1);
    if (mim->text(0).contains("not drawn"))
        std::swap(mim, other);
    CHECK(mim->text(0).contains("MIM"));
    CHECK_FALSE(mim->text(0).contains("not drawn"));
    CHECK(other->text(0).contains("not drawn"));
    REQUIRE(mim->childCount() == 4);
    CHECK(mim->child(0)->text(0) == "ROI-1");
    CHECK(mim->child(0)->checkState(0) == Qt::Checked);

    // Slice 1 is z 60: every ROI has its contour there, in its colour, at z 60. The slice change
    // places the shapes of every source (our annotations, structures, reports, presentation
    // state, layers) once, not once per source.
    const int placementsBefore = view->scene().shapePlacements();
    view->setSlice(0);
    CHECK(view->scene().shapePlacements() - placementsBefore == 1);
    REQUIRE(view->structures().drawn().size() == 4);
    for (const StructureDisplay::Drawn& d : view->structures().drawn())
        for (const Vec3& p : d.points)
            CHECK(p.z == Approx(60));
    CHECK(view->structures().drawn()[0].colour == std::array<std::uint8_t, 3>{255, 0, 255});
    const size_t outlines = view->scene().contourShapes().size();
    CHECK(outlines >= 4);

    // ROI-1 hidden: gone from this slice and the next; shown again: back.
    mim->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK(view->structures().drawn().size() == 3);
    for (const StructureDisplay::Drawn& d : view->structures().drawn())
        CHECK(d.roiName != "ROI-1");
    view->setSlice(1);
    CHECK(view->structures().drawn().size() == 3);
    mim->child(0)->setCheckState(0, Qt::Checked);
    REQUIRE(view->structures().drawn().size() == 4);
    for (const Vec3& p : view->structures().drawn()[0].points)
        CHECK(p.z == Approx(65));

    // Switched to MPR: the axial plane (through the volume's middle, between the slices) draws
    // the same ROIs, and follows the list's check boxes.
    REQUIRE(window.setLayoutName("mpr"));
    const MprObjectDisplay& mpr = window.mprWidget()->objects();
    REQUIRE(QTest::qWaitFor([&] { return mpr.drawn(MprPlane::Axial).rois.size() == 4; }, 5000));
    mim->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK(mpr.drawn(MprPlane::Axial).rois.size() == 3);
}

TEST_CASE("other producers' reports: listed with groups and content, measurements hidden and shown by group", "[gui][mainwindow][sr]")
{
    const Setup s = prepare("mainwindow-sr");
    const auto files = corpus() / "highdicom/data/test_files";
    const gui::GuiOptions options = importedSeries(
        s, {path(files / "ct_image.dcm"), path(files / "sr_document.dcm"), path(files / "sr_document_with_multiple_groups.dcm")}, kHighdicomCt);
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* list = window.findChild<QTreeWidget*>("report-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && list->topLevelItemCount() == 2; }, 30000));
    CHECK(window.findChild<QDockWidget*>("reports")->isVisible());
    QTreeWidgetItem* single = list->topLevelItem(0)->childCount() == 2 ? list->topLevelItem(0) : list->topLevelItem(1);
    QTreeWidgetItem* multiple = single == list->topLevelItem(0) ? list->topLevelItem(1) : list->topLevelItem(0);
    CHECK(single->text(0).startsWith("Imaging Measurement Report"));
    REQUIRE(single->childCount() == 2);  // its one group, then the document
    CHECK(single->child(0)->text(0) == "Spinal cord; Area of defined region: 1.7 cm2");
    CHECK(single->child(1)->text(0) == "Document");
    CHECK(single->child(1)->childCount() > 5);
    CHECK(multiple->childCount() == 5);  // four groups and the document
    SliceViewport* view = window.sliceViewport();
    auto spinalCordDrawn = [&] {
        for (const ReportDisplay::Drawn& d : view->reports().drawn())
            if (d.label.rfind("Spinal cord", 0) == 0)
                return true;
        return false;
    };
    REQUIRE(spinalCordDrawn());
    single->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK_FALSE(spinalCordDrawn());
    single->child(0)->setCheckState(0, Qt::Checked);
    CHECK(spinalCordDrawn());
}

TEST_CASE("another producer's key images: listed under the selection's title, marked in the corner until unchecked", "[gui][mainwindow][kos]")
{
    const Setup s = prepare("mainwindow-kos");
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const std::string kos = (s.folder / "kos.dcm").string();
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/make-kos.py' '" + ct + "' '" + kos + "'").c_str()) == 0);
    const gui::GuiOptions options = importedSeries(s, {path(ct), path(kos)}, kHighdicomCt);
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* list = window.findChild<QTreeWidget*>("key-object-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && list->topLevelItemCount() == 1; }, 30000));
    QTreeWidgetItem* selection = list->topLevelItem(0);
    CHECK(selection->text(0) == "For Teaching (1 images) from pydicom test");
    REQUIRE(selection->childCount() == 1);
    CHECK(selection->child(0)->text(0) == "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
    auto topRight = [&] { return QString::fromStdString(window.sliceViewport()->scene().overlay().shownCornerText(SliceOverlay::TopRight)); };
    REQUIRE(QTest::qWaitFor([&] { return topRight().startsWith("Key image: For Teaching"); }, 5000));
    selection->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK_FALSE(topRight().contains("Key image"));
    selection->child(0)->setCheckState(0, Qt::Checked);
    CHECK(topRight().startsWith("Key image: For Teaching"));
}

TEST_CASE("a foreign measurement is listed with my annotations, from its producer, and copied from there", "[gui][mainwindow][sr]")
{
    const Setup s = prepare("mainwindow-sr-copy");
    const auto files = corpus() / "highdicom/data/test_files";
    const gui::GuiOptions options = importedSeries(s, {path(files / "ct_image.dcm"), path(files / "sr_document.dcm")}, kHighdicomCt);
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* list = window.findChild<QTreeWidget*>("report-list");
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && list->topLevelItemCount() == 1; }, 30000));
    SliceViewport* view = window.sliceViewport();
    REQUIRE(view->reports().drawn().size() == 1);
    const std::vector<Vec3> circle = view->reports().drawn()[0].points;
    // The annotation list: nothing of mine yet, the report's one group read-only, named by its
    // producer and date as DCMTK reads them from the file.
    AnnotationListPanel* panel = window.annotationList();
    REQUIRE(QTest::qWaitFor([&] { return panel->rowCount() == 1; }, 10000));
    CHECK(window.findChild<QDockWidget*>("annotations")->isVisible());
    const ProcessResult dump = runProcess("dcmdump", {"+P", "Manufacturer", "+P", "ContentDate", path(files / "sr_document.dcm")});
    const QString manufacturer = dump.out.section('[', 1, 1).section(']', 0, 0);
    const QString date = dump.out.section('[', 2, 2).section(']', 0, 0);
    REQUIRE(date.size() == 8);
    CHECK(panel->cellText(0, 0) == "CIRCLE");
    CHECK(panel->cellText(0, 1) == "Spinal cord; Area of defined region: 1.7 cm2");
    CHECK(panel->cellText(0, 2) == "1");  // the CT's one image
    CHECK(panel->cellText(0, 3) == QString("from %1, %2-%3-%4").arg(manufacturer, date.left(4), date.mid(4, 2), date.right(2)));
    CHECK(panel->cellText(0, 5) == "read-only");
    panel->table()->setCurrentCell(0, 0);
    auto* copy = window.findChild<QAction*>("copy-foreign-to-annotations");
    REQUIRE(copy);
    copy->trigger();
    REQUIRE(QTest::qWaitFor([&] { return view->editing().annotations().size() == 1; }, 10000));
    const ViewAnnotation& mine = view->editing().annotations().front();
    CHECK(mine.annotation.kind == AnnotationKind::Ellipse);
    CHECK(QString::fromStdString(mine.annotation.label) == "Spinal cord");
    // Its box holds the drawn circle: the corners span the outline's extent.
    double minX = INFINITY, maxX = -INFINITY;
    for (const Vec3& p : circle) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
    }
    REQUIRE(mine.annotation.points.size() == 2);
    CHECK(std::min(mine.annotation.points[0].x, mine.annotation.points[1].x) == Approx(minX).margin(1e-6));
    CHECK(std::max(mine.annotation.points[0].x, mine.annotation.points[1].x) == Approx(maxX).margin(1e-6));
    CHECK(mine.summary.find("Area") != std::string::npos);  // measured as ours are
    // Listed now: mine first, the report's below it.
    REQUIRE(QTest::qWaitFor([&] { return panel->rowCount() == 2; }, 5000));
    CHECK(panel->cellText(0, 0) == "ellipse");
    CHECK(panel->cellText(1, 5) == "read-only");
    // The Reports dock's own "Copy to my annotations" does the same.
    list->setCurrentItem(list->topLevelItem(0)->child(0));
    window.findChild<QAction*>("copy-to-annotations")->trigger();
    REQUIRE(QTest::qWaitFor([&] { return view->editing().annotations().size() == 2; }, 10000));
}

TEST_CASE("O turns the image's overlay planes off and on", "[gui][mainwindow][overlay]")
{
    const Setup s = prepare("mainwindow-overlay");
    for (const auto& entry : std::filesystem::directory_iterator(s.phantom))  // every image: whichever slice shows
        REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-overlay.py' '" + entry.path().string()
                             + "' 2 5 2 5").c_str()) == 0);
    gui::GuiOptions options = optionsFor(s);
    options.paths = {QString::fromStdString(s.phantom.string())};
    options.layout = "1x1";
    options.slice = 1;
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    window.open(options.paths);  // as main() does
    SliceViewport* view = window.sliceViewport();
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && view->overlayPlanesShown() == 1; }, 30000));
    CHECK(view->scene().hasLabelLayer());
    QTest::keyClick(view, Qt::Key_O);
    CHECK(view->overlayPlanesShown() == 0);
    CHECK_FALSE(view->scene().hasLabelLayer());
    QTest::keyClick(view, Qt::Key_O);
    CHECK(view->overlayPlanesShown() == 1);
}

TEST_CASE("another producer's presentation state: applied to the active view on demand, named in the corner, taken off", "[gui][mainwindow][gsps]")
{
    const Setup s = prepare("mainwindow-gsps");
    // Graphics, window and flip added with pydicom, a circular shutter with dcmodify.
    TestWindow shown(withPresentationState(s, [](const std::string& ps) {
        REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-graphics.py' '" + ps
                             + "' 1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322").c_str()) == 0);
        REQUIRE(std::system(("dcmodify -nb -q -i \"(0018,1600)=CIRCULAR\" -i \"(0018,1610)=64\\64\" -i \"(0018,1612)=50\" '" + ps + "'").c_str()) == 0);
    }));
    gui::MainWindow& window = *shown.window;
    QTreeWidget* list = listedStates(window);
    SliceViewport* view = window.sliceViewport();
    QTreeWidgetItem* state = list->topLevelItem(0);
    CHECK(state->text(0) == "READER 2 (pydicom test)");
    REQUIRE(state->childCount() == 1);
    CHECK(state->child(0)->checkState(0) == Qt::Unchecked);  // nothing applied unasked
    CHECK(view->presentation().applied() == nullptr);
    CHECK_FALSE(view->shutterOnSlice());  // the CT has none of its own
    const bool flippedBefore = view->scene().viewState().screenRight().x < 0;

    state->child(0)->setCheckState(0, Qt::Checked);
    REQUIRE(view->presentation().applied());
    auto topRight = [&] { return QString::fromStdString(view->scene().overlay().shownCornerText(SliceOverlay::TopRight)); };
    CHECK(topRight().startsWith("PS: READER 2"));
    CHECK(view->shutterOnSlice());  // the state's circular shutter
    CHECK(view->scene().windowCenter() == Approx(40));
    CHECK(view->scene().windowWidth() == Approx(400));
    CHECK((view->scene().viewState().screenRight().x < 0) != flippedBefore);  // flipped
    REQUIRE(view->presentation().drawn().size() == 2);  // the line and the text
    const auto& line = view->presentation().drawn()[0];
    REQUIRE(line.points.size() == 2);
    const StackGeometry& g = view->volume()->geometry();
    const Vec3 expected = g.toPatient(10 - 0.5, 12 - 0.5, 0);  // PIXEL (10,12): the pixel corner convention
    CHECK(line.points[0].x == Approx(expected.x));
    CHECK(line.points[0].y == Approx(expected.y));
    CHECK(view->presentation().drawn()[1].text == "lesion");
    bool red = false;
    for (const OverlayShape& shape : view->scene().contourShapes())
        red = red || (shape.id.rfind("gsps:", 0) == 0 && shape.colour && (*shape.colour)[0] > 240 && (*shape.colour)[1] < 20);
    CHECK(red);

    state = list->topLevelItem(0);  // the list was filled again
    state->child(0)->setCheckState(0, Qt::Unchecked);
    CHECK(view->presentation().applied() == nullptr);
    CHECK_FALSE(topRight().contains("PS:"));
    CHECK_FALSE(view->shutterOnSlice());
    CHECK(view->presentation().drawn().empty());
}

TEST_CASE("a presentation state's displayed area: the view zooms to the area and centres it", "[gui][mainwindow][gsps]")
{
    const Setup s = prepare("mainwindow-gsps-area");
    // The image's top-left quadrant (64 x 64 of its 128 x 128 pixels), scaled to fit.
    TestWindow shown(withPresentationState(s, [](const std::string& ps) {
        REQUIRE(std::system(("dcmodify -nb -q -m \"(0070,005a)[0].(0070,0052)=1\\\\1\" -m \"(0070,005a)[0].(0070,0053)=64\\\\64\" '" + ps + "'").c_str()) == 0);
    }));
    gui::MainWindow& window = *shown.window;
    QTreeWidget* list = listedStates(window);
    SliceViewport* view = window.sliceViewport();
    const double mmBefore = view->scene().millimetresPerPixel();
    list->topLevelItem(0)->child(0)->setCheckState(0, Qt::Checked);
    REQUIRE(view->presentation().applied());
    REQUIRE(view->presentation().applied()->displayedArea);
    CHECK(view->scene().millimetresPerPixel() == Approx(mmBefore / 2).epsilon(0.02));
    const StackGeometry& g = view->volume()->geometry();
    const auto centre = view->scene().viewPosition(g.toPatient(31.5, 31.5, 0));  // the quadrant's centre, pixel (32.5, 32.5)
    const auto size = view->scene().viewSize();
    CHECK(centre[0] == Approx(size[0] / 2.0).margin(1.5));
    CHECK(centre[1] == Approx(size[1] / 2.0).margin(1.5));
}

TEST_CASE("objects that reach the cache while their study is open (the sync pulled them) are read and drawn at once", "[gui][mainwindow][seg]")
{
    const Setup s = prepare("mainwindow-seg-arrives");
    const auto folder = corpus() / "dcmqi/data/segmentations";
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", path(folder / "ct-3slice"), "--db", s.db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", path(folder / "ct-3slice"), "--json"}).out.toUtf8()).object();
    const QString studyUid = info["patients"][0]["studies"][0]["uid"].toString();
    REQUIRE_FALSE(studyUid.isEmpty());
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    options.layout = "1x1";
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* list = window.findChild<QTreeWidget*>("segment-list");
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && !window.segmentationReactions()->reading(); }, 30000));
    CHECK(list->topLevelItemCount() == 0);
    CHECK(window.sliceViewport()->segmentations().drawn().empty());
    // The liver SEG arrives in the cache (as the sync's pull puts it there) and the sync says so.
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", path(folder / "liver.dcm"), "--db", s.db}).exitCode == 0);
    emit window.syncController()->objectsArrived(studyUid);
    REQUIRE(QTest::qWaitFor([&] { return list->topLevelItemCount() == 1; }, 30000));
    CHECK(list->topLevelItem(0)->child(0)->text(0).startsWith("Liver"));
    CHECK(window.findChild<QDockWidget*>("segments")->isVisible());
    REQUIRE(QTest::qWaitFor([&] { return !window.sliceViewport()->segmentations().drawn().empty(); }, 5000));
    CHECK(window.sliceViewport()->segmentations().drawn().front().label == "Liver");
    // Another study's arrival changes nothing here.
    emit window.syncController()->objectsArrived("1.2.3.4");
    QTest::qWait(200);
    CHECK(list->topLevelItemCount() == 1);
}

TEST_CASE("a presentation state's TRUE SIZE displayed area shows a millimetre of the patient as a millimetre of the screen", "[gui][mainwindow][gsps]")
{
    const Setup s = prepare("mainwindow-gsps-true-size");
    TestWindow shown(withPresentationState(s, [](const std::string& ps) {
        REQUIRE(std::system(("dcmodify -nb -q -m \"(0070,005a)[0].(0070,0100)=TRUE SIZE\" '" + ps + "'").c_str()) == 0);
    }));
    gui::MainWindow& window = *shown.window;
    QTreeWidget* list = listedStates(window);
    SliceViewport* view = window.sliceViewport();
    list->topLevelItem(0)->child(0)->setCheckState(0, Qt::Checked);
    REQUIRE(view->presentation().applied());
    REQUIRE(view->presentation().applied()->displayedArea->sizeMode == "TRUE SIZE");
    // The screen's physical pixel size as Qt reports it (Xvfb's: its DPI).
    const QScreen* screen = view->screen();
    REQUIRE(screen);
    const double screenMm = 25.4 / (screen->physicalDotsPerInch() * view->devicePixelRatioF());
    CHECK(view->scene().millimetresPerPixel() == Approx(screenMm).epsilon(0.01));
}

TEST_CASE("segment surfaces are made for a 3D view once it is shown, not while it is hidden", "[gui][mainwindow][seg]")
{
    const Setup s = prepare("mainwindow-seg-3d-lazy");
    // A phantom and a ball SEG over it (pydicom), in the window's cache.
    const QString ct = QString::fromStdString((s.folder / "ct").string());
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"make-phantom", "--out", ct, "--size", "32x32x8", "--spacing", "1,1,2"}).exitCode == 0);
    const std::string seg = (s.folder / "seg.dcm").string();
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/make-seg.py' '" + ct.toStdString() + "' '" + seg
                         + "' 2,-2,0 5 > /dev/null")
                            .c_str())
            == 0);
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", ct, "--json"}).out.toUtf8()).object();
    const gui::GuiOptions options = importedSeries(s, {ct, path(seg)}, info["patients"][0]["studies"][0]["series"][0]["uid"].toString());
    TestWindow shown(options);  // 1x1: no 3D view on screen
    gui::MainWindow& window = *shown.window;
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && !window.segmentationReactions()->reading()
                                         && !window.sliceViewport()->segmentations().segmentations().empty(); },
                            30000));
    QTest::qWait(300);
    VolumeViewport* volume = window.volumeViewport();
    CHECK_FALSE(volume->isVisible());
    CHECK_FALSE(volume->makingSurfaces());
    CHECK(volume->surfaces().empty());
    REQUIRE(window.setLayoutName("3d"));
    REQUIRE(QTest::qWaitFor([&] { return volume->isVisible() && !volume->makingSurfaces() && volume->surfaces().size() == 1; }, 30000));
    CHECK(volume->surfaces().front().label == "Sphere");
}
