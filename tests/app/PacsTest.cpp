// Against a real Orthanc on loopback (started by the "pacs: start Orthanc" ctest fixture):
// echo over DIMSE and DICOMweb, C-FIND by every criterion, and failures said in plain words.
#include "OrthancPeer.h"
#include "RetrieveWays.h"
#include "ProcessRunner.h"
#include "TestPaths.h"

#include "hf/dicomio/net/RemoteSend.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QDirIterator>
#include <QProcess>
#include <QThread>
#include <QJsonArray>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QJsonObject>

#include <map>
#include <vector>

using namespace hf::test;
using namespace hf::test::orthanc;


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
        const QJsonObject found = find(c.criteria);
        CHECK(found["truncated"] == false);  // every match read
        const QJsonArray studies = found["studies"].toArray();
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
    CHECK(none.err.contains("has no study 1.2.3.4.5.6"));
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

TEST_CASE("a C-MOVE is cancelled once the cache's disk is short: the archive stops sending instead of having each instance refused",
          "[pacs]")
{
    // DCMTK's dcmqrscp as the archive: Orthanc gives a C-MOVE up at its first refused
    // sub-operation, dcmqrscp carries on through refusals (40 of 40 tried, seen by hand with
    // movescu, which does not cancel) and stops when cancelled.
    const QString folder = QString::fromStdString(scratch("pacs-move-cancel-qr").string());
    QDir().mkpath(folder + "/archive");
    const int archivePort = HF_ORTHANC_DICOM + 40, ourPort = HF_ORTHANC_DICOM + 41;
    {
        QFile config(folder + "/dcmqrscp.cfg");
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write(QString("NetworkTCPPort = %1\nMaxPDUSize = 16384\nMaxAssociations = 4\n"
                             "HostTable BEGIN\nhounsfield = (HOUNSFIELD, 127.0.0.1, %2)\npeers = hounsfield\nHostTable END\n"
                             "VendorTable BEGIN\n\"Loopback\" = peers\nVendorTable END\n"
                             "AETable BEGIN\nDCMQRSCP %3 RW (100, 64mb) ANY\nAETable END\n")
                         .arg(archivePort)
                         .arg(ourPort)
                         .arg(folder + "/archive")
                         .toUtf8());
    }
    QProcess archive;
    archive.setProcessChannelMode(QProcess::MergedChannels);
    archive.setStandardOutputFile(folder + "/dcmqrscp.log");
    archive.start("dcmqrscp", {"-v", "-c", folder + "/dcmqrscp.cfg"});
    REQUIRE(archive.waitForStarted());
    const QString node = QString("DCMQRSCP@127.0.0.1:%1").arg(archivePort);
    bool answering = false;
    for (int attempt = 0; attempt < 50 && !answering; ++attempt) {  // until it listens
        answering = runProcess(cli, {"echo", "--node", node, "--timeout", "3"}).exitCode == 0;
        if (!answering)
            QThread::msleep(100);
    }
    REQUIRE(answering);
    const QString phantom = folder + "/phantom";
    REQUIRE(runProcess(cli, {"make-phantom", "--out", phantom, "--size", "16x16x40", "--seed", "41"}).exitCode == 0);
    REQUIRE(runProcess("storescu", {"-aec", "DCMQRSCP", "+sd", "127.0.0.1", QString::number(archivePort), phantom}).exitCode == 0);
    const QString study = studyOf(phantom);
    const QStringList move{"retrieve", "--node", node, "--method", "move", "--storage-port", QString::number(ourPort), "--study", study};
    const auto storesTried = [&] {
        QFile log(folder + "/dcmqrscp.log");
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count("Store SCU RQ")) : -1;
    };

    const QString allOfIt = QString::number(qulonglong(1) << 40);  // MB: more than any disk has
    const ProcessResult shortOfRoom = runProcess(cli, move + QStringList{"--db", folder + "/short/cache.db", "--keep-free-mb", allOfIt});
    INFO(shortOfRoom.err.toStdString());
    CHECK(shortOfRoom.exitCode == 1);
    CHECK(shortOfRoom.err.contains("stopped after 0 of 40 instances"));
    const int triedWhileShort = storesTried();
    CHECK(triedWhileShort >= 1);
    // Cancelled at the first pending response: 2 tried here as a rule, 4 in a loaded CI run
    // (sub-operations go on until the archive reads the cancel); without the cancel, all 40.
    CHECK(triedWhileShort <= 20);
    // With room, the same archive sends all forty: the few above were the cancel's doing.
    const ProcessResult withRoom = runProcess(cli, move + QStringList{"--db", folder + "/room/cache.db", "--json"});
    INFO(withRoom.err.toStdString());
    CHECK(withRoom.exitCode == 0);
    CHECK(json(withRoom)["received"].toInt() == 40);
    CHECK(storesTried() == triedWhileShort + 40);
    archive.kill();
    archive.waitForFinished();
}

TEST_CASE("C-MOVE to an AE title the PACS does not know says so", "[pacs][badinput]")
{
    const QString study = studyOf(storePhantom("pacs-move-unknown", 16));
    const QString db = QString::fromStdString((scratch("pacs-move-unknown-cache") / "cache.db").string());
    const ProcessResult r = runProcess(cli, {"retrieve", "--node", dimseNode, "--method", "move", "--aet", "STRANGER", "--storage-port",
                                             movePort, "--study", study, "--db", db, "--timeout", "5"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains("STRANGER"));
    CHECK(r.err.contains("C-MOVE destination"));
}

TEST_CASE("find by QIDO-RS: the phantom is found by each criterion, and its series", "[pacs]")
{
    const QString study = studyOf(storePhantom("pacs-qido", 17));
    const struct {
        QStringList criteria;
        int expected;
    } cases[] = {
        {{"--patient-id", "HF17"}, 1},
        {{"--patient", "PHANTOM*", "--patient-id", "HF17"}, 1},
        {{"--patient-id", "HF17", "--modality", "CT"}, 1},
        {{"--patient-id", "HF17", "--modality", "MR"}, 0},
        {{"--patient-id", "HF17", "--from", "20251231", "--to", "20260102"}, 1},
        {{"--patient-id", "HF17", "--from", "20270101"}, 0},
        {{"--accession", "HFACC17"}, 1},
    };
    for (const auto& c : cases) {
        INFO(c.criteria.join(' ').toStdString());
        const ProcessResult r = runProcess(cli, QStringList{"find", "--node", webNode, "--json"} + c.criteria);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QJsonArray studies = json(r)["studies"].toArray();
        REQUIRE(studies.size() == c.expected);
        if (c.expected) {
            CHECK(studies[0]["study_uid"].toString() == study);
            CHECK(studies[0]["patient_name"].toString() == "PHANTOM^HOUNSFIELD");
            CHECK(studies[0]["instances"].toInt() == 4);
        }
    }
    const QJsonArray series = json(runProcess(cli, {"find", "--node", webNode, "--study", study, "--json"}))["series"].toArray();
    REQUIRE(series.size() == 1);
    CHECK(series[0]["modality"].toString() == "CT");
    CHECK(series[0]["instances"].toInt() == 4);
    // Not a DICOMweb service: the HTTP status, in words.
    const ProcessResult wrong = runProcess(cli, {"find", "--node", QString("http://127.0.0.1:%1/nothing").arg(HF_ORTHANC_HTTP), "--patient-id", "X"});
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.contains("HTTP 404"));
}

TEST_CASE("send by STOW-RS: a cached study is stored and found by QIDO-RS", "[pacs]")
{
    const QString dir = QString::fromStdString(scratch("pacs-stow-source").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x3", "--seed", "18", "--syntax", "rle"}).exitCode == 0);
    const QString db = QString::fromStdString((scratch("pacs-stow-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", dir, "--db", db}).exitCode == 0);
    const QString study = studyOf(dir);
    const ProcessResult r = runProcess(cli, {"send", "--node", webNode, "--study", study, "--db", db});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains("3 of 3 instances stored"));
    const QJsonArray studies = json(runProcess(cli, {"find", "--node", webNode, "--patient-id", "HF18", "--json"}))["studies"].toArray();
    REQUIRE(studies.size() == 1);
    CHECK(studies[0]["instances"].toInt() == 3);
}

TEST_CASE("echo to a peer that rejects the association says so and why, on one line", "[pacs][badinput]")
{
    // DCMTK's storescp told to refuse every association, on its own port.
    const int port = HF_ORTHANC_DICOM + 30;
    QProcess refusing;
    refusing.start("storescp", {"--refuse", QString::number(port)});
    REQUIRE(refusing.waitForStarted());
    ProcessResult r;
    for (int attempt = 0; attempt < 50; ++attempt) {  // until it listens
        r = runProcess(cli, {"echo", "--node", QString("SOMEONE@127.0.0.1:%1").arg(port), "--timeout", "3"});
        if (!r.err.contains("refused"))
            break;
        QThread::msleep(100);
    }
    refusing.kill();
    refusing.waitForFinished();
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains("association rejected by SOMEONE@127.0.0.1"));
    CHECK(r.err.contains("Rejected Permanent"));
    CHECK(r.err.trimmed().count('\n') == 0);
}

TEST_CASE("a send stopped after its first instance says so and sends no more", "[pacs]")
{
    const QString dir = QString::fromStdString(scratch("pacs-send-cancel").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "16x16x4", "--seed", "22"}).exitCode == 0);
    std::vector<hf::SendItem> items;
    for (const QString& f : QDir(dir).entryList({"*.dcm"}))
        items.push_back({(dir + "/" + f).toStdString(), "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1"});
    REQUIRE(items.size() == 4);
    // (STOW-RS stops between its 32 MB requests only; four small files are one request.)
    std::string reason;
    const hf::PacsNode node = *hf::parsePacsNode("ORTHANC@127.0.0.1:" + std::to_string(HF_ORTHANC_DICOM), reason);
    const hf::SendResult r = hf::sendToNode(node, items, [](int done, int) { return done < 1; });
    CHECK(r.cancelled);
    CHECK_FALSE(r.ok);
    CHECK(r.sent == 1);
    CHECK(r.message.find("1 of 4 instances sent") != std::string::npos);
    CHECK(r.message.find("cancelled") != std::string::npos);
}
