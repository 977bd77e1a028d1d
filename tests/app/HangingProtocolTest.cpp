// Hanging protocols through the executables: `hounsfield-cli protocols` lists and matches them,
// malformed files are named with their field, and `hounsfield --protocol auto` hangs synthetic
// CT and MG studies as the protocols say (checked in the screenshot's JSON and its pixels).
#include "ScreenshotRun.h"

#include <fstream>

using namespace hf::test;

namespace {

QString cli(const QStringList& args, int expectedExit = 0, QString* err = nullptr)
{
    const ProcessResult r = runProcess(HF_CLI_EXE, args);
    INFO(args.join(' ').toStdString() << "\n" << r.err.toStdString());
    REQUIRE_FALSE(r.crashed);
    REQUIRE(r.exitCode == expectedExit);
    if (err)
        *err = r.err;
    return r.out;
}

QJsonObject cliJson(const QStringList& args, int expectedExit = 0, QString* err = nullptr)
{
    return QJsonDocument::fromJson(cli(args, expectedExit, err).toUtf8()).object();
}

// One study: axial, coronal and sagittal series of the same objects (seed 31), cached in DB.
struct CtStudy {
    QString folder, db, studyUid, axial, coronal, sagittal;
};

CtStudy makeCtStudy(const std::string& name, const QString& bodyPart)
{
    CtStudy s;
    const auto root = scratch(name);
    s.folder = QString::fromStdString((root / "images").string());
    s.db = QString::fromStdString((root / "cache.db").string());
    int number = 1;
    for (const QString plane : {"axial", "coronal", "sagittal"})
        cli({"make-phantom", "--out", s.folder + "/" + plane, "--size", "40x40x20", "--orientation", plane, "--series-number",
             QString::number(number++), "--seed", "31", "--body-part", bodyPart});
    const QJsonObject info = cliJson({"info", s.folder, "--json"});
    const QJsonObject study = info["patients"].toArray()[0].toObject()["studies"].toArray()[0].toObject();
    s.studyUid = study["uid"].toString();
    for (const QJsonValue& series : study["series"].toArray()) {
        const QString description = series.toObject()["description"].toString();
        const QString uid = series.toObject()["uid"].toString();
        (description.endsWith("coronal") ? s.coronal : description.endsWith("sagittal") ? s.sagittal : s.axial) = uid;
    }
    REQUIRE_FALSE(s.axial.isEmpty());
    REQUIRE_FALSE(s.coronal.isEmpty());
    REQUIRE_FALSE(s.sagittal.isEmpty());
    cli({"import", s.folder, "--db", s.db});
    return s;
}

void writeFile(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString()) << text;
}

// The window at 1000x800, with a protocol folder of its own (empty: the built-in ones).
Shot screenshot(const QStringList& args, const std::string& name)
{
    const auto folder = scratch(name);
    return takeScreenshot(args + QStringList{"--size", "1000x800", "--protocols-folder", QString::fromStdString((folder / "protocols").string())},
                          folder);
}

} // namespace

TEST_CASE("protocols lists the built-in hanging protocols", "[cli][protocols]")
{
    const auto folder = scratch("protocols-list");
    const QJsonObject out = cliJson({"protocols", "--json", "--folder", QString::fromStdString((folder / "none").string())});
    QStringList names;
    for (const QJsonValue& p : out["protocols"].toArray())
        names << p.toObject()["name"].toString();
    for (const QString expected : {"CT head", "CT chest", "CT abdomen", "MR brain", "CR/DX", "MG four views", "Fallback"})
        CHECK(names.contains(expected));
    CHECK(out["errors"].toArray().isEmpty());
}

TEST_CASE("protocols --match hangs a CT study of axial, coronal and sagittal series", "[cli][protocols]")
{
    const CtStudy s = makeCtStudy("protocols-match-chest", "CHEST");
    const auto none = QString::fromStdString((scratch("protocols-match-chest-folder") / "none").string());
    const QJsonObject plan = cliJson({"protocols", "--match", s.studyUid, "--db", s.db, "--json", "--folder", none});
    REQUIRE(plan["protocol"].toString() == "CT chest");
    const QJsonArray stages = plan["stages"].toArray();
    REQUIRE(stages.size() == 3);
    const QJsonObject first = stages[0].toObject();
    CHECK(first["layout"].toString() == "2x2");
    const QJsonArray views = first["views"].toArray();
    REQUIRE(views.size() == 4);
    CHECK(views[0].toObject()["series"].toString() == s.axial);
    CHECK(views[0].toObject()["window"].toString() == "CT mediastinum");
    CHECK(views[1].toObject()["series"].toString() == s.axial);
    CHECK(views[1].toObject()["window"].toString() == "CT lung");
    CHECK(views[2].toObject()["series"].toString() == s.coronal);
    CHECK(views[3].toObject()["series"].toString() == s.sagittal);
    CHECK(stages[1].toObject()["layout"].toString() == "mpr");
    CHECK(stages[2].toObject()["slab"].toObject()["mode"].toString() == "mip");

    // The same images said to be of the head hang by the head protocol; --protocol overrides.
    const CtStudy head = makeCtStudy("protocols-match-head", "HEAD");
    CHECK(cliJson({"protocols", "--match", head.studyUid, "--db", head.db, "--json", "--folder", none})["protocol"].toString() == "CT head");
    CHECK(cliJson({"protocols", "--match", head.studyUid, "--db", head.db, "--json", "--folder", none, "--protocol", "fallback"})["protocol"]
              .toString() == "Fallback");
    QString err;
    cli({"protocols", "--match", "1.2.3.4", "--db", head.db}, 2, &err);
    CHECK(err.contains("1.2.3.4"));
}

TEST_CASE("malformed protocol files are named with their field and the fallback hangs the study", "[cli][protocols]")
{
    const auto root = scratch("protocols-malformed");
    const QString folder = QString::fromStdString((root / "protocols").string());
    std::filesystem::create_directories(root / "protocols");
    const QString mr = QString::fromStdString((root / "mr").string());
    cli({"make-phantom", "--out", mr, "--modality", "MR", "--size", "32x32x6", "--seed", "32"});
    const QString db = QString::fromStdString((root / "cache.db").string());
    cli({"import", mr, "--db", db});
    const QString study = cliJson({"list", "--db", db, "--json"})["studies"].toArray()[0].toObject()["uid"].toString();

    // A valid protocol of the reader's own, for MR: it is what the study gets...
    writeFile(folder + "/mine.json", R"({"name": "My MR", "match": {"modality": "^MR$"},
        "stages": [{"name": "one", "layout": "1x1", "views": [{"series": {"modality": "MR"}, "window": [300, 600]}]}]})");
    QJsonObject plan = cliJson({"protocols", "--match", study, "--db", db, "--json", "--folder", folder});
    CHECK(plan["protocol"].toString() == "My MR");
    CHECK(plan["stages"].toArray()[0].toObject()["views"].toArray()[0].toObject()["window"].toArray()[1].toDouble() == 600);

    // ...until it is broken: each mistake is named with the file and the field, and the fallback is used.
    struct Broken {
        const char* file;
        std::string text;
        const char* says;
    };
    const std::vector<Broken> broken = {
        {"mine.json", R"({"name": "My MR", "match": {"modality": "^MR$"}, "stages": [{"layout": "2x2", "views": [{"window": "no such preset"}]}]})",
         "mine.json: stages[0].views[0].window: no window preset 'no such preset'"},
        {"mine.json", R"({"name": "My MR", "match": {"modality": "^MR$"}, "stages": [{"layout": "2x2", "views": [{"windw": "CT lung"}]}]})",
         "mine.json: stages[0].views[0].windw: unknown field"},
        {"mine.json", R"({"name": "My MR", "match": {"modality": "(MR"}, "stages": [{"views": []}]})",
         "mine.json: match.modality: invalid regular expression '(MR'"},
        {"mine.json", R"({"name": "My MR", "match": {"modality": "^MR$"}, "stages": [{"layout": "4x4", "views": []}]})",
         "mine.json: stages[0].layout: '4x4' is not one of"},
        {"mine.json", R"({"name": "My MR", "match": {"modality": "^MR$"}, "stages": [{"layout": "1x2", "views": [{}, {}, {}]}]})",
         "mine.json: stages[0].views: 3 views do not fit layout 1x2"},
        {"mine.json", R"({"name": "My MR", "stages": [{"views": [{"series": {"min_images": -3}}]}]})",
         "mine.json: stages[0].views[0].series.min_images: expected a whole number from 0"},
        {"mine.json", R"({"name": "My MR", "stages": )", "mine.json: not JSON at byte"},
        {"mine.json", R"({"stages": [{"views": []}]})", "mine.json: name: missing or empty"},
        {"mine.json", R"({"name": "My MR", "stages": [{"views": [{"fuse": {"series": {"modality": "PT"}, "opacity": 1.5}}]}]})",
         "mine.json: stages[0].views[0].fuse.opacity: expected a number from 0 to 1"},
        {"mine.json", R"({"name": "My MR", "stages": [{"views": [{"fuse": {"serie": {"modality": "PT"}}}]}]})",
         "mine.json: stages[0].views[0].fuse.serie: unknown field"},
        {"mine.json", R"({"name": "My MR", "stages": [{"views": [{"display": "3d"}]}]})",
         "mine.json: stages[0].views[0].display: expected \"slices\" or \"mip\""},
    };
    for (const Broken& b : broken) {
        INFO(b.text);
        writeFile(folder + "/" + b.file, b.text);
        QString err;
        plan = cliJson({"protocols", "--match", study, "--db", db, "--json", "--folder", folder}, 0, &err);
        CHECK(plan["protocol"].toString() == "Fallback");
        CHECK(err.contains(b.says));
        CHECK(plan["errors"].toArray().size() == 1);
        cli({"protocols", "--folder", folder, "--check"}, 2);
    }
}

TEST_CASE("hounsfield --protocol auto hangs a CT study: windows, series per view, stage in the JSON", "[gui][protocols]")
{
    const CtStudy s = makeCtStudy("protocols-gui-chest", "CHEST");
    const Shot shot = screenshot({s.folder, "--db", s.db, "--protocol", "auto"}, "protocols-gui-chest-shot");
    const QJsonObject protocol = shot.description["protocol"].toObject();
    CHECK(protocol["name"].toString() == "CT chest");
    CHECK(protocol["stage"].toInt() == 1);
    CHECK(protocol["stages"].toInt() == 3);
    REQUIRE(shot.description["layout"].toString() == "2x2");
    const QString expected[] = {s.axial, s.axial, s.coronal, s.sagittal};
    const double widths[] = {350, 1500, 1500, 350};
    for (int i = 0; i < 4; ++i) {
        INFO("view " << i);
        CHECK(shot.view(i)["series"].toString() == expected[i]);
        CHECK(shot.view(i)["window"].toArray()[1].toDouble() == widths[i]);
        CHECK(shot.view(i)["protocol_stage"].toInt() == 1);
    }
    // The water (0 HU) looks as each window says: dark grey in mediastinum, near white in lung.
    const auto waterGray = [&](int view) {
        const QRect r = shot.rect(view);
        return qGray(shot.image.pixel(r.center().x() + 20, r.center().y() + 20));  // beside the reference lines
    };
    CHECK(std::abs(waterGray(0) - 91) <= 12);   // (0 - (50 - 175)) / 350 * 255
    CHECK(std::abs(waterGray(1) - 230) <= 12);  // (0 - (-600 - 750)) / 1500 * 255
}

TEST_CASE("hounsfield --protocol auto hangs a mammography study mirrored, chest walls meeting in the middle", "[gui][protocols]")
{
    const auto root = scratch("protocols-gui-mg");
    const QString images = QString::fromStdString((root / "images").string());
    for (const QString side : {"R", "L"})
        for (const QString view : {"CC", "MLO"})
            cli({"make-phantom", "--out", images + "/" + side + view, "--modality", "MG", "--laterality", side, "--view", view,
                 "--size", "64x96x1", "--seed", "33"});
    const QString db = QString::fromStdString((root / "cache.db").string());
    const Shot shot = screenshot({images, "--db", db, "--protocol", "auto"}, "protocols-gui-mg-shot");
    CHECK(shot.description["protocol"].toObject()["name"].toString() == "MG four views");
    REQUIRE(shot.description["layout"].toString() == "2x2");
    const char* expected[] = {"R CC", "L CC", "R MLO", "L MLO"};
    for (int i = 0; i < 4; ++i) {
        INFO("view " << i);
        CHECK(shot.view(i)["corners"].toObject()["top_right"].toString().contains(expected[i]));
        // Every phantom image has its chest wall on the right as stored: the left breast is mirrored.
        CHECK(shot.view(i)["flipped_horizontally"].toBool() == (i % 2 == 1));
        // The breast's flat side (the chest wall) faces the middle of the screen: right in the left column.
        const QRect r = shot.rect(i);
        int left = r.right(), right = r.left();
        for (int y = r.top() + 60; y < r.bottom() - 40; ++y)  // below the corner text, above the scale bar
            for (int x = r.left(); x <= r.right(); ++x)
                if (qGray(shot.image.pixel(x, y)) > 200)
                    left = std::min(left, x), right = std::max(right, x);
        REQUIRE(right > left);
        const auto tallness = [&](int x) {
            int n = 0;
            for (int y = r.top(); y <= r.bottom(); ++y)
                n += qGray(shot.image.pixel(x, y)) > 200;
            return n;
        };
        const int wallSide = i % 2 == 0 ? tallness(right - 2) : tallness(left + 2);
        const int nippleSide = i % 2 == 0 ? tallness(left + 2) : tallness(right - 2);
        CHECK(wallSide > 3 * nippleSide);
        // ...against the view's edge, as mammograms hang.
        if (i % 2 == 0)
            CHECK(right >= r.right() - 3);
        else
            CHECK(left <= r.left() + 3);
    }
}
