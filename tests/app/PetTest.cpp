// PET in the CLI and the workstation: info gives each PET stack's SUV factor with what it came
// from (the factor pydicom computes in the test after QIBA) and SUV statistics; the view of the
// PET phantom speaks SUVbw (its known factor); a missing tag is named and the values stay Bq/mL.
#include "ScreenshotRun.h"

#include "hf/dicomio/PhantomModel.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <filesystem>
#include <map>

using namespace hf::test;

namespace {

QJsonObject firstStack(const QString& file)
{
    const ProcessResult r = runProcess(HF_CLI_EXE, {"info", "--json", file});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(r.out.toUtf8()).object();
    return info["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject();
}

// A phantom written, imported into a cache of its own, and its series' UID.
struct ImportedPhantom {
    QString db, series;
};

ImportedPhantom importPhantom(const std::string& name, const QStringList& options)
{
    ImportedPhantom p;
    const QString dir = makePhantom(name, options);
    p.db = QString::fromStdString((scratch(name + "-cache") / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", dir, "--db", p.db}).exitCode == 0);
    const ProcessResult info = runProcess(HF_CLI_EXE, {"info", dir, "--json"});
    p.series = QJsonDocument::fromJson(info.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    return p;
}

double pydicomFactor(const std::string& file)
{
    const ProcessResult r = runProcess("/usr/bin/python3", {QString::fromStdString(std::string(HF_SOURCE_DIR) + "/tests/objects/suv-factor.py"),
                                                             QString::fromStdString(file)});
    REQUIRE(r.exitCode == 0);
    return r.out.trimmed().toDouble();
}

} // namespace

TEST_CASE("info --json gives a PET stack's SUVbw factor, its inputs and SUV statistics", "[cli][pet]")
{
    const std::string file = (corpus() / "suyashkumar-dicom/testdata/1.dcm").string();
    const QJsonObject stack = firstStack(QString::fromStdString(file));
    const QJsonObject suv = stack["suv"].toObject();
    CHECK(suv["kind"] == "SUVbw");
    CHECK(suv["unit"] == "g/ml");
    CHECK(suv["calibration"] == "SUVbw from Radiopharmaceutical Information");
    const double factor = suv["factor"].toDouble();
    CHECK(factor == Approx(pydicomFactor(file)).epsilon(1e-9));
    CHECK(suv["inputs"]["units"] == "BQML");
    CHECK(suv["inputs"]["weight_kg"].toDouble() == Approx(69.7344));
    // The SUV statistics are the Bq/mL ones times the factor.
    const QJsonObject stats = stack["stats"].toObject(), suvStats = stack["suv_stats"].toObject();
    CHECK(suvStats["max"].toDouble() == Approx(stats["max"].toDouble() * factor));
    CHECK(suvStats["max"].toDouble() > 1.0);  // a hot spot of a real FLT scan
    CHECK(suvStats["kind"] == "SUVbw");
}

TEST_CASE("info --json on a PET image without the patient's weight names the tag and stays in Bq/mL", "[cli][pet]")
{
    const auto copy = scratch("cli-pet-no-weight") / "pet.dcm";
    std::filesystem::copy_file(corpus() / "suyashkumar-dicom/testdata/1.dcm", copy, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("dcmodify -nb -q -e \"(0010,1030)\" '" + copy.string() + "'").c_str()) == 0);
    const QJsonObject stack = firstStack(QString::fromStdString(copy.string()));
    const QJsonObject suv = stack["suv"].toObject();
    CHECK(suv["kind"].isNull());
    CHECK(suv["reason"].toString().contains("Patient's Weight (0010,1030)"));
    CHECK(suv["fallback"] == "Bq/mL");
    CHECK_FALSE(stack.contains("suv_stats"));
}

TEST_CASE("the workstation shows the PET phantom in SUVbw, and names the missing tag when it cannot", "[gui][screenshot][pet]")
{
    const QString pet = makePhantom("gui-pet", {"--size", "48x48x8", "--modality", "PT"});
    const Shot shot = screenshot({pet}, {"--layout", "1x1"}, "pet");
    const QJsonObject view = shot.view(0);
    // Body weight over the dose decayed from the injection (11:00) to the series (12:00), 18F.
    const double expected = 70.0 * 1000 / (370e6 * std::pow(2.0, -3600.0 / 6586.2));
    CHECK(view["suv"]["kind"] == "SUVbw");
    CHECK(view["suv"]["factor"].toDouble() == Approx(expected).epsilon(1e-9));
    CHECK(view["corners"]["bottom_right"].toString().startsWith("SUVbw"));
    // Without the patient's weight: the reason in the corner, no factor.
    const auto folder = scratch("gui-pet-no-weight");
    for (const auto& entry : std::filesystem::directory_iterator(pet.toStdString())) {
        const auto copy = folder / entry.path().filename();
        std::filesystem::copy_file(entry.path(), copy, std::filesystem::copy_options::overwrite_existing);
        REQUIRE(std::system(("dcmodify -nb -q -e \"(0010,1030)\" '" + copy.string() + "'").c_str()) == 0);
    }
    const Shot without = screenshot({QString::fromStdString(folder.string())}, {"--layout", "1x1"}, "pet-no-weight");
    CHECK(without.view(0)["suv"].toObject()["kind"].isNull());
    CHECK(without.view(0)["corners"].toObject()["bottom_right"].toString().startsWith("Bq/mL: no SUV, Patient's Weight (0010,1030)"));
}

TEST_CASE("annotate on the PET phantom measures in SUVbw: a lesion's mean and its centre are its known SUV", "[cli][pet]")
{
    const ImportedPhantom pet = importPhantom("cli-pet-annotate", {"--size", "64x64x16", "--spacing", "1,1,2", "--modality", "PT"});
    const QString &db = pet.db, &series = pet.series;
    // The 40000 Bq/mL lesion: centred at x = 0.45 x 0.8 x 32 mm, radius 6.4 mm, in the slice at z = 1.
    const double expected = 40000 * 70.0 * 1000 / (370e6 * std::pow(2.0, -3600.0 / 6586.2));
    const ProcessResult r = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "ellipse", "--points",
                                                    "9.5,-2,1;13.5,2,1", "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject ellipse = QJsonDocument::fromJson(r.out.toUtf8()).object();
    bool mean = false, max = false;
    for (const QJsonValue v : ellipse["values"].toArray()) {
        if (v["name"] == "mean" || v["name"] == "max") {
            CHECK(v["value"].toDouble() == Approx(expected).epsilon(1e-9));
            CHECK(v["unit"] == "SUVbw");
            CHECK(v["calibration"] == "SUVbw from Radiopharmaceutical Information");
            (v["name"] == "mean" ? mean : max) = true;
        }
        if (v["name"] == "sd")
            CHECK(v["value"].toDouble() == Approx(0).margin(1e-9));
    }
    CHECK(mean);
    CHECK(max);
}

TEST_CASE("SUVpeak, metabolic volume and TLG of a region over the PET phantom's lesion are the lesion's own", "[cli][pet]")
{
    // 128 x 128 at 1 mm: the 40000 Bq/mL lesion has a radius of 12.8 mm, the 1 mL sphere 6.2 mm.
    const ImportedPhantom pet = importPhantom("cli-pet-peak", {"--size", "128x128x16", "--spacing", "1,1,2", "--modality", "PT"});
    const QString &db = pet.db, &series = pet.series;
    const double suv = 40000 * 70.0 * 1000 / (370e6 * std::pow(2.0, -3600.0 / 6586.2));
    // An ellipse over the lesion (centre x = 0.45 x 0.8 x 64 = 23.04 mm) and the background beside it.
    const ProcessResult r = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "ellipse", "--points",
                                                    "5,-15,1;41,15,1", "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    double peak = -1, mean = -1, max = -1;
    for (const QJsonValue v : QJsonDocument::fromJson(r.out.toUtf8()).object()["values"].toArray()) {
        if (v["name"] == "peak") {
            peak = v["value"].toDouble();
            CHECK(v["unit"] == "SUVbw");
        }
        if (v["name"] == "mean")
            mean = v["value"].toDouble();
        if (v["name"] == "max")
            max = v["value"].toDouble();
    }
    CHECK(peak == Approx(suv).epsilon(1e-9));  // the sphere fits in the lesion: all 40000
    CHECK(max == Approx(suv).epsilon(1e-9));
    CHECK(mean < peak * 0.9);                  // the region holds background too
    // Metabolic volume at 41% of the maximum: the lesion's pixels on this slice (the phantom's
    // pixel centres, x and y from -63.5 mm in 1 mm steps, within 12.8 mm of (23.04, 0)), each
    // 1 x 1 x 2 mm; TLG: that volume times the lesion's SUV.
    int lesionPixels = 0;
    for (int j = 0; j < 128; ++j)
        for (int i = 0; i < 128; ++i)
            lesionPixels += std::hypot(-63.5 + i - 0.45 * 0.8 * 64, -63.5 + j) <= 0.25 * 0.8 * 64;
    REQUIRE(lesionPixels > 400);
    double mtv = -1, tlg = -1;
    for (const QJsonValue v : QJsonDocument::fromJson(r.out.toUtf8()).object()["values"].toArray()) {
        if (v["name"] == "mtv") {
            mtv = v["value"].toDouble();
            CHECK(v["unit"] == "mL");
        }
        if (v["name"] == "tlg")
            tlg = v["value"].toDouble();
    }
    CHECK(mtv == Approx(lesionPixels * 2.0 / 1000).epsilon(1e-9));
    CHECK(tlg == Approx(lesionPixels * 2.0 / 1000 * suv).epsilon(1e-9));
}

TEST_CASE("the metabolic volume at SUV 2.5 counts a lesion that 41% of the region's maximum leaves out", "[cli][pet]")
{
    // 128 x 128 at 1 mm: a rectangle over the 40000 Bq/mL lesion (SUV 11) and the 10000 one
    // (SUV 2.8, under 41% of 11 but over 2.5), clear of the 20000 one; the background (5000,
    // SUV 1.4) is under both thresholds.
    const ImportedPhantom pet = importPhantom("cli-pet-mtv", {"--size", "128x128x16", "--spacing", "1,1,2", "--modality", "PT"});
    const QString &db = pet.db, &series = pet.series;
    const ProcessResult r = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "rectangle", "--points",
                                                    "-10,-38,1;38,15,1", "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const double R = 0.8 * 64, radius = 0.25 * R, suvFactor = 70.0 * 1000 / (370e6 * std::pow(2.0, -3600.0 / 6586.2));
    int lesion = 0, warm = 0;
    for (int j = 0; j < 128; ++j)
        for (int i = 0; i < 128; ++i) {
            const double x = -63.5 + i, y = -63.5 + j;
            if (x < -10 || x > 38 || y < -38 || y > 15)
                continue;
            lesion += std::hypot(x - 0.45 * R, y) <= radius;
            warm += std::hypot(x, y + 0.45 * R) <= radius;
        }
    REQUIRE(lesion > 400);
    REQUIRE(warm > 300);
    std::map<QString, QJsonObject> values;
    for (const QJsonValue v : QJsonDocument::fromJson(r.out.toUtf8()).object()["values"].toArray())
        values[v["name"].toString()] = v.toObject();
    CHECK(values["mtv"]["value"].toDouble() == Approx(lesion * 2.0 / 1000).epsilon(1e-9));
    CHECK(values["mtv_abs"]["value"].toDouble() == Approx((lesion + warm) * 2.0 / 1000).epsilon(1e-9));
    CHECK(values["mtv_abs"]["calibration"] == "SUV 2.5 or more");
    CHECK(values["tlg_abs"]["value"].toDouble() == Approx((lesion * 40000.0 + warm * 10000.0) * 2.0 / 1000 * suvFactor).epsilon(1e-9));
}

TEST_CASE("annotate --kind sphere measures a PET volume of interest in 3D: the lesion's SUV as max, mean and peak", "[cli][pet]")
{
    const ImportedPhantom pet = importPhantom("cli-pet-sphere", {"--size", "64x64x32", "--spacing", "2,2,2", "--modality", "PT"});
    const QString &db = pet.db, &series = pet.series;
    hf::PhantomOptions o;
    o.modality = "PT";
    o.columns = o.rows = 64;
    o.slices = 32;
    o.columnSpacing = o.rowSpacing = o.sliceSpacing = 2;
    const hf::PhantomSphere lesion = hf::PhantomModel(o).sphere("bone");
    const hf::Vec3 c = lesion.center;
    const auto point = [](const hf::Vec3& p) { return QString("%1,%2,%3").arg(p.x).arg(p.y).arg(p.z); };
    // A 9 mm sphere inside the 12.8 mm lesion: every voxel in it is 40000 Bq/mL.
    const ProcessResult r = runProcess(HF_CLI_EXE, {"annotate", "--db", db, "--series", series, "--kind", "sphere", "--points",
                                                    point(c) + ";" + point(c + hf::Vec3{9, 0, 0}), "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    std::map<QString, QJsonObject> values;
    for (const QJsonValue v : QJsonDocument::fromJson(r.out.toUtf8()).object()["values"].toArray())
        values[v["name"].toString()] = v.toObject();
    const double suv = 40000 * hf::petSuvFactor();
    for (const char* name : {"max", "mean", "peak"}) {
        INFO(name);
        CHECK(values[name]["value"].toDouble() == Approx(suv).epsilon(0.01));
        CHECK(values[name]["unit"] == "SUVbw");
    }
    // Voxels whose centres lie within 9 mm of the centre, on every slice (2 mm voxels).
    int voxels = 0;
    for (int k = 0; k < 32; ++k)
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i)
                voxels += (hf::PhantomModel(o).voxelPosition(i, j, k) - c).norm() <= 9;
    CHECK(values["voxels"]["value"].toInt() == voxels);
    CHECK(values["diameter"]["value"].toDouble() == Approx(18));
    CHECK(values["mtv"]["value"].toDouble() == Approx(voxels * 8.0 / 1000));

    // The PDF report lists it with its SUV values and their kind.
    const QString pdf = QString::fromStdString((scratch("cli-pet-sphere-pdf") / "report.pdf").string());
    const ProcessResult exported = runProcess(HF_CLI_EXE, {"export", "--db", db, "--series", series, "--format", "pdf", "--out", pdf});
    INFO(exported.err.toStdString());
    REQUIRE(exported.exitCode == 0);
    const QString text = runProcess("pdftotext", {"-layout", pdf, "-"}).out.simplified();
    CHECK(text.contains("sphere"));
    CHECK(text.contains(QString("Peak %1 SUVbw").arg(suv, 0, 'f', 2)));
    CHECK(text.contains("MTV (SUV 2.5)"));
}
