// Storage Commitment (issue 23): Orthanc pushes a study to our receiver (`listen`), then asks it
// to commit the study's instances and one it never sent; the N-EVENT-REPORT we send back on an
// association of our own tells Orthanc which are held (all of the study) and which failed
// (0112H for the one we never received).
#include "OrthancPeer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

using namespace hf::test;
using namespace hf::test::orthanc;


TEST_CASE("Storage Commitment: what Orthanc pushed to our receiver is reported committed, an instance never sent failed",
          "[pacs][commitment]")
{
    const QString study = storePhantom("commitment-study", 931);
    const QString db = QString::fromStdString((scratch("commitment-cache") / "cache.db").string());
    // Orthanc knows us as "hounsfield" at its C-MOVE destination port: our receiver there.
    const int port = HF_ORTHANC_DICOM + 18;
    QProcess listener;
    listener.start(cli, {"listen", "--db", db, "--port", QString::number(port), "--allow", "ORTHANC", "--reply-to",
                         QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM), "--for", "60"});
    REQUIRE(listener.waitForStarted());
    REQUIRE(listener.waitForReadyRead(10000));

    const QString orthancId = restCall("POST", "/tools/lookup", studyOf(study).toUtf8()).array().at(0).toObject()["ID"].toString();
    REQUIRE_FALSE(orthancId.isEmpty());
    CHECK(restCall("POST", "/modalities/hounsfield/store", QJsonDocument(QJsonObject{{"Resources", QJsonArray{orthancId}}}).toJson())
              .object()["InstancesCount"] == 4);

    QJsonArray instances;
    for (const QString& name : QDir(study).entryList(QDir::Files)) {
        const QString file = study + "/" + name;
        instances.append(QJsonObject{{"SOPClassUID", tagOf(file, "0008,0016")}, {"SOPInstanceUID", tagOf(file, "0008,0018")}});
    }
    REQUIRE(instances.size() == 4);
    const QString neverSent = "1.2.826.0.1.3680043.2.1143.931.999";
    QJsonArray asked = instances;
    asked.append(QJsonObject{{"SOPClassUID", "1.2.840.10008.5.1.4.1.1.2"}, {"SOPInstanceUID", neverSent}});
    const QString transaction =
        restCall("POST", "/modalities/hounsfield/storage-commitment", QJsonDocument(QJsonObject{{"DicomInstances", asked}}).toJson())
            .object()["ID"]
            .toString();
    REQUIRE_FALSE(transaction.isEmpty());
    QJsonObject report;
    for (int i = 0; i < 100; ++i) {
        report = restCall("GET", "/storage-commitment/" + transaction).object();
        if (report["Status"] != "Pending")
            break;
        QThread::msleep(100);
    }
    INFO(QJsonDocument(report).toJson().toStdString());
    CHECK(report["Status"] == "Failure");  // one failed: the whole is not a success
    CHECK(report["RemoteAET"] == "HOUNSFIELD");
    const QJsonArray committed = report["Success"].toArray();
    CHECK(committed.size() == 4);
    for (const auto item : committed)
        CHECK(instances.contains(item.toObject()));
    const QJsonArray failed = report["Failures"].toArray();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["SOPInstanceUID"] == neverSent);
    CHECK(failed[0]["FailureReason"] == 0x0112);

    listener.terminate();
    REQUIRE(listener.waitForFinished(10000));
    CHECK(QString::fromUtf8(listener.readAllStandardOutput()).contains("Storage Commitment " + transaction + " reported to ORTHANC@127.0.0.1"));
}
