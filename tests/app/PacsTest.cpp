// Against a real Orthanc on loopback (started by the "pacs: start Orthanc" ctest fixture):
// echo over DIMSE and DICOMweb, C-FIND by every criterion, and failures said in plain words.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;
const QString dimseNode = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);
const QString webNode = QString("http://127.0.0.1:%1/dicom-web").arg(HF_ORTHANC_HTTP);
} // namespace

TEST_CASE("echo reaches Orthanc by C-ECHO and by QIDO-RS", "[pacs]")
{
    for (const QString& node : {dimseNode, webNode}) {
        const ProcessResult r = runProcess(cli, {"echo", "--node", node, "--json"});
        INFO(node.toStdString() << ": " << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        CHECK(o["ok"].toBool());
        CHECK(o["protocol"].toString() == (node == dimseNode ? "dimse" : "dicomweb"));
        CHECK(o["message"].toString().contains(node == dimseNode ? "C-ECHO to ORTHANC@127.0.0.1" : "HTTP 200"));
    }
}

TEST_CASE("echo says what failed: refused connections, a URL without DICOMweb, a bad node", "[pacs][badinput]")
{
    // Nothing listens one port above Orthanc's.
    ProcessResult r = runProcess(cli, {"echo", "--node", QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM + 1), "--timeout", "3"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains("connection refused"));
    r = runProcess(cli, {"echo", "--node", QString("http://127.0.0.1:%1/not-dicomweb").arg(HF_ORTHANC_HTTP)});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains("HTTP 404"));
    r = runProcess(cli, {"echo", "--node", "no-such-node"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains("AET@HOST:PORT"));
}

TEST_CASE("find: the phantom stored in Orthanc is found by each criterion, and its series", "[pacs]")
{
    // Store a small phantom (seed 11: its own patient and study) with DCMTK's storescu.
    const QString dir = QString::fromStdString(scratch("pacs-phantom").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x4", "--seed", "11"}).exitCode == 0);
    const ProcessResult stored = runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), dir});
    INFO(stored.err.toStdString());
    REQUIRE(stored.exitCode == 0);
    auto find = [&](const QStringList& criteria) {
        const ProcessResult r = runProcess(cli, QStringList{"find", "--node", dimseNode, "--json"} + criteria);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(r.err.isEmpty());  // no DCMTK chatter
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    const struct {
        QStringList criteria;
        int expected;
    } cases[] = {
        {{"--patient-id", "HF11"}, 1},
        {{"--patient", "PHANTOM*", "--patient-id", "HF11"}, 1},
        {{"--patient-id", "HF11", "--modality", "CT"}, 1},
        {{"--patient-id", "HF11", "--modality", "MR"}, 0},
        {{"--patient-id", "HF11", "--from", "20251231", "--to", "20260102"}, 1},
        {{"--patient-id", "HF11", "--from", "20270101"}, 0},
        {{"--accession", "HFACC11"}, 1},
        {{"--patient-id", "NOBODY"}, 0},
    };
    QString studyUid;
    for (const auto& c : cases) {
        INFO(c.criteria.join(' ').toStdString());
        const QJsonArray studies = find(c.criteria)["studies"].toArray();
        REQUIRE(studies.size() == c.expected);
        if (c.expected) {
            const QJsonObject s = studies[0].toObject();
            CHECK(s["patient_name"].toString() == "PHANTOM^HOUNSFIELD");
            CHECK(s["instances"].toInt() == 4);
            CHECK(s["date"].toString() == "20260101");
            studyUid = s["study_uid"].toString();
        }
    }
    const QJsonArray series = find({"--study", studyUid})["series"].toArray();
    REQUIRE(series.size() == 1);
    CHECK(series[0].toObject()["modality"].toString() == "CT");
    CHECK(series[0].toObject()["instances"].toInt() == 4);
    CHECK(series[0].toObject()["number"].toInt() == 1);
    // A dead node: a clear reason, exit 1.
    const ProcessResult dead = runProcess(cli, {"find", "--node", QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM + 1), "--timeout", "3"});
    CHECK(dead.exitCode == 1);
    CHECK(dead.err.contains("refused"));
}

TEST_CASE("retrieve: C-GET brings a JPEG-LS study into the cache with the same values, and says how many", "[pacs]")
{
    const QString dir = QString::fromStdString(scratch("pacs-retrieve-source").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x5", "--seed", "12", "--syntax", "jpeg-ls"}).exitCode == 0);
    QStringList files;
    for (const QString& f : QDir(dir).entryList({"*.dcm"}))
        files << dir + "/" + f;
    // dcmsend proposes each file's own transfer syntax (storescu would need one option per family).
    REQUIRE(runProcess("dcmsend", QStringList{"-aec", "ORTHANC", "127.0.0.1", QString::number(HF_ORTHANC_DICOM)} + files).exitCode == 0);
    const QJsonObject source = QJsonDocument::fromJson(runProcess(cli, {"info", dir, "--json"}).out.toUtf8()).object();
    const QJsonObject study = source["patients"][0]["studies"][0].toObject();
    const QString cacheDir = QString::fromStdString(scratch("pacs-retrieve-cache").string());
    const QString db = cacheDir + "/cache.db";
    const ProcessResult r = runProcess(cli, {"retrieve", "--node", dimseNode, "--study", study["uid"].toString(), "--db", db});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed() == "5");
    // In the cache: one study of five images, stored in the archive's own (JPEG-LS) syntax, and
    // decoding to the same values as the source.
    const QJsonArray studies = QJsonDocument::fromJson(runProcess(cli, {"list", "--db", db, "--json"}).out.toUtf8()).object()["studies"].toArray();
    REQUIRE(studies.size() == 1);
    CHECK(studies[0].toObject()["images"].toInt() == 5);
    const QJsonObject cached = QJsonDocument::fromJson(runProcess(cli, {"info", cacheDir + "/files", "--json"}).out.toUtf8()).object();
    const QJsonObject a = study["series"][0].toObject()["stacks"][0].toObject();
    const QJsonObject b = cached["patients"][0]["studies"][0]["series"][0].toObject()["stacks"][0].toObject();
    // Orthanc picks the first syntax of the multi-syntax presentation context we offer for CT
    // (Explicit LE) and transcodes: lossless, the values are the same.
    CHECK(b["transfer_syntaxes"].toArray().size() == 1);
    CHECK(b["slices"].toInt() == 5);
    CHECK(b["stats"].toObject() == a["stats"].toObject());
    CHECK_FALSE(QDir(cacheDir + "/incoming").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() > 0);  // scratch folder cleaned up
    // An unknown study: the archive's failure status, exit 1, nothing added.
    const ProcessResult none = runProcess(cli, {"retrieve", "--node", dimseNode, "--study", "1.2.3.4.5.6", "--db", db});
    CHECK(none.exitCode == 1);
    CHECK(none.err.contains("status 0xc000"));
    CHECK(QJsonDocument::fromJson(runProcess(cli, {"list", "--db", db, "--json"}).out.toUtf8()).object()["studies"].toArray().size() == 1);
}

TEST_CASE("send: a cached study goes to Orthanc by C-STORE in its own syntax and can be found there", "[pacs]")
{
    const QString dir = QString::fromStdString(scratch("pacs-send-source").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x3", "--seed", "13", "--syntax", "j2k"}).exitCode == 0);
    const QString db = QString::fromStdString((scratch("pacs-send-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", dir, "--db", db}).exitCode == 0);
    const QString studyUid =
        QJsonDocument::fromJson(runProcess(cli, {"list", "--db", db, "--json"}).out.toUtf8()).object()["studies"][0].toObject()["uid"].toString();
    const ProcessResult r = runProcess(cli, {"send", "--node", dimseNode, "--study", studyUid, "--db", db});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("3 of 3 instances sent"));
    const ProcessResult found = runProcess(cli, {"find", "--node", dimseNode, "--patient-id", "HF13", "--json"});
    const QJsonArray studies = QJsonDocument::fromJson(found.out.toUtf8()).object()["studies"].toArray();
    REQUIRE(studies.size() == 1);
    CHECK(studies[0].toObject()["instances"].toInt() == 3);
    CHECK(studies[0].toObject()["study_uid"].toString() == studyUid);
    // Unknown study: exit 2, nothing sent.
    const ProcessResult unknown = runProcess(cli, {"send", "--node", dimseNode, "--study", "9.9.9", "--db", db});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.contains("no images"));
}
