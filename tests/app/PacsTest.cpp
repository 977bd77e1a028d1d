// Against a real Orthanc on loopback (started by the "pacs: start Orthanc" ctest fixture):
// echo over DIMSE and DICOMweb, C-FIND by every criterion, and failures said in plain words.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

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
