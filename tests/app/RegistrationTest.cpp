// Registering a prior to the current study (issue 20, first part): make-phantom writes the same
// patient's phantom moved by a known rigid transform as another study; `register` finds that
// transform from the images alone, within 1 mm and 1 degree.
#include "ScreenshotRun.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/RegistrationStore.h"
#include "hf/dicomio/registration/RigidRegistration.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace hf::test;

namespace {

QString seriesOf(const QString& folder)
{
    const ProcessResult r = runProcess(HF_CLI_EXE, {"info", "--json", folder});
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0]["uid"].toString();
}

} // namespace

TEST_CASE("register finds a prior's known rigid transform within 1 mm and 1 degree", "[cli][registration]")
{
    const QStringList size{"--size", "128x128x64", "--spacing", "1,1,2", "--seed", "12"};
    const QString current = makePhantom("register-current", size);
    const QString currentSeries = seriesOf(current);
    struct Known {
        hf::Vec3 translate, rotate;
    };
    const std::vector<Known> known{{{10, -5, 4}, {0, 0, 5}}, {{-6, 8, -3}, {3, -2, 4}}, {{0, 0, 10}, {5, 0, 0}}};
    for (size_t n = 0; n < known.size(); ++n) {
        const Known& k = known[n];
        INFO("translate " << k.translate.x << "," << k.translate.y << "," << k.translate.z << " rotate " << k.rotate.x << "," << k.rotate.y << ","
                          << k.rotate.z);
        const auto triple = [](const hf::Vec3& v) { return QString("%1,%2,%3").arg(v.x).arg(v.y).arg(v.z); };
        const QString prior = makePhantom("register-prior-" + std::to_string(n),
                                          size + QStringList{"--translate", triple(k.translate), "--rotate", triple(k.rotate), "--study-date", "20250101"});
        const QString priorSeries = seriesOf(prior);
        const QString db = QString::fromStdString((scratch("register-cache-" + std::to_string(n)) / "cache.db").string());
        REQUIRE(runProcess(HF_CLI_EXE, {"import", current, prior, "--db", db}).exitCode == 0);
        // Two studies of one patient, each with its own Frame of Reference.
        const ProcessResult list = runProcess(HF_CLI_EXE, {"list", "--db", db, "--json"});
        CHECK(QJsonDocument::fromJson(list.out.toUtf8()).object()["studies"].toArray().size() == 2);

        const ProcessResult r = runProcess(HF_CLI_EXE, {"register", "--db", db, "--fixed", currentSeries, "--moving", priorSeries, "--json"});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        hf::RigidTransform found;
        for (int i = 0; i < 9; ++i)
            found.rotation[size_t(i)] = out["rotation"][i].toDouble();
        found.translation = {out["translation_mm"][0].toDouble(), out["translation_mm"][1].toDouble(), out["translation_mm"][2].toDouble()};
        const hf::RigidTransform truth = hf::RigidTransform::fromEuler(k.rotate, k.translate);
        // Rotation error: the angle of the turn left between them; translation error: where they
        // put the volume's centre (the objects lie around it).
        CHECK(found.then(truth.inverse()).angleDegrees() < 1.0);
        CHECK((found.apply({0, 0, 0}) - truth.apply({0, 0, 0})).norm() < 1.0);
        CHECK(out["angle_degrees"].toDouble() == Approx(truth.angleDegrees()).margin(1.0));
        CHECK(out["metric"] == "MI");
        CHECK(out["seconds"].toDouble() > 0);
    }
}

TEST_CASE("register names what it cannot do", "[cli][registration]")
{
    const QString current = makePhantom("register-missing", {"--size", "32x32x8"});
    const QString db = QString::fromStdString((scratch("register-missing-cache") / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, "--db", db}).exitCode == 0);
    const ProcessResult r = runProcess(HF_CLI_EXE, {"register", "--db", db, "--fixed", seriesOf(current), "--moving", "1.2.3.4"});
    CHECK(r.exitCode != 0);
    CHECK(r.err.contains("1.2.3.4"));
    const ProcessResult missing = runProcess(HF_CLI_EXE, {"register", "--db", db, "--fixed", seriesOf(current)});
    CHECK(missing.exitCode != 0);
    CHECK(missing.err.contains("--moving is required"));
    const ProcessResult badMove = runProcess(HF_CLI_EXE, {"make-phantom", "--out", QString::fromStdString(scratch("register-bad").string()), "--translate", "1,2"});
    CHECK(badMove.exitCode != 0);
    CHECK(badMove.err.contains("--translate must be X,Y,Z"));
}

TEST_CASE("two studies of one patient opened side by side are registered and scroll on the same anatomy", "[gui][screenshot][registration]")
{
    const QStringList size{"--size", "128x128x64", "--spacing", "1,1,2", "--seed", "14"};
    const QString current = makePhantom("link-current", size);
    const QString prior = makePhantom("link-prior", size + QStringList{"--translate", "4,-3,12", "--rotate", "0,0,3", "--study-date", "20250101"});
    const Shot shot = screenshot({current, prior}, {"--series", seriesOf(current), "--layout", "1x2"}, "link");
    const QJsonObject now = shot.view(0), before = shot.view(1);
    REQUIRE(now["series"] == seriesOf(current));
    REQUIRE(before["series"] == seriesOf(prior));
    CHECK(now["frame_of_reference"] != before["frame_of_reference"]);
    const QJsonObject link = now["link"].toObject();
    CHECK(link["view"] == 1);
    CHECK(link["how"].toString().startsWith("registered (MI)"));
    CHECK(before["link"]["view"] == 0);
    CHECK(now["corners"].toObject()["top_right"].toString().startsWith("Linked: registered (MI)"));
    // The transform found is the one the prior was moved by, and the prior's view shows the slice
    // where the current view's centre lies after it: the same anatomy.
    hf::RigidTransform found;
    for (int i = 0; i < 9; ++i)
        found.rotation[size_t(i)] = link["rotation"][i].toDouble();
    found.translation = {link["translation_mm"][0].toDouble(), link["translation_mm"][1].toDouble(), link["translation_mm"][2].toDouble()};
    const hf::RigidTransform truth = hf::RigidTransform::fromEuler({0, 0, 3}, {4, -3, 12});
    CHECK((found.apply({0, 0, 0}) - truth.apply({0, 0, 0})).norm() < 1.0);
    const hf::Vec3 centre{now["plane_center"][0].toDouble(), now["plane_center"][1].toDouble(), now["plane_center"][2].toDouble()};
    CHECK(std::abs(before["plane_center"][2].toDouble() - truth.apply(centre).z) <= 1.0 + 1e-6);  // within half a 2 mm slice
    CHECK(std::abs(before["slice"].toInt() - now["slice"].toInt()) == 6);  // 12 mm up, in 2 mm slices
}

TEST_CASE("a few images of two studies side by side are not a volume to register: no link", "[gui][screenshot][registration]")
{
    const QStringList size{"--size", "128x128x4", "--spacing", "1,1,2", "--seed", "15"};
    const QString current = makePhantom("nolink-current", size);
    const QString prior = makePhantom("nolink-prior", size + QStringList{"--translate", "4,0,0", "--study-date", "20250101"});
    const Shot shot = screenshot({current, prior}, {"--series", seriesOf(current), "--layout", "1x2"}, "nolink");
    REQUIRE(shot.view(1)["series"] == seriesOf(prior));
    CHECK_FALSE(shot.view(0).contains("link"));
    CHECK_FALSE(shot.view(1).contains("link"));
    CHECK_FALSE(shot.view(0)["corners"].toObject()["top_right"].toString().contains("Linked"));
}

TEST_CASE("a registration is kept in the cache: the pair opened again is linked by it without registering", "[gui][screenshot][registration]")
{
    const QStringList size{"--size", "96x96x40", "--spacing", "1.5,1.5,2", "--seed", "15"};
    const QString current = makePhantom("kept-current", size);
    const QString prior = makePhantom("kept-prior", size + QStringList{"--translate", "-5,6,8", "--study-date", "20250101"});
    const auto folder = scratch("kept-shot");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, prior, "--db", db}).exitCode == 0);
    const ProcessResult registered = runProcess(HF_CLI_EXE, {"register", "--db", db, "--fixed", seriesOf(current), "--moving", seriesOf(prior), "--json"});
    REQUIRE(registered.exitCode == 0);
    CHECK(QJsonDocument::fromJson(registered.out.toUtf8()).object()["kept_in_cache"] == true);

    // What the cache keeps is what links the views: made different here (2 mm further along x),
    // the views must show exactly that, which a fresh registration would not find.
    std::string fixedFrame, movingFrame;
    {
        const auto frameOf = [](const QString& folder) {
            const ProcessResult r = runProcess(HF_CLI_EXE, {"info", "--json", folder});
            return QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0]["stacks"][0]["frame_of_reference"].toString().toStdString();
        };
        fixedFrame = frameOf(current);
        movingFrame = frameOf(prior);
        REQUIRE_FALSE(fixedFrame.empty());
        hf::CacheDatabase database(db.toStdString());
        hf::RegistrationStore store(database);
        const auto kept = store.find(fixedFrame, movingFrame);
        REQUIRE(kept);
        CHECK(kept->transform.translation.x == Approx(-5).margin(1.0));
        // Asked the other way round: the inverse.
        CHECK(store.find(movingFrame, fixedFrame)->transform.apply(kept->transform.apply({10, 20, 30})).x == Approx(10).margin(1e-9));
        hf::RigidTransform changed = kept->transform;
        changed.translation.x += 2;
        store.save(fixedFrame, movingFrame, changed, kept->how);
    }
    const Shot shot = takeScreenshot({current, prior, "--db", db, "--series", seriesOf(current), "--layout", "1x2"}, folder);
    const QJsonObject link = shot.view(0)["link"].toObject();
    REQUIRE(link["view"] == 1);
    CHECK(link["how"].toString().startsWith("registered (MI)"));
    CHECK(link["translation_mm"][0].toDouble() == Approx(QJsonDocument::fromJson(registered.out.toUtf8()).object()["translation_mm"][0].toDouble() + 2).margin(1e-6));
}

TEST_CASE("with a prior in the cache a CT study hangs current beside prior first, registered and linked; --prior picks another",
          "[gui][screenshot][registration][protocols]")
{
    const QStringList size{"--size", "96x96x40", "--spacing", "1.5,1.5,2", "--seed", "16", "--body-part", "CHEST"};
    const QString current = makePhantom("compare-current", size);
    const QString prior = makePhantom("compare-prior", size + QStringList{"--translate", "3,-4,6", "--study-date", "20250101"});
    const QString older = makePhantom("compare-older", size + QStringList{"--translate", "-6,2,-4", "--study-date", "20240101"});
    const auto folder = scratch("compare-shot");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, prior, older, "--db", db}).exitCode == 0);
    const auto studyOf = [](const QString& dir) {
        return QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", "--json", dir}).out.toUtf8()).object()["patients"][0]["studies"][0]["uid"].toString();
    };
    const auto plan = [&](const QStringList& extra) {
        const ProcessResult r = runProcess(HF_CLI_EXE, QStringList{"protocols", "--db", db, "--json"} + extra);
        REQUIRE(r.exitCode == 0);
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    // The default prior (the most recent) in the first stage's right view, the same kind of series.
    const QJsonObject hung = plan({"--match", studyOf(current)});
    CHECK(hung["protocol"] == "CT chest");
    const QJsonObject first = hung["stages"][0].toObject();
    CHECK(first["name"] == "Current vs prior");
    CHECK(first["views"][0]["series"] == seriesOf(current));
    CHECK(first["views"][0]["prior"] == 0);
    CHECK(first["views"][1]["series"] == seriesOf(prior));
    CHECK(first["views"][1]["prior"] == 1);
    CHECK(first["window_together"] == true);
    // Another prior, chosen.
    CHECK(plan({"--match", studyOf(current), "--prior", studyOf(older)})["stages"][0]["views"][1]["series"] == seriesOf(older));
    // The oldest study has nothing to compare with: that stage is left out.
    CHECK(plan({"--match", studyOf(older)})["stages"][0]["name"] == "Axial windows and reformats");

    // On screen: both registered and linked, the protocol's links on.
    const Shot shot = takeScreenshot({"--study", studyOf(current), "--prior", studyOf(older), "--db", db}, folder);
    CHECK(shot.description["protocol"]["stage_name"] == "Current vs prior");
    REQUIRE(shot.view(0)["series"] == seriesOf(current));
    REQUIRE(shot.view(1)["series"] == seriesOf(older));
    const QJsonObject link = shot.view(0)["link"].toObject();
    CHECK(link["how"].toString().startsWith("registered (MI)"));
    CHECK(link["translation_mm"][0].toDouble() == Approx(-6).margin(1.0));
    CHECK(link["translation_mm"][2].toDouble() == Approx(-4).margin(1.0));
    CHECK(shot.description["linked"]["window"] == true);
    CHECK(shot.description["linked"]["zoom"] == true);
    CHECK(std::abs(shot.view(1)["plane_center"][2].toDouble() - (shot.view(0)["plane_center"][2].toDouble() - 4)) <= 1.0 + 1e-6);
    // --prior alone is refused by name.
    const ProcessResult alone = runProcess(HF_GUI_EXE, {"--prior", studyOf(older), "--db", db, "--screenshot", QString::fromStdString((folder / "x.png").string())});
    CHECK(alone.exitCode != 0);
    CHECK(alone.err.contains("--prior needs --study"));
}

TEST_CASE("register --sro writes a valid Spatial Registration; imported into another cache it links the pair without registering",
          "[gui][screenshot][registration][sro]")
{
    const QStringList size{"--size", "96x96x40", "--spacing", "1.5,1.5,2", "--seed", "17"};
    const QString current = makePhantom("sro-current", size);
    const QString prior = makePhantom("sro-prior", size + QStringList{"--translate", "6,-2,4", "--rotate", "0,0,2", "--study-date", "20250101"});
    const auto folder = scratch("sro-register");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString sro = QString::fromStdString((folder / "reg.dcm").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, prior, "--db", db}).exitCode == 0);
    const ProcessResult registered = runProcess(HF_CLI_EXE, {"register", "--db", db, "--fixed", seriesOf(current), "--moving", seriesOf(prior), "--sro", sro, "--json"});
    INFO(registered.err.toStdString());
    REQUIRE(registered.exitCode == 0);
    const QJsonObject found = QJsonDocument::fromJson(registered.out.toUtf8()).object();
    CHECK(found["sro"] == sro);

    // What DICOM's validator says of it: no error.
    const ProcessResult checked = runProcess("dciodvfy", {"-new", sro});
    INFO((checked.out + checked.err).toStdString());
    CHECK_FALSE((checked.out + checked.err).contains("Error"));
    const ProcessResult dump = runProcess("dcmdump", {"-q", sro});
    CHECK(dump.out.contains("(0008,0016) UI =SpatialRegistrationStorage"));
    CHECK(dump.out.contains("(0008,0060) CS [REG]"));
    CHECK(dump.out.contains("(0070,030c) CS [RIGID]"));

    // Another workstation's cache: the studies and the object, nothing kept. The views are linked
    // by the object (exactly its transform), not by a registration of their own.
    const auto other = scratch("sro-other-shot");
    const QString otherDb = QString::fromStdString((other / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, prior, sro, "--db", otherDb}).exitCode == 0);
    const Shot shot = takeScreenshot({current, prior, "--db", otherDb, "--series", seriesOf(current), "--layout", "1x2"}, other);
    const QJsonObject link = shot.view(0)["link"].toObject();
    REQUIRE(link["view"] == 1);
    CHECK(link["how"].toString().startsWith("from a Spatial Registration (registered (MI)"));
    for (int i = 0; i < 3; ++i)
        CHECK(link["translation_mm"][i].toDouble() == Approx(found["translation_mm"][i].toDouble()).margin(1e-4));
    CHECK(shot.view(0)["corners"].toObject()["top_right"].toString().startsWith("Linked: from a Spatial Registration"));
}
