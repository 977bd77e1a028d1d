// hounsfield-cli as scripts use it: exit codes, JSON shape, files valid for other tools.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>

#include <filesystem>
#include <fstream>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;

QString makePhantom(const std::string& name, const QStringList& extra)
{
    const QString dir = QString::fromStdString(scratch(name).string());
    const ProcessResult r = runProcess(cli, QStringList{"make-phantom", "--out", dir, "--size", "32x32x6"} + extra);
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return dir;
}
} // namespace

TEST_CASE("make-phantom writes files that dciodvfy accepts and dcmdump reads, in every syntax", "[cli][phantom]")
{
    for (const char* syntax : {"explicit", "implicit", "big-endian", "deflate", "rle", "jpeg-baseline", "jpeg-lossless", "jpeg-ls", "j2k", "htj2k"}) {
        DYNAMIC_SECTION(syntax)
        {
            const QString dir = makePhantom(std::string("cli-") + syntax, {"--syntax", syntax});
            const QStringList files = QDir(dir).entryList({"*.dcm"}, QDir::Files, QDir::Name);
            REQUIRE(files.size() == 6);
            QString file = dir + "/" + files[2];
            const ProcessResult dump = runProcess("dcmdump", {file});
            REQUIRE(dump.exitCode == 0);
            REQUIRE(dump.out.contains("PHANTOM^HOUNSFIELD"));
            if (QString(syntax) == "deflate") {
                // dciodvfy cannot inflate; validate the same dataset re-encoded by DCMTK.
                const QString inflated = dir + "/inflated.dcm";
                REQUIRE(runProcess("dcmconv", {"+te", file, inflated}).exitCode == 0);
                file = inflated;
            }
            if (QString(syntax) == "htj2k") {
                // Debian's dicom3tools predate HTJ2K (it reads the data set but not the pixels);
                // the codestream itself is checked with OpenJPH's own tool below.
                REQUIRE(dump.out.contains("1.2.840.10008.1.2.4.201"));
                return;
            }
            const ProcessResult check = runProcess("dciodvfy", {file});
            INFO(check.err.toStdString());
            REQUIRE_FALSE(check.err.contains("Error"));
        }
    }
}

TEST_CASE("make-phantom --syntax htj2k writes codestreams that OpenJPH's ojph_expand decodes to the explicit phantom's values", "[cli][phantom][htj2k]")
{
    const QString htj2k = makePhantom("cli-htj2k-expand", {"--syntax", "htj2k", "--seed", "5"});
    const QString plain = makePhantom("cli-htj2k-plain", {"--seed", "5"});
    const QString file = QDir(htj2k).entryList({"*.dcm"}, QDir::Files, QDir::Name)[3];
    REQUIRE(QDir(plain).entryList({"*.dcm"}, QDir::Files, QDir::Name)[3] == file);
    // dcmdump +W writes each fragment (and the native pixels) to DIR/FILE.N.raw.
    const QString out = QString::fromStdString(scratch("cli-htj2k-fragments").string());
    REQUIRE(runProcess("dcmdump", {"+W", out, htj2k + "/" + file}).exitCode == 0);
    REQUIRE(QDir().mkpath(out + "/plain"));
    REQUIRE(runProcess("dcmdump", {"+W", out + "/plain", plain + "/" + file}).exitCode == 0);
    const QString pgm = out + "/decoded.pgm";
    const ProcessResult expand = runProcess("ojph_expand", {"-i", out + "/" + file + ".1.raw", "-o", pgm});
    INFO(expand.err.toStdString());
    REQUIRE(expand.exitCode == 0);
    QFile decoded(pgm), native(out + "/plain/" + file + ".0.raw");
    REQUIRE(decoded.open(QIODevice::ReadOnly));
    REQUIRE(native.open(QIODevice::ReadOnly));
    const QByteArray image = decoded.readAll(), stored = native.readAll();
    // PGM: "P5\n32 32\n4095\n" then big-endian 16-bit samples; the native pixels are little endian.
    REQUIRE(image.startsWith("P5\n"));
    const QList<QByteArray> fields = image.left(32).split('\n');
    REQUIRE(fields[1].split(' ')[0].toInt() == 32);  // columns of makePhantom's size
    const qsizetype header = fields[0].size() + fields[1].size() + fields[2].size() + 3;
    REQUIRE(image.size() - header == stored.size());
    REQUIRE(stored.size() > 0);
    int differing = 0, nonZero = 0;
    for (qsizetype p = 0; p < stored.size(); p += 2) {
        const int expected = quint8(stored[p]) | quint8(stored[p + 1]) << 8;
        const int got = quint8(image[header + p]) << 8 | quint8(image[header + p + 1]);
        differing += expected != got;
        nonZero += expected != 0;
    }
    REQUIRE(differing == 0);
    REQUIRE(nonZero > int(stored.size() / 4));
}

TEST_CASE("info --json describes the phantom with its geometry and statistics", "[cli]")
{
    const QString dir = makePhantom("cli-info", {"--spacing", "0.5,0.5,2"});
    const ProcessResult r = runProcess(cli, {"info", dir, "--json"});
    REQUIRE(r.exitCode == 0);
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    REQUIRE(doc["files"].toInt() == 6);
    REQUIRE(doc["errors"].toArray().isEmpty());
    const QJsonObject stack = doc["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject();
    REQUIRE(stack["rows"].toInt() == 32);
    REQUIRE(stack["columns"].toInt() == 32);
    REQUIRE(stack["slices"].toInt() == 6);
    REQUIRE(stack["spacing"][0].toDouble() == Approx(0.5));
    REQUIRE(stack["spacing"][2].toDouble() == Approx(2.0));
    REQUIRE(stack["direction"].toArray().size() == 9);
    REQUIRE(stack["direction"][0].toDouble() == 1.0);
    REQUIRE(stack["direction"][4].toDouble() == 1.0);
    REQUIRE(stack["direction"][8].toDouble() == 1.0);
    REQUIRE(stack["photometric"].toString() == "MONOCHROME2");
    REQUIRE(stack["stats"]["min"].toDouble() == -1000);
    REQUIRE(stack["stats"]["max"].toDouble() == 2000);
    REQUIRE(stack["transfer_syntaxes"][0].toString() == "1.2.840.10008.1.2.1");
}

TEST_CASE("info --json gives an RT Dose's values in its Dose Units, scaled by its Dose Grid Scaling, as pydicom reads them", "[cli]")
{
    const QString file = "/usr/lib/python3/dist-packages/pydicom/data/test_files/rtdose_expb_1frame.dcm";
    const ProcessResult truth = runProcess("/usr/bin/python3", {"-c", "import pydicom,sys\n"
                                                                      "d = pydicom.dcmread(sys.argv[1]); a = d.pixel_array * float(d.DoseGridScaling)\n"
                                                                      "print(d.DoseUnits, repr(float(a.min())), repr(float(a.max())))",
                                                               file});
    INFO(truth.err.toStdString());
    REQUIRE(truth.exitCode == 0);
    const QStringList expected = truth.out.trimmed().split(' ');
    REQUIRE(expected.size() == 3);
    const ProcessResult r = runProcess(cli, {"info", file, "--json"});
    REQUIRE(r.exitCode == 0);
    const QJsonObject stack = QJsonDocument::fromJson(r.out.toUtf8())["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject();
    CHECK(stack["value_units"].toString() == expected[0].toLower());  // RELATIVE: relative dose
    CHECK(stack["stats"]["min"].toDouble() == Approx(expected[1].toDouble()).epsilon(1e-6));
    CHECK(stack["stats"]["max"].toDouble() == Approx(expected[2].toDouble()).epsilon(1e-6));
    // A phantom CT names no units of its own (HU is implied by the modality).
    const ProcessResult ct = runProcess(cli, {"info", makePhantom("cli-info-units", {}), "--json"});
    CHECK_FALSE(QJsonDocument::fromJson(ct.out.toUtf8())["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject().contains("value_units"));
}

TEST_CASE("bad arguments exit 2 with a reason naming the argument", "[cli][badinput]")
{
    const QString dir = QString::fromStdString(scratch("cli-bad").string());
    ProcessResult r = runProcess(cli, {"make-phantom", "--out", dir, "--syntax", "mpeg"});
    REQUIRE(r.exitCode == 2);
    REQUIRE(r.err.contains("--syntax"));
    r = runProcess(cli, {"make-phantom", "--out", dir, "--size", "12by12"});
    REQUIRE(r.exitCode == 2);
    REQUIRE(r.err.contains("--size"));
    r = runProcess(cli, {"info", dir + "/does-not-exist"});
    REQUIRE(r.exitCode == 2);
    REQUIRE(r.err.contains("does-not-exist"));
    r = runProcess(cli, {"frobnicate"});
    REQUIRE(r.exitCode == 2);
}

TEST_CASE("info --json names every stack of a series with what tells it apart, and counts them", "[cli]")
{
    const ProcessResult r = runProcess(cli, {"info", QString::fromStdString((corpus() / "dcm_qa_pdt2/In").string()), "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject series = QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0].toObject();
    REQUIRE(series["stacks_total"].toInt() == 2);
    const QJsonArray stacks = series["stacks"].toArray();
    REQUIRE(stacks.size() == 2);
    CHECK(stacks[0]["split"].toString() == "TE 11.00 ms");
    CHECK(stacks[0]["keys"]["echo_time"].toDouble() == 11);
    CHECK(stacks[1]["split"].toString() == "TE 92.00 ms");
    CHECK(stacks[1]["keys"]["echo_time"].toDouble() == 92);
    CHECK(stacks[0]["slices"].toInt() + stacks[1]["slices"].toInt() == 70);  // no image left out
}

TEST_CASE("bench load reports the series it loaded and ordered timings", "[cli]")
{
    const QString dir = makePhantom("cli-bench", {});
    const ProcessResult r = runProcess(cli, {"bench", "load", dir, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    REQUIRE(doc["files"].toInt() == 6);
    REQUIRE(doc["voxel_bytes"].toDouble() == 32.0 * 32 * 6 * 2);
    REQUIRE(doc["errors"].toInt() == 0);
    REQUIRE(doc["scan_s"].toDouble() > 0);
    REQUIRE(doc["first_slice_s"].toDouble() >= doc["scan_s"].toDouble());
    REQUIRE(doc["total_s"].toDouble() >= doc["first_slice_s"].toDouble());
    REQUIRE(runProcess(cli, {"bench", "load"}).exitCode == 2);
}

TEST_CASE("bench open times a cached series from the index's headers, or from the files with --rescan", "[cli][cache]")
{
    const QString dir = makePhantom("cli-bench-open", {});
    const QString db = QString::fromStdString((scratch("cli-bench-open-db") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", dir, "--db", db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(runProcess(cli, {"info", dir, "--json"}).out.toUtf8()).object();
    const QString series = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    for (const QString& mode : {QString("index"), QString("files")}) {
        QStringList args{"bench", "open", "--db", db, "--series", series, "--json"};
        if (mode == "files")
            args << "--rescan";
        const ProcessResult r = runProcess(cli, args);
        INFO(mode.toStdString() << ": " << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        CHECK(doc["headers_from"].toString() == mode);
        CHECK(doc["files"].toInt() == 6);
        CHECK(doc["voxel_bytes"].toDouble() == 32.0 * 32 * 6 * 2);
        CHECK(doc["first_slice_s"].toDouble() >= doc["scan_s"].toDouble());
        CHECK(doc["total_s"].toDouble() >= doc["first_slice_s"].toDouble());
    }
    const ProcessResult unknown = runProcess(cli, {"bench", "open", "--db", db, "--series", "2.25.1"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.contains("2.25.1"));
    CHECK(runProcess(cli, {"bench", "open", "--db", db}).exitCode == 2);
}

TEST_CASE("import then list: the phantom study with its counts, filters and a rebuild hint", "[cli][cache]")
{
    const QString dir = makePhantom("cli-import", {});
    const QString db = QString::fromStdString((scratch("cli-cache") / "cache.db").string());
    ProcessResult r = runProcess(cli, {"import", dir, "--db", db, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    REQUIRE(doc["added"].toObject()["instances"].toInt() == 6);
    REQUIRE(doc["total"].toObject()["studies"].toInt() == 1);

    r = runProcess(cli, {"list", "--db", db, "--patient", "phantom*", "--modality", "CT", "--json"});
    REQUIRE(r.exitCode == 0);
    doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    REQUIRE(doc["studies"].toArray().size() == 1);
    const QJsonObject study = doc["studies"][0].toObject();
    REQUIRE(study["patient_name"].toString() == "PHANTOM^HOUNSFIELD");
    REQUIRE(study["date"].toString() == "20260101");
    REQUIRE(study["series"].toInt() == 1);
    REQUIRE(study["images"].toInt() == 6);
    REQUIRE(study["location"].toString() == "local");
    r = runProcess(cli, {"list", "--db", db, "--modality", "MR", "--json"});
    REQUIRE(QJsonDocument::fromJson(r.out.toUtf8()).object()["studies"].toArray().isEmpty());

    // A file gone from under the cache: an import reports what the last check flagged (it does
    // not look at every file of the cache), list --check looks and flags it.
    const QString another = makePhantom("cli-import-another", {"--seed", "77"});
    QDir(dir).remove(QDir(dir).entryList(QDir::Files).first());
    r = runProcess(cli, {"import", another, "--db", db, "--json"});
    REQUIRE(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["missing_files"].toInt() == 0);
    REQUIRE(runProcess(cli, {"list", "--db", db, "--check"}).exitCode == 0);
    r = runProcess(cli, {"import", another, "--db", db, "--json"});
    REQUIRE(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["missing_files"].toInt() == 1);
    REQUIRE(runProcess(cli, {"list", "--db", db, "--from", "2026-01-01"}).exitCode == 2);

    // A database that is not one: exit 1 naming the file and the way out.
    const QString broken = QString::fromStdString((scratch("cli-cache-broken") / "cache.db").string());
    {
        std::ofstream f(broken.toStdString());
        f << std::string(8192, 'x');
    }
    r = runProcess(cli, {"list", "--db", broken});
    REQUIRE(r.exitCode == 1);
    REQUIRE(r.err.contains(broken));
    REQUIRE(r.err.contains("--rebuild"));
}

TEST_CASE("import keeps a relative PATH as the absolute one, so the cache opens it from anywhere", "[cli][cache]")
{
    const QString dir = makePhantom("cli-import-relative", {});
    const QFileInfo folder(dir);
    const QString db = QString::fromStdString((scratch("cli-import-relative-cache") / "cache.db").string());
    ProcessResult r = runProcess(cli, {"import", folder.fileName(), "--db", db}, 120000, folder.absolutePath());
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    r = runProcess(cli, {"info", dir, "--json"});
    const QString series = QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    // Opened from another working folder (the test's): the index has where the files really are.
    r = runProcess(cli, {"bench", "open", "--db", db, "--series", series, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["files"].toInt() == 6);
}

TEST_CASE("import --copy while the cache's disk has less free than is kept: indexed where the files are, each said", "[cli][cache]")
{
    const QString dir = makePhantom("cli-import-no-room", {});
    const auto cacheDir = scratch("cli-import-no-room-cache");
    const QString db = QString::fromStdString((cacheDir / "cache.db").string());
    const QString allOfIt = QString::number(qulonglong(1) << 40);  // MB: more than any disk has
    ProcessResult r = runProcess(cli, {"import", dir, "--db", db, "--copy", "--keep-free-mb", allOfIt, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(report["added"]["instances"].toInt() == 6);
    const QJsonArray errors = report["errors"].toArray();
    REQUIRE(errors.size() == 6);
    for (const QJsonValue e : errors) {
        CHECK(e["file"].toString().startsWith(dir + "/"));
        CHECK(e["reason"].toString().startsWith("not copied into the cache (the disk holding " + QString::fromStdString(cacheDir.string()) + " has "));
        CHECK(e["reason"].toString().endsWith(" MB free, less than the " + allOfIt + " MB kept free); indexed where it is"));
    }
    CHECK_FALSE(std::filesystem::exists(cacheDir / "files"));  // nothing copied
    // The series opens from where the files are.
    r = runProcess(cli, {"info", dir, "--json"});
    const QString series = QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    r = runProcess(cli, {"bench", "open", "--db", db, "--series", series, "--json"});
    REQUIRE(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["files"].toInt() == 6);
    // With room, a copy is made.
    const auto roomy = scratch("cli-import-room-cache");
    r = runProcess(cli, {"import", dir, "--db", QString::fromStdString((roomy / "cache.db").string()), "--copy", "--keep-free-mb", "1", "--json"});
    REQUIRE(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["errors"].toArray().isEmpty());
    size_t copies = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(roomy / "files"))
        copies += entry.is_regular_file();
    CHECK(copies == 6);
}

TEST_CASE("annotate, annotations and tag: measurements with values, units and calibration, kept in the cache", "[cli][annotations]")
{
    const QString dir = makePhantom("cli-annotate", {"--spacing", "1,1,2"});  // 32x32x6
    const QString db = QString::fromStdString((scratch("cli-annotate-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", dir, "--db", db}).exitCode == 0);
    ProcessResult r = runProcess(cli, {"info", dir, "--json"});
    const QJsonObject study = QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0].toObject();
    const QString studyUid = study["uid"].toString(), seriesUid = study["series"][0].toObject()["uid"].toString();
    // Slice 4 of 6 (z = 1): a 3-4-5 triangle's hypotenuse and a right angle.
    r = runProcess(cli, {"annotate", "--db", db, "--series", seriesUid, "--kind", "length", "--points", "-1.5,-2,1;1.5,2,1", "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    QJsonObject length = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(length["kind"].toString() == "length");
    CHECK(length["values"][0].toObject()["value"].toDouble() == Approx(5.0));
    CHECK(length["values"][0].toObject()["unit"].toString() == "mm");
    CHECK(length["calibration"].toString() == "Pixel Spacing");
    CHECK(length["slice"].toInt() == 4);
    CHECK(length["revision"].toInt() == 1);
    CHECK(length["sop_instance_uid"].toString().startsWith("2.25."));
    REQUIRE(runProcess(cli, {"annotate", "--db", db, "--series", seriesUid, "--kind", "angle", "--points", "0,0,1;4,0,1;4,3,1"}).exitCode == 0);
    REQUIRE(runProcess(cli, {"annotate", "--db", db, "--series", seriesUid, "--kind", "text", "--points", "0,0,1", "--text", "cyst?"}).exitCode == 0);
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", studyUid, "--add", "follow-up"}).exitCode == 0);
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", studyUid, "--key-image", length["sop_instance_uid"].toString()}).exitCode == 0);
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", studyUid, "--note", "compare with prior"}).exitCode == 0);

    r = runProcess(cli, {"annotations", "--db", db, "--study", studyUid, "--json"});
    REQUIRE(r.exitCode == 0);
    const QJsonObject all = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray annotations = all["annotations"].toArray();
    REQUIRE(annotations.size() == 3);
    CHECK(annotations[0].toObject()["id"].toString() == length["id"].toString());
    CHECK(annotations[0].toObject()["values"][0].toObject()["value"].toDouble() == Approx(5.0));
    CHECK(annotations[1].toObject()["values"][0].toObject()["value"].toDouble() == Approx(90.0));
    CHECK(annotations[1].toObject()["values"][0].toObject()["unit"].toString() == "deg");
    CHECK(annotations[2].toObject()["label"].toString() == "cyst?");
    CHECK(all["tags"][0].toObject()["word"].toString() == "follow-up");
    CHECK(all["key_images"][0].toObject()["sop_instance_uid"].toString() == length["sop_instance_uid"].toString());
    CHECK(all["notes"][0].toObject()["note"].toString() == "compare with prior");
    CHECK(all["pending_changes"].toInt() == 6);
    // Tags are shown and searchable in the study list.
    r = runProcess(cli, {"list", "--db", db, "--tag", "follow*", "--json"});
    QJsonArray tagged = QJsonDocument::fromJson(r.out.toUtf8()).object()["studies"].toArray();
    REQUIRE(tagged.size() == 1);
    CHECK(tagged[0].toObject()["tags"].toString() == "follow-up");
    r = runProcess(cli, {"list", "--db", db, "--tag", "urgent", "--json"});
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["studies"].toArray().isEmpty());
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", studyUid, "--remove", "follow-up"}).exitCode == 0);
    r = runProcess(cli, {"annotations", "--db", db, "--study", studyUid, "--json"});
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["tags"].toArray().isEmpty());

    // Bad input: exit 2 naming what is wrong; nothing stored.
    struct Bad {
        QStringList args;
        const char* says;
    };
    for (const Bad& bad : {Bad{{"--kind", "length", "--points", "0,0,1"}, "takes 2 points"},
                           Bad{{"--kind", "blob", "--points", "0,0,1"}, "--kind"},
                           Bad{{"--kind", "length", "--points", "0,0;1,1,1"}, "--points"},
                           Bad{{"--kind", "length", "--points", "0,0,500;1,1,500"}, "not on any slice"}}) {
        r = runProcess(cli, QStringList{"annotate", "--db", db, "--series", seriesUid} + bad.args);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 2);
        CHECK(r.err.contains(bad.says));
    }
    r = runProcess(cli, {"annotate", "--db", db, "--series", "1.2.3", "--kind", "length", "--points", "0,0,1;1,1,1"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("not in the cache"));
    CHECK(runProcess(cli, {"tag", "--db", db, "--study", "9.9.9", "--add", "x"}).exitCode == 2);
    r = runProcess(cli, {"annotations", "--db", db, "--json"});
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object()["annotations"].toArray().size() == 3);

    // The length's image file goes: it is listed as not loaded, with its length but no slice.
    for (const QString& file : QDir(dir).entryList({"*.dcm"}))
        if (runProcess("dcmdump", {"+P", "SOPInstanceUID", dir + "/" + file}).out.contains(length["sop_instance_uid"].toString()))
            REQUIRE(QFile::remove(dir + "/" + file));
    r = runProcess(cli, {"annotations", "--db", db, "--study", studyUid});
    INFO(r.out.toStdString());
    CHECK(r.out.contains(length["id"].toString() + " image not loaded  Length 5.00 mm"));
    CHECK(r.out.contains("not among the loaded images"));
    r = runProcess(cli, {"annotations", "--db", db, "--study", studyUid, "--json"});
    const QJsonObject gone = QJsonDocument::fromJson(r.out.toUtf8()).object()["annotations"][0].toObject();
    CHECK_FALSE(gone.contains("slice"));
    CHECK(gone["values"][0].toObject()["value"].toDouble() == Approx(5.0));
    CHECK(gone["warning"].toString().contains("not among the loaded images"));
}

TEST_CASE("annotate without --author names the configured reader, else the login name", "[cli][identity]")
{
    const QString dir = makePhantom("cli-author", {});
    const auto home = scratch("cli-author-home");
    const QString db = QString::fromStdString((home / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", dir, "--db", db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(runProcess(cli, {"info", dir, "--json"}).out.toUtf8()).object();
    const QString series = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    const QString config = QString::fromStdString((home / "config").string());
    // The settings and the login name of a user of our own, never the tester's.
    auto authorOf = [&]() {
        const ProcessResult r = runProcess("env", {"HOME=" + QString::fromStdString(home.string()), "XDG_CONFIG_HOME=" + config, "USER=login-reader", cli,
                                                  "annotate", "--db", db, "--series", series, "--kind", "point", "--points", "0,0,1", "--json"});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return QJsonDocument::fromJson(r.out.toUtf8())["author"].toString();
    };
    CHECK(authorOf() == "login-reader");  // nothing configured: the login name
    // What Settings > Reader writes (the workstation's QSettings, no organisation).
    std::filesystem::create_directories(home / "config" / "Unknown Organization");
    std::ofstream(home / "config" / "Unknown Organization" / "Hounsfield.conf") << "[reader]\nname=Dr Jane Reader\nid=jreader\n";
    CHECK(authorOf() == "Dr Jane Reader");
}
