// The always-on receiver, headless (issue 23, first part): `hounsfield-cli listen` answers
// C-ECHO, takes a study pushed by an allowed AE title (storescu, as a modality sends), makes each
// instance durable under its own name and indexes it at once, refuses an unknown calling AE
// title, and says what it received when stopped.
#include "ProcessRunner.h"
#include "StackDump.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <chrono>
#include <functional>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;
constexpr int kPort = 14301;  // beside the test Orthanc's ports, not on them
constexpr int kNoRoomPort = 14309;

// Polls until `done` holds or `seconds` pass.
bool waitFor(const std::function<bool()>& done, double seconds)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        QThread::msleep(100);
    }
    return true;
}
}

TEST_CASE("listen: an allowed modality's study arrives durable and indexed at once; a stranger is refused", "[cli][listen]")
{
    const auto folder = scratch("listen");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString study = QString::fromStdString((folder / "study").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", study, "--size", "32x32x5", "--seed", "91"}).exitCode == 0);

    // Bad input is named before anything listens.
    const ProcessResult nobody = runProcess(cli, {"listen", "--db", db, "--port", QString::number(kPort)});
    CHECK(nobody.exitCode == 2);
    CHECK(nobody.err.contains("--allow"));
    const ProcessResult badReply = runProcess(cli, {"listen", "--db", db, "--port", QString::number(kPort), "--accept-any", "--reply-to", "ORTHANC"});
    CHECK(badReply.exitCode == 2);
    CHECK(badReply.err.contains("--reply-to ORTHANC: expected AET@HOST:PORT"));

    QProcess listener;
    listener.start(cli, {"listen", "--db", db, "--aet", "HFTEST", "--port", QString::number(kPort), "--allow", "MODALITY,PACS",
                         "--for", "120", "--json"});
    REQUIRE(listener.waitForStarted());
    REQUIRE(waitFor([&] { return listener.waitForReadyRead(100) || listener.canReadLine() || listener.state() != QProcess::Running; }, 10));
    const QString first = QString::fromUtf8(listener.readLine());
    INFO(first.toStdString() << listener.readAllStandardError().toStdString());
    REQUIRE(first.startsWith("listening as HFTEST on port 14301, accepting MODALITY,PACS"));

    CHECK(runProcess("echoscu", {"-aet", "MODALITY", "-aec", "HFTEST", "127.0.0.1", QString::number(kPort)}).exitCode == 0);
    const ProcessResult sent = runProcess("storescu", {"-aet", "MODALITY", "-aec", "HFTEST", "+sd", "127.0.0.1", QString::number(kPort), study});
    INFO(sent.err.toStdString());
    CHECK(sent.exitCode == 0);
    // In the study list while the receiver runs: five images of one study.
    const auto listed = [&] {
        const ProcessResult r = runProcess(cli, {"list", "--db", db, "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).object()["studies"].toArray();
    };
    REQUIRE(waitFor([&] { const QJsonArray s = listed(); return s.size() == 1 && s[0]["images"].toInt() == 5; }, 10));
    // Each under its own name, none left half-written.
    const QStringList received = QDir(QString::fromStdString((folder / "received").string())).entryList(QDir::Files);
    CHECK(received.size() == 5);
    CHECK(received.filter(".part").isEmpty());

    const ProcessResult stranger = runProcess("storescu", {"-aet", "STRANGER", "-aec", "HFTEST", "+sd", "127.0.0.1", QString::number(kPort), study});
    CHECK(stranger.exitCode != 0);
    CHECK((stranger.out + stranger.err).contains("Calling AE Title Not Recognized"));

    listener.terminate();  // SIGTERM: stops, indexes what is left, reports
    REQUIRE(listener.waitForFinished(10000));
    CHECK(listener.exitCode() == 0);
    const QByteArray rest = listener.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(rest.mid(rest.indexOf('{'))).object();
    CHECK(report["received"] == 5);
    CHECK(report["indexed"] == 5);
    CHECK(report["unreadable"] == 0);
}

TEST_CASE("listen: while the cache's disk has less free than is kept, a sent study is refused as Out of Resources and nothing is kept",
          "[cli][listen]")
{
    const auto folder = scratch("listen-no-room");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString study = QString::fromStdString((folder / "study").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", study, "--size", "32x32x3", "--seed", "92"}).exitCode == 0);
    const QString allOfIt = QString::number(qulonglong(1) << 40);  // MB: more than any disk has

    QProcess listener;
    const QString log = QString::fromStdString((folder / "audit.log").string());
    listener.start(cli, {"listen", "--db", db, "--audit-log", log, "--port", QString::number(kNoRoomPort), "--accept-any", "--keep-free-mb",
                         allOfIt, "--for", "120", "--json"});
    REQUIRE(listener.waitForStarted());
    REQUIRE(waitFor([&] { return listener.waitForReadyRead(100) || listener.canReadLine() || listener.state() != QProcess::Running; }, 10));
    REQUIRE(QString::fromUtf8(listener.readLine()).startsWith("listening as HOUNSFIELD on port"));

    const ProcessResult sent = runProcess("storescu", {"-v", "-nh", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1", QString::number(kNoRoomPort), study});
    CHECK((sent.out + sent.err).count("Received Store Response (Refused: OutOfResources)") == 3);  // each answered
    listener.terminate();
    REQUIRE(listener.waitForFinished(10000));
    const QString errors = QString::fromUtf8(listener.readAllStandardError());
    INFO(errors.toStdString());
    // Said as they come (one line per batch of refusals; the total is in the report).
    CHECK(errors.contains(" instance(s) (Out of Resources): the disk holding " +
                          QString::fromStdString((folder / "received").string()) + " has "));
    CHECK(errors.contains("less than the " + allOfIt + " MB kept free"));
    const QByteArray rest = listener.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(rest.mid(rest.indexOf('{'))).object();
    CHECK(report["received"] == 0);
    CHECK(report["indexed"] == 0);
    CHECK(report["refused_for_room"] == 3);
    CHECK(QDir(QString::fromStdString((folder / "received").string())).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    // The audit trail holds the refused transfer: who sent, how many, why (no study: the data
    // sets were dropped unread), as a valid audit message.
    const ProcessResult audit = runProcess(cli, {"audit", "--audit-log", log, "--json"});
    REQUIRE(audit.exitCode == 0);
    QJsonObject refused;
    for (const QJsonValue e : QJsonDocument::fromJson(audit.out.toUtf8()).object()["events"].toArray())
        if (e["event"] == "DICOM Instances Transferred")
            refused = e.toObject();
    INFO(audit.out.toStdString());
    CHECK(refused["outcome"] == "failure");
    CHECK(refused["description"].toString().startsWith("refused 3 instance(s) as Out of Resources: the disk holding "));
    CHECK(refused["studies"].toArray().isEmpty());
    bool senderNamed = false;
    for (const QJsonValue p : refused["participants"].toArray())
        senderNamed |= p["user_id"] == "STORESCU";
    CHECK(senderNamed);
    const ProcessResult valid = runProcess("bash", {QString(HF_SOURCE_DIR) + "/tests/audit/validate-audit-log.sh", log});
    INFO(valid.out.toStdString() << valid.err.toStdString());
    CHECK(valid.exitCode == 0);
}

TEST_CASE("listen under a storm: four senders at once, 2,000 instances, every acknowledged one indexed once", "[cli][listen]")
{
    const auto folder = scratch("listen-storm");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    QStringList studies;
    std::vector<std::unique_ptr<QProcess>> writers;
    for (int i = 0; i < 4; ++i) {
        studies << QString::fromStdString((folder / ("study" + std::to_string(i))).string());
        writers.push_back(std::make_unique<QProcess>());
        writers.back()->start(cli, {"make-phantom", "--out", studies.back(), "--size", "8x8x500", "--seed", QString::number(700 + i)});
    }
    for (auto& w : writers)
        REQUIRE((w->waitForFinished(120000) && w->exitCode() == 0));

    QProcess listener;
    listener.start(cli, {"listen", "--db", db, "--port", QString::number(kPort), "--accept-any", "--for", "300", "--json"});
    REQUIRE(listener.waitForStarted());
    REQUIRE(listener.waitForReadyRead(10000));
    std::vector<std::unique_ptr<QProcess>> senders;
    for (const QString& study : studies) {
        senders.push_back(std::make_unique<QProcess>());
        senders.back()->start("storescu", {"-aec", "HOUNSFIELD", "+sd", "127.0.0.1", QString::number(kPort), study});
    }
    for (auto& s : senders) {
        REQUIRE(s->waitForFinished(240000));
        INFO(s->readAllStandardError().toStdString());
        CHECK(s->exitCode() == 0);
    }
    listener.terminate();
    const bool ended = listener.waitForFinished(30000);
    if (!ended)
        printStacks(long(listener.processId()), "the listener did not end after the storm");
    REQUIRE(ended);
    const QByteArray rest = listener.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(rest.mid(rest.indexOf('{'))).object();
    CHECK(report["received"] == 2000);
    CHECK(report["indexed"] == 2000);
    // Four studies of 500 images, each image once.
    const QJsonArray listed = QJsonDocument::fromJson(runProcess(cli, {"list", "--db", db, "--json"}).out.toUtf8()).object()["studies"].toArray();
    REQUIRE(listed.size() == 4);
    for (const auto study : listed)
        CHECK(study.toObject()["images"].toInt() == 500);
    const QStringList received = QDir(QString::fromStdString((folder / "received").string())).entryList(QDir::Files);
    CHECK(received.size() == 2000);
    CHECK(received.filter(".part").isEmpty());
}
