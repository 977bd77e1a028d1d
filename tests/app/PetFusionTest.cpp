// PET/CT fusion on screen: the PET phantom fused over the CT phantom of the same seed (other grid:
// 2 mm pixels and 4 mm slices over 1 mm and 2 mm) puts the hot lesion's colour over the CT's
// sphere, the background's over the water and nothing over the air, in the 2D view and on all
// three MPR planes; the PET/CT hanging protocol hangs CT, PET, fused and the rotating MIP.
#include "MprOnScreen.h"
#include "ScreenshotRun.h"

#include "hf/dicomio/PhantomModel.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace hf::test;

namespace {

struct PetCtStudy {
    QString ct, pet, ctSeries, petSeries, study;
};

QString firstSeriesUid(const QString& folder, QString* study = nullptr)
{
    const ProcessResult r = runProcess(HF_CLI_EXE, {"info", "--json", folder});
    REQUIRE(r.exitCode == 0);
    const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0].toObject();
    if (study)
        *study = s["uid"].toString();
    return s["series"][0]["uid"].toString();
}

const PetCtStudy& petCt()
{
    static const PetCtStudy study = [] {
        PetCtStudy s;
        s.ct = makePhantom("fusion-ct", {"--size", "128x128x32", "--spacing", "1,1,2"});
        s.pet = makePhantom("fusion-pt", {"--size", "64x64x16", "--spacing", "2,2,4", "--modality", "PT", "--series-number", "2"});
        s.ctSeries = firstSeriesUid(s.ct, &s.study);
        s.petSeries = firstSeriesUid(s.pet);
        return s;
    }();
    return study;
}

// Jet at 50% over grey: a lesion above the window is dark red over the CT, SUV 1.4 of the
// background a blue-cyan, and where the PET has nothing (air) the CT's grey shows alone.
void checkFusedColours(const QImage& image, QPoint lesion, QPoint water, QPoint air)
{
    const QRgb hot = image.pixel(lesion), background = image.pixel(water), outside = image.pixel(air);
    INFO("lesion " << qRed(hot) << "," << qGreen(hot) << "," << qBlue(hot) << " water " << qRed(background) << "," << qGreen(background) << ","
                   << qBlue(background) << " air " << qRed(outside) << "," << qGreen(outside) << "," << qBlue(outside));
    CHECK(qRed(hot) > qGreen(hot) + 40);
    CHECK(qRed(hot) > qBlue(hot) + 40);
    CHECK(qBlue(background) > qRed(background) + 60);
    CHECK(std::abs(qRed(outside) - qBlue(outside)) <= 4);
    CHECK(std::abs(qGreen(outside) - qBlue(outside)) <= 4);
}

} // namespace

TEST_CASE("the PET fused over the CT puts the lesion's colour over its CT position in 2D and on all three MPR planes", "[gui][screenshot][pet][fusion]")
{
    const PetCtStudy& s = petCt();
    hf::PhantomOptions ctOptions;
    ctOptions.columns = ctOptions.rows = 128;
    ctOptions.slices = 32;
    const hf::PhantomModel ct(ctOptions);
    const hf::Vec3 lesion = ct.sphere("bone").center;  // the PET's 40000 Bq/mL lesion lies there too
    const double radius = ct.sphere("bone").radius;
    REQUIRE(radius > 10);

    const Shot flat = screenshot({s.ct, s.pet}, {"--series", s.ctSeries, "--layout", "1x1", "--fuse", s.petSeries + ",jet,0.5"}, "fusion-2d");
    const QJsonObject fusion = flat.view(0)["fusion"].toObject();
    CHECK(fusion["series"] == s.petSeries);
    CHECK(fusion["colour_table"] == "Jet");
    CHECK(fusion["opacity"].toDouble() == Approx(0.5));
    CHECK(fusion["suv_kind"] == "SUVbw");
    CHECK(fusion["drawn"] == true);
    CHECK(flat.view(0)["corners"].toObject()["top_right"].toString().startsWith("Fused: PT"));
    const double cx = flat.planeCenter(0, 0), cy = flat.planeCenter(0, 1);
    checkFusedColours(flat.image, flat.pixelOf(0, lesion.x + 4 - cx, lesion.y + 4 - cy), flat.pixelOf(0, -20 - cx, 20 - cy),
                      flat.pixelOf(0, 0 - cx, -58 - cy));

    // MPR through the lesion: each plane cuts it, points off the crosshair lines.
    const QString crosshair = QString("%1,%2,%3").arg(lesion.x).arg(lesion.y).arg(lesion.z);
    const Shot mpr = screenshot({s.ct, s.pet}, {"--series", s.ctSeries, "--layout", "mpr", "--crosshair", crosshair, "--fuse", s.petSeries + ",jet,0.5"},
                                "fusion-mpr");
    const QJsonObject mprJson = mpr.description["mpr"].toObject();
    CHECK(mprJson["fusion"]["series"] == s.petSeries);
    const MprPlaneOnScreen axial(mpr, "axial"), coronal(mpr, "coronal"), sagittal(mpr, "sagittal");
    for (const char* name : {"axial", "coronal", "sagittal"})
        CHECK(mprJson[name]["fused"] == true);
    checkFusedColours(mpr.image, axial.pixelOf(lesion + hf::Vec3{4, 4, 0}), axial.pixelOf({-20, 20, lesion.z}), axial.pixelOf({0, -58, lesion.z}));
    checkFusedColours(mpr.image, coronal.pixelOf(lesion + hf::Vec3{4, 0, 4}), coronal.pixelOf({0, lesion.y, lesion.z + 4}),
                      coronal.pixelOf({-58, lesion.y, lesion.z + 4}));
    checkFusedColours(mpr.image, sagittal.pixelOf(lesion + hf::Vec3{0, 4, 4}), sagittal.pixelOf({lesion.x, -30, lesion.z + 4}),
                      sagittal.pixelOf({lesion.x, -58, lesion.z + 4}));
}

TEST_CASE("--fuse names what is wrong with it", "[gui][fusion]")
{
    const ProcessResult r = runProcess(HF_GUI_EXE, {"--fuse", "1.2.3,jet,1.5", "--screenshot", "/dev/null"});
    CHECK(r.exitCode != 0);
    CHECK(r.err.contains("--fuse must be SERIES_UID[,COLORMAP,OPACITY]"));
}

TEST_CASE("the PET/CT protocol hangs CT, PET, the PET fused over the CT and the rotating MIP", "[gui][screenshot][pet][protocol]")
{
    const PetCtStudy& s = petCt();
    const auto folder = scratch("fusion-protocol-shot");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", s.ct, s.pet, "--db", db}).exitCode == 0);
    // What the protocol gives each view, as the CLI tells it.
    const ProcessResult match = runProcess(HF_CLI_EXE, {"protocols", "--db", db, "--match", s.study, "--json"});
    REQUIRE(match.exitCode == 0);
    const QJsonObject plan = QJsonDocument::fromJson(match.out.toUtf8()).object();
    CHECK(plan["protocol"] == "PET/CT");
    const QJsonArray planned = plan["stages"][0]["views"].toArray();
    REQUIRE(planned.size() == 4);
    CHECK(planned[2]["fuse"]["series"] == s.petSeries);
    CHECK(planned[2]["fuse"]["colormap"] == "hot-iron");
    CHECK(planned[3]["display"] == "mip");
    CHECK_FALSE(planned[0].toObject().contains("fuse"));
    CHECK(plan["stages"][1]["views"][0]["fuse"]["series"] == s.petSeries);  // the fused MPR

    const Shot shot = takeScreenshot({"--db", db, "--study", s.study}, folder);
    CHECK(shot.description["protocol"]["name"] == "PET/CT");
    const QJsonObject ctView = shot.view(0), petView = shot.view(1), fusedView = shot.view(2), mipView = shot.view(3);
    CHECK(ctView["series"] == s.ctSeries);
    CHECK(petView["series"] == s.petSeries);
    CHECK(fusedView["series"] == s.ctSeries);
    CHECK(fusedView["fusion"]["series"] == s.petSeries);
    CHECK(fusedView["fusion"]["colour_table"] == "Hot iron");
    CHECK_FALSE(ctView.contains("fusion"));
    const QJsonObject mip = mipView["mip"].toObject();
    CHECK(mip["of_series"] == s.petSeries);
    CHECK(mip["frames"] == 36);
    CHECK(mipView["suv"]["kind"] == "SUVbw");
}

TEST_CASE("a PET of another study of the patient is registered to the CT and fused where the anatomy is", "[gui][screenshot][pet][fusion][registration]")
{
    // The PET prior's patient lay 20 mm to the left and 3 degrees turned: unregistered, its lesion
    // would fall beside the CT's.
    const QString ct = makePhantom("fusion-prior-ct", {"--size", "128x128x32", "--spacing", "1,1,2", "--seed", "31"});
    const QString pet = makePhantom("fusion-prior-pt", {"--size", "64x64x16", "--spacing", "2,2,4", "--modality", "PT", "--seed", "31",
                                                        "--translate", "20,0,0", "--rotate", "0,0,3", "--study-date", "20250101"});
    const QString ctSeries = firstSeriesUid(ct), petSeries = firstSeriesUid(pet);
    const Shot shot = screenshot({ct, pet}, {"--series", ctSeries, "--layout", "1x1", "--fuse", petSeries + ",jet,0.5"}, "fusion-prior");
    const QJsonObject view = shot.view(0);
    CHECK(view["fusion"]["series"] == petSeries);
    CHECK(view["fusion"]["drawn"] == true);
    CHECK(view["corners"].toObject()["top_right"].toString().contains("registered"));
    hf::PhantomOptions o;
    o.columns = o.rows = 128;
    o.slices = 32;
    const hf::Vec3 lesion = hf::PhantomModel(o).sphere("bone").center;
    const double cx = shot.planeCenter(0, 0), cy = shot.planeCenter(0, 1);
    checkFusedColours(shot.image, shot.pixelOf(0, lesion.x + 4 - cx, lesion.y + 4 - cy), shot.pixelOf(0, -20 - cx, 20 - cy),
                      shot.pixelOf(0, 0 - cx, -58 - cy));
}
