// Against a real Orthanc on loopback (started by the "pacs: start Orthanc" ctest fixture):
// echo over DIMSE and DICOMweb, and failures said in plain words.
#include "ProcessRunner.h"

#include <catch2/catch.hpp>

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
