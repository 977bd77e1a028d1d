// `hounsfield --screenshot` under Xvfb: the window shows the phantom in 2D and 3D.
#include "ScreenshotRun.h"

#include <fstream>
#include <tuple>
#include <utility>

using namespace hf::test;


TEST_CASE("the slice view shows the phantom's spheres where they are", "[gui][screenshot]")
{
    // Slice 9 of 16 holds the spheres' centres (the middle slice, 1-based).
    const Shot shot = screenshot({phantom()}, {"--layout", "1x1", "--slice", "9", "--window", "0,2000", "--size", "700x560"}, "gui-1x1");
    const QImage& image = shot.image;
    REQUIRE(image.width() == 700);
    REQUIRE(shot.view(0)["slice"].toInt() == 9);
    REQUIRE(shot.planeCenter(0, 2) == Approx(1.0));  // z of slice 9: (8 - 7.5) * 2 mm
    const Disc disc = findWaterDisc(image, shot.rect(0));
    REQUIRE(disc.right > disc.left);
    // Round, within the staircase of a 64-voxel circle: true aspect for square pixels.
    REQUIRE(disc.aspect() == Approx(1.0).margin(0.03));
    // Its size and place follow from the scale the view reports.
    const double mm = shot.view(0)["mm_per_pixel"].toDouble();
    REQUIRE(disc.radius() * mm == Approx(kCylinderRadius).margin(1.0));
    const QPoint centre = shot.pixelOf(0, 0, 0);
    REQUIRE(std::abs(disc.cx() - centre.x()) <= 2);
    REQUIRE(std::abs(disc.cy() - centre.y()) <= 2);
    // Bone (+1000 HU, white) at the patient's left = screen right; fat (-100 HU) at screen left.
    const QPoint bone = shot.pixelOf(0, kSphereOffset, 0), fat = shot.pixelOf(0, -kSphereOffset, 0);
    const QPoint contrast = shot.pixelOf(0, 0, -kSphereOffset);  // anterior = up
    REQUIRE(gray(image, bone.x(), bone.y()) >= 250);
    REQUIRE(std::abs(gray(image, fat.x(), fat.y()) - 115) <= 3);
    REQUIRE(std::abs(gray(image, contrast.x(), contrast.y()) - 166) <= 3);
    // Air outside the cylinder is black.
    const QPoint air = shot.pixelOf(0, 0.8 * kCylinderRadius, 0.8 * kCylinderRadius);
    REQUIRE(gray(image, air.x(), air.y()) <= 5);
    // The scale bar says how long it is, and is that long at the view's scale.
    const QJsonObject bar = shot.view(0)["scale_bar"].toObject();
    REQUIRE(bar["mm"].toDouble() > 0);
    REQUIRE(bar["pixels"].toDouble() * mm == Approx(bar["mm"].toDouble()));
}

TEST_CASE("--stack shows another stack of the series, and the corner text says which of how many", "[gui][screenshot]")
{
    const QString folder = QString::fromStdString((corpus() / "dcm_qa_pdt2/In").string());
    const QJsonObject info = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    const QString series = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    for (const int stack : {1, 2}) {
        const Shot shot = screenshot({folder}, {"--layout", "1x1", "--series", series, "--stack", QString::number(stack), "--size", "700x600"},
                                     "stack-" + std::to_string(stack));
        const QJsonObject view = shot.description["views"][0].toObject();
        CHECK(view["series"].toString() == series);
        CHECK(view["stack"].toInt() == stack);
        CHECK(view["stacks"].toInt() == 2);
        const QString label = stack == 1 ? "TE 11.00 ms" : "TE 92.00 ms";
        CHECK(view["stack_label"].toString() == label);
        CHECK(view["corners"]["top_right"].toString().contains("Stack " + QString::number(stack) + "/2: " + label));
        CHECK(view["slices"].toInt() == 35);
    }
}

TEST_CASE("a given window sets the grey level at each sphere's centre", "[gui][screenshot]")
{
    // Centre 300, width 200: contrast (300 HU) mid-grey, water and fat black, bone white.
    const Shot shot = screenshot({phantom()}, {"--layout", "1x1", "--slice", "9", "--window", "300,200", "--size", "600x500"}, "gui-window");
    const QJsonArray window = shot.view(0)["window"].toArray();
    REQUIRE(window[0].toDouble() == 300);
    REQUIRE(window[1].toDouble() == 200);
    const QPoint contrast = shot.pixelOf(0, 0, -kSphereOffset), bone = shot.pixelOf(0, kSphereOffset, 0);
    const QPoint fat = shot.pixelOf(0, -kSphereOffset, 0), water = shot.pixelOf(0, 0, 0.2 * kCylinderRadius);
    REQUIRE(std::abs(gray(shot.image, contrast.x(), contrast.y()) - 128) <= 3);
    REQUIRE(gray(shot.image, bone.x(), bone.y()) >= 250);
    REQUIRE(gray(shot.image, fat.x(), fat.y()) <= 5);
    REQUIRE(gray(shot.image, water.x(), water.y()) <= 5);
}

TEST_CASE("a window preset by name sets the view's window", "[gui][screenshot]")
{
    const Shot shot = screenshot({phantom()}, {"--layout", "1x1", "--preset", "lung", "--size", "400x300"}, "gui-preset");
    const QJsonArray window = shot.view(0)["window"].toArray();
    REQUIRE(window[0].toDouble() == -600);
    REQUIRE(window[1].toDouble() == 1500);
    REQUIRE(shot.view(0)["corners"].toObject()["bottom_right"].toString().startsWith("W 1500 L -600"));
}

TEST_CASE("a slice away from the spheres shows water where the bone sphere was", "[gui][screenshot]")
{
    const Shot shot = screenshot({phantom()}, {"--layout", "1x1", "--slice", "1", "--window", "0,2000", "--size", "700x560"}, "gui-slice1");
    REQUIRE(shot.planeCenter(0, 2) == Approx(-15.0));
    const QPoint bone = shot.pixelOf(0, kSphereOffset, 0);
    REQUIRE(std::abs(gray(shot.image, bone.x(), bone.y()) - 128) <= 3);
}

TEST_CASE("orientation letters sit on the right sides of axial and coronal images", "[gui][screenshot]")
{
    const QString coronal = makePhantom("gui-coronal", {"--size", "64x64x64", "--spacing", "1,1,1", "--orientation", "coronal"});
    struct Case {
        QString dir;
        const char *left, *right, *top, *bottom;
    };
    for (const Case& c : {Case{phantom(), "R", "L", "A", "P"}, Case{coronal, "R", "L", "H", "F"}}) {
        const Shot shot = screenshot({c.dir}, {"--layout", "1x1", "--window", "0,2000", "--size", "600x500"}, "gui-labels");
        const QJsonObject labels = shot.view(0)["labels"].toObject();
        CHECK(labels["left"].toString() == c.left);
        CHECK(labels["right"].toString() == c.right);
        CHECK(labels["top"].toString() == c.top);
        CHECK(labels["bottom"].toString() == c.bottom);
        // And the letters are drawn there: orange pixels in the middle of each edge.
        const QRect r = shot.rect(0);
        CHECK(letterPixels(shot.image, QRect(r.left(), r.center().y() - 12, 22, 24)) > 10);
        CHECK(letterPixels(shot.image, QRect(r.right() - 22, r.center().y() - 12, 22, 24)) > 10);
        CHECK(letterPixels(shot.image, QRect(r.center().x() - 12, r.top(), 24, 24)) > 10);
        CHECK(letterPixels(shot.image, QRect(r.center().x() - 12, r.bottom() - 24, 24, 24)) > 10);
        if (c.dir == coronal) {
            // Coronal: bone (patient left) on the right, the head up; the slice through y = 0.5
            // cuts the bone sphere (centre y = 0) near its equator.
            const QPoint bone = shot.pixelOf(0, kSphereOffset, 0);
            CHECK(gray(shot.image, bone.x(), bone.y()) >= 250);
        }
    }
}

TEST_CASE("non-square pixels are shown at true aspect", "[gui][screenshot]")
{
    // 128 columns of 0.5 mm by 64 rows of 1 mm: a 64 x 64 mm square field.
    const QString dir = makePhantom("gui-nonsquare", {"--size", "128x64x8", "--spacing", "0.5,1,2"});
    const Shot shot = screenshot({dir}, {"--layout", "1x1", "--window", "0,2000", "--size", "700x560"}, "gui-nonsquare");
    const Disc disc = findWaterDisc(shot.image, shot.rect(0));
    REQUIRE(disc.right > disc.left);
    REQUIRE(disc.aspect() == Approx(1.0).margin(0.03));
    const double mm = shot.view(0)["mm_per_pixel"].toDouble();
    REQUIRE(disc.radius() * mm == Approx(kCylinderRadius).margin(1.0));
}

TEST_CASE("MONOCHROME1 images are shown inverted", "[gui][screenshot]")
{
    const QString dir = makePhantom("gui-mono1", {"--size", "64x64x16", "--spacing", "1,1,2", "--photometric", "MONOCHROME1"});
    const Shot shot = screenshot({dir}, {"--layout", "1x1", "--slice", "9", "--window", "0,2000", "--size", "600x500"}, "gui-mono1");
    const QPoint bone = shot.pixelOf(0, kSphereOffset, 0), fat = shot.pixelOf(0, -kSphereOffset, 0);
    const QPoint air = shot.pixelOf(0, 0.8 * kCylinderRadius, 0.8 * kCylinderRadius);
    REQUIRE(gray(shot.image, bone.x(), bone.y()) <= 5);           // high values dark
    REQUIRE(gray(shot.image, air.x(), air.y()) >= 250);           // air white
    REQUIRE(std::abs(gray(shot.image, fat.x(), fat.y()) - 140) <= 3);  // 255 - 115
}

TEST_CASE("two views of one frame of reference draw each other's planes as reference lines", "[gui][screenshot][layout]")
{
    // One study, two series: axial (2 mm slices) and coronal (1 mm), same frame of reference.
    const auto study = scratch("gui-axial-coronal");
    const QString axial = QString::fromStdString((study / "axial").string()), coronal = QString::fromStdString((study / "coronal").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"make-phantom", "--out", axial, "--size", "64x64x16", "--spacing", "1,1,2"}).exitCode == 0);
    REQUIRE(runProcess(HF_CLI_EXE, {"make-phantom", "--out", coronal, "--size", "64x64x64", "--spacing", "1,1,1", "--orientation", "coronal"})
                .exitCode == 0);
    const Shot shot = screenshot({QString::fromStdString(study.string())},
                                 {"--layout", "1x2", "--slice", "9", "--window", "0,2000", "--size", "1000x500"}, "gui-1x2");
    REQUIRE(shot.description["layout"].toString() == "1x2");
    const QJsonObject a = shot.view(0), c = shot.view(1);
    REQUIRE(a["series"].toString() != c["series"].toString());
    REQUIRE(a["frame_of_reference"].toString() == c["frame_of_reference"].toString());
    REQUIRE(shot.rect(1).left() > shot.rect(0).right());
    REQUIRE(a["reference_lines"].toInt() == 1);
    REQUIRE(c["reference_lines"].toInt() == 1);
    // Axial view: the coronal plane (y = its centre) is a horizontal magenta line at that y.
    const double coronalY = shot.planeCenter(1, 1);
    const QPoint lineInAxial = shot.pixelOf(0, 0, coronalY);
    int magenta = 0;
    for (int x = shot.rect(0).left(); x <= shot.rect(0).right(); ++x)
        for (int dy = -2; dy <= 2; ++dy) {
            const QRgb p = shot.image.pixel(x, lineInAxial.y() + dy);
            magenta += qRed(p) > 200 && qGreen(p) < 120 && qBlue(p) > 180;
        }
    const double mm = a["mm_per_pixel"].toDouble();
    REQUIRE(magenta >= int(0.9 * 64 / mm));  // across the whole 64 mm field
    // Coronal view: the axial plane (z = 1) is a horizontal cyan line, head up.
    const QPoint lineInCoronal = shot.pixelOf(1, 0, -(shot.planeCenter(0, 2) - shot.planeCenter(1, 2)));
    int cyan = 0;
    for (int x = shot.rect(1).left(); x <= shot.rect(1).right(); ++x)
        for (int dy = -2; dy <= 2; ++dy) {
            const QRgb p = shot.image.pixel(x, lineInCoronal.y() + dy);
            cyan += qRed(p) < 120 && qGreen(p) > 150 && qBlue(p) > 200;
        }
    REQUIRE(cyan >= int(0.9 * 64 / c["mm_per_pixel"].toDouble()));
}

TEST_CASE("views of one frame of reference scroll together by patient position", "[gui][screenshot][layout]")
{
    // Same study and frame: series 1 has 16 slices of 2 mm (z -15..15), series 2 has 8 of 4 mm (z -14..14).
    const auto study = scratch("gui-sync");
    const QString fine = QString::fromStdString((study / "fine").string()), coarse = QString::fromStdString((study / "coarse").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"make-phantom", "--out", fine, "--size", "64x64x16", "--spacing", "1,1,2"}).exitCode == 0);
    REQUIRE(runProcess(HF_CLI_EXE, {"make-phantom", "--out", coarse, "--size", "64x64x8", "--spacing", "1,1,4", "--series-number", "2"})
                .exitCode == 0);
    for (const auto& [slice, expected] : {std::pair{3, 2}, std::pair{9, 5}, std::pair{16, 8}}) {
        const Shot shot = screenshot({QString::fromStdString(study.string())},
                                     {"--layout", "1x2", "--slice", QString::number(slice), "--size", "800x400"}, "gui-sync-shot");
        const QJsonObject a = shot.view(0), b = shot.view(1);
        INFO("slice " << slice);
        REQUIRE(a["slices"].toInt() == 16);
        REQUIRE(b["slices"].toInt() == 8);
        REQUIRE(a["slice"].toInt() == slice);
        // Not the same image number: the slice of series 2 nearest in z.
        REQUIRE(b["slice"].toInt() == expected);
        REQUIRE(std::abs(shot.planeCenter(1, 2) - shot.planeCenter(0, 2)) <= 2.0);
        // Parallel planes: no reference lines between them.
        REQUIRE(a["reference_lines"].toInt() == 0);
    }
}

TEST_CASE("the grid layouts place their views in rows and columns", "[gui][screenshot][layout]")
{
    for (const auto& [layout, rows, columns] : {std::tuple{"2x1", 2, 1}, std::tuple{"2x2", 2, 2}, std::tuple{"3x3", 3, 3}}) {
        const Shot shot = screenshot({phantom()}, {"--layout", layout, "--size", "900x700"}, "gui-grid");
        const QJsonArray views = shot.description["views"].toArray();
        INFO(layout);
        REQUIRE(views.size() == rows * columns);
        REQUIRE(shot.view(0)["series"].toString().size() > 0);  // the series in the first view
        for (int i = 1; i < views.size(); ++i) {
            const QRect r = shot.rect(i), first = shot.rect(0);
            CHECK(std::abs(r.width() - first.width()) <= 2);
            CHECK(std::abs(r.height() - first.height()) <= 2);
            CHECK(std::abs(r.left() - (first.left() + (i % columns) * (first.width() + 4))) <= 4);
            CHECK(std::abs(r.top() - (first.top() + (i / columns) * (first.height() + 4))) <= 4);
        }
    }
}

TEST_CASE("the default layout shows the 2D slice beside a 3D rendering that is not blank", "[gui][screenshot]")
{
    const Shot shot = screenshot({phantom()}, {"--window", "0,2000", "--size", "1000x500"}, "gui-2d3d");
    const QImage& image = shot.image;
    const Disc disc = findWaterDisc(image, shot.rect(0));
    REQUIRE(disc.right > disc.left);
    REQUIRE(disc.right < image.width() / 2);
    REQUIRE(shot.description["volume_view"].toObject()["rect"].toArray()[0].toInt() > shot.rect(0).right());
    REQUIRE(shot.rect(0).width() >= image.width() * 2 / 5);  // the two halves share the width
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
    for (const QStringList& bad : {QStringList{"--slab", "mip"}, QStringList{"--slab", "max,20"}, QStringList{"--crosshair", "1,2"},
                                   QStringList{"--layout", "4x4"}}) {
        r = runProcess(HF_GUI_EXE, QStringList{phantom(), "--db", db, "--screenshot", "/tmp/never.png"} + bad);
        INFO(bad.join(' ').toStdString());
        CHECK(r.exitCode == 2);
        CHECK(r.err.contains(bad.first()));
    }
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

TEST_CASE("a current and a prior study open side by side, each scrolling on its own", "[gui][screenshot][layout]")
{
    // Two studies (seeds 1 and 2): different study UIDs and frames of reference.
    const auto root = scratch("gui-prior");
    for (const char* seed : {"1", "2"}) {
        const QString dir = QString::fromStdString((root / (std::string("seed") + seed)).string());
        REQUIRE(runProcess(HF_CLI_EXE, {"make-phantom", "--out", dir, "--size", "64x64x16", "--spacing", "1,1,2", "--seed", seed})
                    .exitCode == 0);
    }
    const Shot shot = screenshot({QString::fromStdString((root / "seed1").string()), QString::fromStdString((root / "seed2").string())},
                                 {"--layout", "1x2", "--slice", "3", "--window", "0,2000", "--size", "800x400"}, "gui-prior");
    const QJsonObject a = shot.view(0), b = shot.view(1);
    REQUIRE(a["study"].toString() != b["study"].toString());
    REQUIRE(a["frame_of_reference"].toString() != b["frame_of_reference"].toString());
    CHECK(a["slice"].toInt() == 3);
    CHECK(b["slice"].toInt() == 9);  // its own middle (16 / 2 + 1): another frame of reference is not moved
    CHECK(a["reference_lines"].toInt() == 0);
    // Both pictures are there: the water disc in each view.
    for (int i = 0; i < 2; ++i) {
        const Disc disc = findWaterDisc(shot.image, shot.rect(i));
        CHECK(disc.right - disc.left > 50);
    }
}
