// The audit trail (issue 23): the CLI records one PS3.15 audit message per event (import, export,
// the receiver's start, arrivals, refusals and stop), each valid against the standard's schema
// (tests/audit/validate-audit-log.sh), listed by `hounsfield-cli audit`, sent to a syslog
// collector too; and what the commands print on stderr carries no patient identity.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hf::test;

namespace {

const QString cli = HF_CLI_EXE;
constexpr int kListenPort = 14306;
constexpr int kSyslogPort = 14307;

QJsonArray auditEvents(const QString& log)
{
    const ProcessResult r = runProcess(cli, {"audit", "--audit-log", log, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object()["events"].toArray();
}

int countOf(const QJsonArray& events, const QString& event, const QString& type = {})
{
    int n = 0;
    for (const auto e : events)
        n += e.toObject()["event"].toString() == event && (type.isEmpty() || e.toObject()["type"].toString() == type);
    return n;
}

QJsonObject firstOf(const QJsonArray& events, const QString& event)
{
    for (const auto e : events)
        if (e.toObject()["event"].toString() == event)
            return e.toObject();
    return {};
}

} // namespace

TEST_CASE("audit trail: import, export and the receiver each leave one valid PS3.15 message; stderr names no patient", "[cli][audit]")
{
    const auto folder = scratch("audit-cli");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString log = QString::fromStdString((folder / "audit.log").string());
    const QString study = QString::fromStdString((folder / "study").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", study, "--size", "16x16x3", "--seed", "401"}).exitCode == 0);
    QString stderrOfAll;
    const auto run = [&](const QStringList& args) {
        const ProcessResult r = runProcess(cli, args);
        stderrOfAll += r.err;
        INFO(args.join(' ').toStdString() << "\n" << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r;
    };
    run({"import", "--db", db, "--audit-log", log, study});
    const QJsonObject info = QJsonDocument::fromJson(runProcess(cli, {"info", study, "--json"}).out.toUtf8()).object();
    const QString studyUid = info["patients"][0]["studies"][0]["uid"].toString();
    const QString seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    const QString png = QString::fromStdString((folder / "slice.png").string());
    run({"export", "--db", db, "--audit-log", log, "--series", seriesUid, "--format", "png", "--slice", "2", "--out", png});

    // The receiver: its start, a configured node's push, a stranger refused, its stop.
    QProcess listener;
    listener.start(cli, {"listen", "--db", db, "--audit-log", log, "--port", QString::number(kListenPort), "--allow", "MODALITY", "--for", "60"});
    REQUIRE(listener.waitForStarted());
    REQUIRE(listener.waitForReadyRead(10000));
    const QString port = QString::number(kListenPort);
    const QString pushed = QString::fromStdString(scratch("audit-cli-pushed").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", pushed, "--size", "16x16x4", "--seed", "402"}).exitCode == 0);
    REQUIRE(runProcess("storescu", {"-aet", "MODALITY", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1", port, pushed}).exitCode == 0);
    CHECK(runProcess("storescu", {"-aet", "STRANGER", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1", port, pushed}).exitCode != 0);
    listener.terminate();
    REQUIRE(listener.waitForFinished(10000));
    stderrOfAll += QString::fromUtf8(listener.readAllStandardError());

    const QJsonArray events = auditEvents(log);
    INFO(QJsonDocument(events).toJson().toStdString());
    CHECK(events.size() == 6);
    CHECK(countOf(events, "Import") == 1);
    CHECK(countOf(events, "Export") == 1);
    CHECK(countOf(events, "Application Activity", "Application Start") == 1);
    CHECK(countOf(events, "Application Activity", "Application Stop") == 1);
    CHECK(countOf(events, "DICOM Instances Transferred") == 1);
    CHECK(countOf(events, "Security Alert", "Node Authentication") == 1);

    const QJsonObject imported = firstOf(events, "Import");
    CHECK(imported["action"] == "C");
    CHECK(imported["outcome"] == "success");
    CHECK(imported["studies"] == QJsonArray{studyUid});
    CHECK(imported["patient_id"] == info["patients"][0]["id"]);
    CHECK(imported["instances"] == 3);
    const QJsonObject exported = firstOf(events, "Export");
    bool destinationNamed = false;
    for (const auto p : exported["participants"].toArray())
        destinationNamed |= p.toObject()["role"] == "Destination Media" && p.toObject()["user_id"] == png;
    CHECK(destinationNamed);
    const QJsonObject received = firstOf(events, "DICOM Instances Transferred");
    CHECK(received["instances"] == 4);
    CHECK(received["action"] == "C");
    const QJsonObject alert = firstOf(events, "Security Alert");
    CHECK(alert["outcome"] == "failure");
    CHECK(alert["description"].toString().contains("calling AE title STRANGER is not accepted"));

    // Every record is a valid audit message (the standard's schema).
    const ProcessResult valid = runProcess("bash", {QString(HF_SOURCE_DIR) + "/tests/audit/validate-audit-log.sh", log});
    INFO(valid.out.toStdString() << valid.err.toStdString());
    CHECK(valid.exitCode == 0);
    CHECK(valid.out.trimmed() == "6 records valid");

    // The commands' own messages never name the patient (the audit log does, as it must).
    for (const QString& identity : QStringList{"PHANTOM", "HOUNSFIELD^", info["patients"][0]["id"].toString(), "19700101"})
        CHECK_FALSE(stderrOfAll.contains(identity));
}

TEST_CASE("audit trail: messages also go to a syslog collector as RFC 5424 over UDP; the log rotates, never rewritten",
          "[cli][audit]")
{
    const auto folder = scratch("audit-syslog");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString log = QString::fromStdString((folder / "audit.log").string());
    const QString study = QString::fromStdString((folder / "study").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", study, "--size", "16x16x2", "--seed", "403"}).exitCode == 0);

    const int collector = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(kSyslogPort);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(collector, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval wait{5, 0};
    ::setsockopt(collector, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);

    const ProcessResult imported = runProcess(cli, {"import", "--db", db, "--audit-log", log, "--syslog",
                                                    QString("udp://127.0.0.1:%1").arg(kSyslogPort), study});
    REQUIRE(imported.exitCode == 0);
    char datagram[65536];
    const ssize_t size = ::recv(collector, datagram, sizeof datagram, 0);
    ::close(collector);
    REQUIRE(size > 0);
    const QByteArray message(datagram, int(size));
    CHECK(message.startsWith("<85>1 "));
    CHECK(message.contains(" hounsfield "));
    CHECK(message.contains(" IHE+RFC-3881 - \xEF\xBB\xBF<AuditMessage>"));
    CHECK(message.contains("csd-code=\"110107\""));
    QFile file(log);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(message.endsWith(file.readAll().trimmed()));  // the same message as the log's

    const ProcessResult noLog = runProcess(cli, {"audit", "--audit-log", QString::fromStdString((folder / "none.log").string())});
    CHECK(noLog.exitCode == 2);
    CHECK(noLog.err.contains("none.log: no audit log here"));
    const ProcessResult badUrl = runProcess(cli, {"import", "--db", db, "--syslog", "carrier-pigeon://x", study});
    CHECK(badUrl.exitCode == 2);
    CHECK(badUrl.err.contains("expected udp://HOST:PORT or tls://HOST:PORT"));
}
