// The workstation's receiver answers Storage Commitment to the node configured for the caller,
// and a change of that node in Settings takes effect at once, without restarting the receiver
// (issue 23): Orthanc pushes a study to us, asks for commitment while its node is set to a wrong
// port (our report cannot reach it), then again after the node is corrected.
#include "MainWindowFixture.h"
#include "OrthancPeer.h"
#include "TestPacsNode.h"

#include "ReceiverService.h"
#include "Workstation.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace hf;
using namespace hf::test;
using namespace hf::test::orthanc;

namespace {

// Asks Orthanc to have "hounsfield" (our receiver) commit these instances; the transaction's ID.
QString askCommitment(const QJsonArray& instances)
{
    return restCall("POST", "/modalities/hounsfield/storage-commitment", QJsonDocument(QJsonObject{{"DicomInstances", instances}}).toJson())
        .object()["ID"]
        .toString();
}

} // namespace

TEST_CASE("the receiver's Storage Commitment reports follow a node changed in Settings, without a restart", "[gui][pacs][commitment]")
{
    const QString study = storePhantom("window-commitment-study", 932);
    QJsonArray instances;
    for (const QString& name : QDir(study).entryList(QDir::Files)) {
        const QString file = study + "/" + name;
        instances.append(QJsonObject{{"SOPClassUID", tagOf(file, "0008,0016")}, {"SOPInstanceUID", tagOf(file, "0008,0018")}});
    }
    REQUIRE(instances.size() == 4);
    gui::GuiOptions options;
    options.db = QString::fromStdString(scratch("window-commitment").string() + "/cache.db");
    options.size = QSize(900, 600);
    TestWindow t(options);
    // Orthanc knows us as "hounsfield" at its C-MOVE destination port: our receiver there.
    gui::NodeSettings nodes;
    PacsNode orthanc = testPacs();
    orthanc.port = 9;  // wrong: nothing listens there
    orthanc.timeoutSeconds = 2;
    nodes.nodes = {orthanc};
    nodes.receiverPort = HF_ORTHANC_DICOM + 18;
    nodes.storagePort = HF_ORTHANC_DICOM + 19;
    t.window->setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());
    QSignalSpy reports(&t.station->receiver(), &gui::ReceiverService::commitmentReported);

    const QString orthancId = restCall("POST", "/tools/lookup", studyOf(study).toUtf8()).array().at(0).toObject()["ID"].toString();
    REQUIRE(restCall("POST", "/modalities/hounsfield/store", QJsonDocument(QJsonObject{{"Resources", QJsonArray{orthancId}}}).toJson())
                .object()["InstancesCount"] == 4);
    // Asked while the node says port 9: accepted, but the report cannot be delivered, and says so.
    const QString first = askCommitment(instances);
    REQUIRE_FALSE(first.isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return reports.count() >= 1; }, 20000));
    const QString failed = reports.takeFirst().at(0).toString();
    INFO(failed.toStdString());
    CHECK(failed.contains("127.0.0.1:9"));
    CHECK_FALSE(failed.contains("reported to"));
    CHECK(restCall("GET", "/storage-commitment/" + first).object()["Status"] == "Pending");

    // The node corrected in Settings: the receiver keeps listening, the next report arrives.
    nodes.nodes = {testPacs()};
    t.window->setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());
    const QString second = askCommitment(instances);
    REQUIRE_FALSE(second.isEmpty());
    QJsonObject report;
    REQUIRE(QTest::qWaitFor([&] {
        report = restCall("GET", "/storage-commitment/" + second).object();
        return report["Status"] != "Pending";
    }, 20000));
    CHECK(report["Status"] == "Success");
    CHECK(report["Success"].toArray().size() == 4);
    REQUIRE(QTest::qWaitFor([&] { return reports.count() >= 1; }, 10000));
    CHECK(reports.takeFirst().at(0).toString().contains("reported to ORTHANC@127.0.0.1"));
    nodes.receiverPort = 0;
    t.window->setNodeSettings(nodes);
}
