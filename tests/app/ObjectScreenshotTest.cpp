// Other producers' objects over their images, as the workstation draws them: a MIM RT structure
// set's contours on the slice they lie in, in each ROI's display colour, where their patient
// coordinates fall on screen (rt-utils' set of another Frame of Reference is not drawn); dcmqi's
// segmentations as coloured masks where their pixels are.
#include "ScreenshotRun.h"

#include <filesystem>

#include "hf/dicomio/Segmentation.h"

using namespace hf::test;


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

TEST_CASE("dcmqi's SEGs are drawn over their CT in their colours, pixel for pixel where the masks are", "[gui][screenshot][seg]")
{
    const QString folder = QString::fromStdString((corpus() / "dcmqi/data/segmentations").string());
    const Shot shot = screenshot({folder}, {"--layout", "1x1", "--slice", "2"}, "seg");
    const QJsonObject view = shot.view(0);
    REQUIRE(view["slice"].toInt() == 2);
    CHECK(view["segment_opacity"].toDouble() == Approx(0.5));
    const hf::Segmentation liver = hf::readSegmentation((corpus() / "dcmqi/data/segmentations/liver.dcm").string());
    const QJsonArray centre = view["plane_center"].toArray();
    const hf::Vec3 planeCentre{centre[0].toDouble(), centre[1].toDouble(), centre[2].toDouble()};
    const hf::SegmentFrame* frame = nullptr;
    for (const hf::SegmentFrame& f : liver.frames)
        if (std::abs(f.position.z - planeCentre.z) < 0.1)
            frame = &f;
    REQUIRE(frame);
    long long inFrame = 0;
    for (std::uint8_t v : frame->mask)
        inFrame += v == 255;
    // The liver segment on this slice covers as many pixels as its frame has, in its colour.
    bool found = false;
    for (const QJsonValue s : view["segments"].toArray())
        if (s["label"] == "Liver") {
            found = true;
            CHECK(s["pixels"].toInt() == inFrame);
            CHECK(s["colour"].toArray()[0].toInt() == liver.segments[0].colour[0]);
        }
    CHECK(found);
    // On screen: pixels well inside the liver mask are tinted (its colour is reddish: red above
    // green); pixels outside every segment keep their greys. Sampled along the mask's rows.
    // The other SEG's segments (GREEN, ORANGE...) lie over parts of the liver: left out, by the
    // same pixel grid (both were made on this CT).
    const hf::Segmentation overlaps = hf::readSegmentation((corpus() / "dcmqi/data/segmentations/partial_overlaps.dcm").string());
    REQUIRE(overlaps.rows == liver.rows);
    auto covered = [&](const hf::Segmentation& seg, int u, int v) {
        for (const hf::SegmentFrame& f : seg.frames)
            if (std::abs(f.position.z - planeCentre.z) < 0.1 && f.mask[size_t(v) * size_t(seg.columns) + size_t(u)])
                return true;
        return false;
    };
    auto inside = [&](int u, int v) {
        for (int dv = -2; dv <= 2; ++dv)
            for (int du = -2; du <= 2; ++du)
                if (frame->mask[size_t(v + dv) * size_t(liver.columns) + size_t(u + du)] != 255 || covered(overlaps, u + du, v + dv))
                    return false;
        return true;
    };
    int tinted = 0, sampled = 0;
    for (int v = 10; v < liver.rows - 10; v += 16)
        for (int u = 10; u < liver.columns - 10; u += 16) {
            if (!inside(u, v))
                continue;
            const hf::Vec3 p = frame->position + liver.rowDirection * (u * liver.columnSpacing) + liver.columnDirection * (v * liver.rowSpacing);
            const QPoint at = shot.pixelOf(0, p.x - planeCentre.x, p.y - planeCentre.y);
            const QColor c = shot.image.pixelColor(at);
            ++sampled;
            tinted += c.red() >= c.green() + 15;
        }
    REQUIRE(sampled >= 20);
    CHECK(tinted >= sampled * 9 / 10);
}

TEST_CASE("highdicom's TID 1500 measurements are drawn read-only where their coordinates say", "[gui][screenshot][sr]")
{
    const auto files = corpus() / "highdicom/data/test_files";
    const QStringList paths{QString::fromStdString((files / "ct_image.dcm").string()), QString::fromStdString((files / "sr_document.dcm").string()),
                            QString::fromStdString((files / "sr_document_with_multiple_groups.dcm").string())};
    const Shot shot = screenshot(paths, {"--layout", "1x1"}, "sr");
    const QJsonObject view = shot.view(0);
    const QJsonArray drawn = view["foreign_measurements"].toArray();
    // sr_document: the spinal cord circle on the CT image; the other report: the groups with a region on it.
    REQUIRE(drawn.size() >= 2);
    QJsonObject circle;
    for (const QJsonValue d : drawn)
        if (d["label"].toString().startsWith("Spinal cord"))
            circle = d.toObject();
    REQUIRE_FALSE(circle.isEmpty());
    CHECK(circle["label"].toString() == "Spinal cord; Area of defined region: 1.7 cm2");
    // The circle (centre column 58, row 52; through column 58, row 41: radius 11 pixels) on screen:
    // its outline's centroid is the centre pixel's middle, its radius 11 pixels' worth of mm.
    const QJsonObject info = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", "--json", paths[0]}).out.toUtf8()).object();
    const QJsonObject stack = info["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject();
    const double spacing = stack["spacing"].toArray()[0].toDouble();
    const QJsonArray origin = stack["origin"].toArray();
    const QJsonArray centre = view["plane_center"].toArray();
    const double mm = view["mm_per_pixel"].toDouble();
    const QRect r = shot.rect(0);
    // Axial, unrotated: screen right = patient x, down = patient y; SCOORD (0,0) is the first pixel's corner.
    const double cx = origin[0].toDouble() + (58 - 0.5) * spacing, cy = origin[1].toDouble() + (52 - 0.5) * spacing;
    const QPoint expected(int(std::lround(r.x() + r.width() / 2.0 + (cx - centre[0].toDouble()) / mm)),
                          int(std::lround(r.y() + r.height() / 2.0 + (cy - centre[1].toDouble()) / mm)));
    double sx = 0, sy = 0;
    const QJsonArray points = circle["points"].toArray();
    for (const QJsonValue p : points) {
        sx += p[0].toDouble();
        sy += p[1].toDouble();
    }
    CHECK(r.x() + sx / points.size() == Approx(expected.x()).margin(1.0));
    CHECK(r.y() + sy / points.size() == Approx(expected.y()).margin(1.0));
    const double radius = std::hypot(points[0][0].toDouble() - sx / points.size(), points[0][1].toDouble() - sy / points.size());
    CHECK(radius == Approx(11 * spacing / mm).epsilon(0.02));
    // Drawn in the foreign colour (light blue), not our annotations' green.
    int onColour = 0;
    for (const QJsonValue p : points)
        onColour += colourNear(shot.image, QPoint(r.x() + int(std::lround(p[0].toDouble())), r.y() + int(std::lround(p[1].toDouble()))),
                               QColor(110, 190, 255));
    CHECK(onColour >= int(points.size()) * 9 / 10);
}

TEST_CASE("another producer's key object selection flags its image in the corner text with its title", "[gui][screenshot][kos]")
{
    const auto folder = scratch("kos-source");
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const std::string kos = (folder / "kos.dcm").string();
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/make-kos.py' '" + ct + "' '" + kos + "'").c_str()) == 0);
    const Shot shot = screenshot({QString::fromStdString(ct), QString::fromStdString(kos)}, {"--layout", "1x1"}, "kos");
    const QString topRight = shot.view(0)["corners"].toObject()["top_right"].toString();
    CHECK(topRight.startsWith("Key image: For Teaching"));
    // An image no selection names says nothing of the kind.
    const Shot other = screenshot({QString::fromStdString(ct)}, {"--layout", "1x1"}, "kos-none");
    CHECK_FALSE(other.view(0)["corners"].toObject()["top_right"].toString().contains("Key image"));
}

TEST_CASE("an image's overlay plane is drawn white and its display shutter blanks the rest", "[gui][screenshot][overlay]")
{
    const QString dir = makePhantom("overlay-phantom", {"--size", "64x64x2"});
    const QString file = dir + "/IM0001.dcm";
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-overlay.py' '" + file.toStdString() + "' 10 20 5 30").c_str()) == 0);
    REQUIRE(std::system(("dcmodify -nb -q -i \"(0018,1600)=RECTANGULAR\" -i \"(0018,1602)=8\" -i \"(0018,1604)=56\" -i \"(0018,1606)=4\" "
                         "-i \"(0018,1608)=60\" -i \"(0018,1622)=40000\" '" + file.toStdString() + "'").c_str()) == 0);
    const Shot shot = screenshot({dir}, {"--layout", "1x1", "--slice", "1"}, "overlay");
    const QJsonObject view = shot.view(0);
    REQUIRE(view["slice"].toInt() == 1);
    CHECK(view["overlays_shown"].toBool());
    CHECK(view["overlay_planes"].toInt() == 1);
    CHECK(view["shutter"].toBool());
    // Image pixel (row, column), 1-based, on screen: the 64x64 image fitted around the view's centre.
    const QJsonObject info = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", "--json", file}).out.toUtf8()).object();
    const double spacing = info["patients"][0]["studies"][0]["series"][0]["stacks"][0]["spacing"].toArray()[0].toDouble();
    const double mm = view["mm_per_pixel"].toDouble();
    const QRect r = shot.rect(0);
    auto at = [&](int row, int column) {
        return QPoint(int(std::lround(r.x() + r.width() / 2.0 + (column - 1 - 31.5) * spacing / mm)),
                      int(std::lround(r.y() + r.height() / 2.0 + (row - 1 - 31.5) * spacing / mm)));
    };
    const QColor inOverlay = shot.image.pixelColor(at(15, 20));
    CHECK(inOverlay == QColor(255, 255, 255));
    const QColor outside = shot.image.pixelColor(at(2, 32));  // above the shutter's upper edge
    CHECK(std::abs(outside.red() - 156) <= 2);
    CHECK(outside.red() == outside.blue());
    const QColor overlayOutsideShutter = shot.image.pixelColor(at(15, 6));
    CHECK(std::abs(overlayOutsideShutter.red() - 156) <= 2);
}

TEST_CASE("--presentation-state applies another producer's GSPS: its graphics in its layer colour, its window and flip", "[gui][screenshot][gsps]")
{
    const auto folder = scratch("gsps-source");
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const std::string ps = (folder / "ps.dcm").string();
    REQUIRE(std::system(("dcmpsmk '" + ct + "' '" + ps + "'").c_str()) == 0);
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-graphics.py' '" + ps
                         + "' 1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322").c_str()) == 0);
    const QString dumped = runProcess("dcmdump", {"-q", "+P", "0008,0018", QString::fromStdString(ps)}).out;
    const QString psUid = dumped.mid(dumped.indexOf('[') + 1, dumped.indexOf(']') - dumped.indexOf('[') - 1);
    REQUIRE_FALSE(psUid.isEmpty());
    const Shot shot = screenshot({QString::fromStdString(ct), QString::fromStdString(ps)},
                                 {"--layout", "1x1", "--presentation-state", psUid}, "gsps");
    const QJsonObject view = shot.view(0);
    CHECK(view["corners"].toObject()["top_right"].toString().startsWith("PS: READER 2"));
    CHECK(view["window"].toArray()[0].toDouble() == Approx(40));
    CHECK(view["window"].toArray()[1].toDouble() == Approx(400));
    CHECK(view["flipped_horizontally"].toBool());
    CHECK(view["labels"].toObject()["left"].toString() == "L");  // flipped: the patient's left on the left
    const QJsonArray graphics = view["presentation_state"].toObject()["graphics"].toArray();
    REQUIRE(graphics.size() == 2);
    // The line from (10,12) to (50,12): drawn red along its length; flipped, its first point is to the right of its second.
    const QJsonArray line = graphics[0].toObject()["points"].toArray();
    REQUIRE(line.size() == 2);
    CHECK(line[0][0].toDouble() > line[1][0].toDouble());
    const QRect r = shot.rect(0);
    int red = 0;
    for (int i = 1; i < 10; ++i) {
        const double x = line[0][0].toDouble() + (line[1][0].toDouble() - line[0][0].toDouble()) * i / 10;
        red += colourNear(shot.image, QPoint(r.x() + int(std::lround(x)), r.y() + int(std::lround(line[0][1].toDouble()))), QColor(255, 0, 0));
    }
    CHECK(red >= 8);
    CHECK(graphics[1].toObject()["text"].toString() == "lesion");
}

namespace {

// The highdicom CT (or a copy of it) with a dcmpsmk GSPS edited by add-gsps-graphics.py in MODE,
// applied at start.
Shot gspsShot(const std::string& mode, std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string())
{
    const auto folder = scratch("gsps-source-" + mode);
    const std::string ps = (folder / "ps.dcm").string();
    REQUIRE(std::system(("dcmpsmk '" + ct + "' '" + ps + "'").c_str()) == 0);
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-graphics.py' '" + ps
                         + "' 1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322 " + mode)
                            .c_str())
            == 0);
    const QString dumped = runProcess("dcmdump", {"-q", "+P", "0008,0018", QString::fromStdString(ps)}).out;
    const QString psUid = dumped.mid(dumped.indexOf('[') + 1, dumped.indexOf(']') - dumped.indexOf('[') - 1);
    REQUIRE_FALSE(psUid.isEmpty());
    return screenshot({QString::fromStdString(ct), QString::fromStdString(ps)}, {"--layout", "1x1", "--presentation-state", psUid}, "gsps-" + mode);
}

// Red pixels along a drawn line's screen points (view pixels).
int redAlong(const Shot& shot, const QJsonArray& line)
{
    const QRect r = shot.rect(0);
    int red = 0;
    for (int i = 1; i < 10; ++i) {
        const double x = line[0][0].toDouble() + (line[1][0].toDouble() - line[0][0].toDouble()) * i / 10;
        const double y = line[0][1].toDouble() + (line[1][1].toDouble() - line[0][1].toDouble()) * i / 10;
        red += colourNear(shot.image, QPoint(r.x() + int(std::lround(x)), r.y() + int(std::lround(y))), QColor(255, 0, 0));
    }
    return red;
}

} // namespace

TEST_CASE("a GSPS's rotation turns the image and its graphics a quarter clockwise", "[gui][screenshot][gsps]")
{
    const Shot shot = gspsShot("rotate90");
    const QJsonObject view = shot.view(0);
    CHECK_FALSE(view["flipped_horizontally"].toBool());
    // Turned a quarter clockwise, an axial image shows the patient's anterior on the right and
    // the patient's right at the top.
    CHECK(view["labels"].toObject()["right"].toString() == "A");
    CHECK(view["labels"].toObject()["top"].toString() == "R");
    // The line along the image's row 12 (near its top) now runs down near the view's right edge.
    const QJsonArray line = view["presentation_state"].toObject()["graphics"].toArray()[0].toObject()["points"].toArray();
    REQUIRE(line.size() == 2);
    const double width = shot.rect(0).width();
    CHECK(line[0][0].toDouble() == Approx(line[1][0].toDouble()).margin(1.0));
    CHECK(line[0][0].toDouble() > width / 2);
    CHECK(line[1][1].toDouble() > line[0][1].toDouble() + 10);
    CHECK(redAlong(shot, line) >= 8);
}

TEST_CASE("GSPS graphics in DISPLAY units are placed as fractions of the displayed image", "[gui][screenshot][gsps]")
{
    const Shot shot = gspsShot("display");
    const QJsonObject view = shot.view(0);
    const QJsonArray line = view["presentation_state"].toObject()["graphics"].toArray()[0].toObject()["points"].toArray();
    REQUIRE(line.size() == 2);
    // From a quarter to three quarters across the image, half way down: the image is centred in
    // the view, so the line's middle is the view's centre and its length half the image's width.
    const QRect r = shot.rect(0);
    const double mm = view["mm_per_pixel"].toDouble();
    // The image's width in mm, as DCMTK reads it (Columns x the column spacing).
    const QString dumped = runProcess("dcmdump", {"+P", "Columns", "+P", "PixelSpacing",
                                                  QString::fromStdString((corpus() / "highdicom/data/test_files/ct_image.dcm").string())})
                               .out;
    const int columns = dumped.section("US ", 1, 1).section(' ', 0, 0).toInt();
    const double columnSpacing = dumped.section('[', 1, 1).section(']', 0, 0).section('\\', 1, 1).toDouble();
    REQUIRE(columns > 0);
    REQUIRE(columnSpacing > 0);
    const double imageWidthOnScreen = columns * columnSpacing / mm;
    CHECK((line[0][0].toDouble() + line[1][0].toDouble()) / 2 == Approx(r.width() / 2.0).margin(2));
    CHECK(line[0][1].toDouble() == Approx(r.height() / 2.0).margin(2));
    CHECK(line[1][0].toDouble() - line[0][0].toDouble() == Approx(imageWidthOnScreen / 2).margin(2));
    CHECK(redAlong(shot, line) >= 8);
}

TEST_CASE("a GSPS's VOI LUT table and INVERSE Presentation LUT Shape map the image's values as the tables say", "[gui][screenshot][gsps]")
{
    const Shot shot = gspsShot("lut");
    const QJsonObject view = shot.view(0);
    CHECK(view["voi_lut"].toBool());
    CHECK(view["corners"].toObject()["bottom_right"].toString().contains("Inverted"));
    // The image's Hounsfield units as pydicom reads them, row by row.
    const std::string ct = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
    const ProcessResult read = runProcess("/usr/bin/python3", {"-c",
                                                               "import sys, pydicom\n"
                                                               "d = pydicom.dcmread(sys.argv[1])\n"
                                                               "a = d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept)\n"
                                                               "p = [float(v) for v in d.ImagePositionPatient]\n"
                                                               "print(d.Rows, d.Columns, float(d.PixelSpacing[0]), float(d.PixelSpacing[1]), p[0], p[1])\n"
                                                               "print(' '.join(str(int(v)) for v in a.ravel()))",
                                                               QString::fromStdString(ct)});
    REQUIRE(read.exitCode == 0);
    const QStringList lines = read.out.split('\n');
    const QStringList head = lines[0].split(' ');
    const int rows = head[0].toInt(), columns = head[1].toInt();
    const double rowSpacing = head[2].toDouble(), columnSpacing = head[3].toDouble(), x0 = head[4].toDouble(), y0 = head[5].toDouble();
    const QStringList values = lines[1].split(' ');
    REQUIRE(values.size() == rows * columns);
    auto hu = [&](int row, int column) { return values[row * columns + column].toInt(); };
    // Screen pixels over the image: the image is axial and unturned (right = +x, down = +y).
    const QRect r = shot.rect(0);
    const double mm = view["mm_per_pixel"].toDouble();
    const double cx = shot.planeCenter(0, 0), cy = shot.planeCenter(0, 1);
    int checked = 0, right = 0;
    for (int y = r.top() + 2; y < r.bottom() - 2; y += 5)
        for (int x = r.left() + 2; x < r.right() - 2; x += 5) {
            const double px = cx + (x + 0.5 - r.x() - r.width() / 2.0) * mm, py = cy + (y + 0.5 - r.y() - r.height() / 2.0) * mm;
            const int column = int(std::lround((px - x0) / columnSpacing)), row = int(std::lround((py - y0) / rowSpacing));
            if (row < 1 || column < 1 || row >= rows - 1 || column >= columns - 1)
                continue;
            // Only where the pixel's neighbours fall on the same side of 0 HU (no blending at edges).
            bool below = hu(row, column) < 0, same = true;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc)
                    same = same && (hu(row + dr, column + dc) < 0) == below;
            const QColor c = shot.image.pixelColor(x, y);
            if (!same || c.red() != c.green() || c.green() != c.blue())
                continue;  // an edge, or the state's red graphics
            ++checked;
            right += below ? c.red() >= 250 : c.red() <= 5;  // INVERSE: below 0 HU white
        }
    REQUIRE(checked >= 200);
    CHECK(right >= checked * 98 / 100);
}

TEST_CASE("a GSPS shows the overlays it activates, the image's and its own, in its layer's colour", "[gui][screenshot][gsps][overlay]")
{
    // A copy of the CT with an overlay plane (rows 80-95, columns 80-110), written by pydicom.
    const auto folder = scratch("gsps-overlay-image");
    const std::string ct = (folder / "ct.dcm").string();
    std::filesystem::copy_file(corpus() / "highdicom/data/test_files/ct_image.dcm", ct, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-overlay.py' '" + ct + "' 80 95 80 110").c_str()) == 0);
    const Shot shot = gspsShot("overlay", ct);
    const QJsonObject view = shot.view(0);
    CHECK(view["overlay_planes"].toInt() == 2);
    // Where image pixel (row, column) (1-based) is on screen: the image is centred, unturned.
    const QString dumped = runProcess("dcmdump", {"+P", "Columns", "+P", "PixelSpacing", QString::fromStdString(ct)}).out;
    const int columns = dumped.section("US ", 1, 1).section(' ', 0, 0).toInt();
    const double spacing = dumped.section('[', 1, 1).section(']', 0, 0).section('\\', 0, 0).toDouble();
    REQUIRE(columns > 0);
    REQUIRE(spacing > 0);
    auto onScreen = [&](double row, double column) {
        return shot.pixelOf(0, (column - 1 - (columns - 1) / 2.0) * spacing, (row - 1 - (columns - 1) / 2.0) * spacing);
    };
    const QColor red(255, 0, 0);
    CHECK(colourNear(shot.image, onScreen(87.5, 95), red));   // the image's plane, activated on FINDINGS
    CHECK(colourNear(shot.image, onScreen(55, 60), red));     // the state's own plane
    CHECK_FALSE(colourNear(shot.image, onScreen(70, 100), red));  // between them: the image
}

TEST_CASE("GSPS graphics in DISPLAY units stay where the display puts them when the state turns the image", "[gui][screenshot][gsps]")
{
    const Shot shot = gspsShot("display+rotate90");
    const QJsonObject view = shot.view(0);
    CHECK(view["labels"].toObject()["right"].toString() == "A");  // turned a quarter clockwise
    const QJsonArray line = view["presentation_state"].toObject()["graphics"].toArray()[0].toObject()["points"].toArray();
    REQUIRE(line.size() == 2);
    // Still across the middle of the displayed (turned) image: horizontal, centred, half its width.
    const QRect r = shot.rect(0);
    CHECK(line[0][1].toDouble() == Approx(line[1][1].toDouble()).margin(1.0));
    CHECK(line[0][1].toDouble() == Approx(r.height() / 2.0).margin(2));
    CHECK((line[0][0].toDouble() + line[1][0].toDouble()) / 2 == Approx(r.width() / 2.0).margin(2));
    CHECK(line[1][0].toDouble() > line[0][0].toDouble() + 10);
    CHECK(redAlong(shot, line) >= 8);
}
