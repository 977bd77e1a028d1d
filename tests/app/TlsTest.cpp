// DICOM TLS and HTTPS (issue 23): every node command over TLS against an Orthanc with DICOM TLS
// (client certificates required) and HTTPS (stunnel in front of it), with certificates made by
// tests/pacs/make-certs.sh; failed handshakes say why (unknown CA, expired, name mismatch,
// protocol) against DCMTK's TLS tools and openssl s_server; the receiver over TLS.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hf::test;

namespace {

const QString cli = HF_CLI_EXE;
const QString certs = HF_TLS_CERTS;
const QString dimseNode = QString("ORTHANC@127.0.0.1:%1").arg(HF_TLS_ORTHANC_DICOM);
const QString webNode = QString("https://127.0.0.1:%1/dicom-web").arg(HF_TLS_ORTHANC_HTTP);
constexpr int kPeerPort = 14303;    // DCMTK's storescp / openssl s_server as the peer
constexpr int kListenPort = 14304;  // our listen

QString cert(const QString& name) { return certs + "/" + name; }

// Our client identity and the right CA.
QStringList ourTls() { return {"--tls-cert", cert("client.pem"), "--tls-key", cert("client.key"), "--tls-ca", cert("ca.pem")}; }

ProcessResult cliRun(const QStringList& args)
{
    const ProcessResult r = runProcess(cli, args);
    UNSCOPED_INFO(args.join(' ').toStdString() << "\n" << r.out.toStdString() << r.err.toStdString());
    return r;
}

bool waitForPort(int port)
{
    for (int i = 0; i < 100; ++i) {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool open = ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(s);
        if (open)
            return true;
        QThread::msleep(50);
    }
    return false;
}

// A peer process on kPeerPort for the duration of a section.
struct Peer {
    QProcess process;
    Peer(const QString& program, const QStringList& args)
    {
        process.start(program, args);
        REQUIRE(process.waitForStarted());
        REQUIRE(waitForPort(kPeerPort));
    }
    ~Peer()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

QString phantom(const std::string& name, int seed)
{
    const QString dir = QString::fromStdString(scratch(name).string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "16x16x3", "--seed", QString::number(seed)}).exitCode == 0);
    return dir;
}

QString studyOf(const QString& dir)
{
    return QJsonDocument::fromJson(runProcess(cli, {"info", dir, "--json"}).out.toUtf8())
        .object()["patients"][0]["studies"][0]["uid"]
        .toString();
}

int imagesIn(const QString& db)
{
    const QJsonObject listed = QJsonDocument::fromJson(runProcess(cli, {"list", "--db", db, "--json"}).out.toUtf8()).object();
    int n = 0;
    for (const auto study : listed["studies"].toArray())
        n += study.toObject()["images"].toInt();
    return n;
}

} // namespace

TEST_CASE("DIMSE over TLS with Orthanc: echo, send, find, C-GET and C-MOVE verified both ways; a wrong CA or no certificate fails by name",
          "[pacs][tls]")
{
    const QString study = phantom("tls-dimse", 301);
    const QString uid = studyOf(study);
    const QString db = QString::fromStdString((scratch("tls-dimse-cache") / "cache.db").string());
    REQUIRE(cliRun({"import", "--db", db, study}).exitCode == 0);

    const ProcessResult echoed = cliRun(QStringList{"echo", "--node", dimseNode} + ourTls());
    CHECK(echoed.exitCode == 0);
    CHECK(echoed.out.contains("C-ECHO to " + dimseNode + " succeeded"));

    const ProcessResult sent = cliRun(QStringList{"send", "--node", dimseNode, "--db", db, "--study", uid} + ourTls());
    CHECK(sent.exitCode == 0);
    CHECK(sent.out.contains("3 of 3 instances sent"));

    const ProcessResult found = cliRun(QStringList{"find", "--node", dimseNode, "--json"} + ourTls());
    CHECK(found.exitCode == 0);
    CHECK(found.out.contains(uid));

    const QString byGet = QString::fromStdString((scratch("tls-get") / "cache.db").string());
    const ProcessResult got = cliRun(QStringList{"retrieve", "--node", dimseNode, "--db", byGet, "--study", uid} + ourTls());
    CHECK(got.exitCode == 0);
    CHECK(got.err.contains("3 instances received from " + dimseNode + " by C-GET"));
    CHECK(imagesIn(byGet) == 3);

    // Orthanc connects back to our storage SCP over TLS, with its certificate checked by ours.
    const QString byMove = QString::fromStdString((scratch("tls-move") / "cache.db").string());
    const ProcessResult moved = cliRun(QStringList{"retrieve", "--node", dimseNode, "--db", byMove, "--study", uid, "--method", "move",
                                                   "--storage-port", QString::number(HF_TLS_ORTHANC_MOVE)} +
                                       ourTls());
    CHECK(moved.exitCode == 0);
    CHECK(moved.err.contains("3 instances received from " + dimseNode + " by C-MOVE"));
    CHECK(imagesIn(byMove) == 3);

    // Annotations sync over TLS too: the SR and the GSPS reach the PACS.
    const QString series = QJsonDocument::fromJson(runProcess(cli, {"info", study, "--json"}).out.toUtf8())
                               .object()["patients"][0]["studies"][0]["series"][0]["uid"]
                               .toString();
    REQUIRE(cliRun({"annotate", "--db", db, "--series", series, "--kind", "length", "--points", "0,0,0;10,0,0"}).exitCode == 0);
    const ProcessResult synced = cliRun(QStringList{"sync", "--node", dimseNode, "--db", db, "--json"} + ourTls());
    CHECK(synced.exitCode == 0);
    const QJsonObject syncReport = QJsonDocument::fromJson(synced.out.toUtf8()).object();
    CHECK(syncReport["pushed"] == 2);
    CHECK(syncReport["errors"].toArray().isEmpty());

    const QString auditLog = QString::fromStdString((scratch("tls-audit") / "audit.log").string());
    const ProcessResult wrongCa = cliRun({"echo", "--node", dimseNode, "--tls-cert", cert("client.pem"), "--tls-key", cert("client.key"),
                                          "--tls-ca", cert("wrongca.pem"), "--audit-log", auditLog});
    CHECK(wrongCa.exitCode == 1);
    CHECK(wrongCa.err.contains("TLS handshake with " + dimseNode + " failed: unknown CA"));
    // A failed handshake is a security alert in the audit trail, naming the node.
    const QJsonArray alerts = QJsonDocument::fromJson(runProcess(cli, {"audit", "--audit-log", auditLog, "--json"}).out.toUtf8())
                                  .object()["events"]
                                  .toArray();
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0]["event"] == "Security Alert");
    CHECK(alerts[0]["outcome"] == "failure");
    CHECK(alerts[0]["description"].toString().contains("unknown CA"));
    CHECK(alerts[0]["participants"][1]["user_id"] == "ORTHANC");

    // Orthanc requires a client certificate: verifying the server alone is not enough here.
    const ProcessResult anonymous = cliRun({"echo", "--node", dimseNode, "--tls-ca", cert("ca.pem")});
    CHECK(anonymous.exitCode == 1);
    CHECK(anonymous.err.contains("TLS handshake with " + dimseNode + " failed"));
    CHECK(anonymous.err.contains("client certificate"));

    // Clear text to a TLS-only port fails; nothing of the study leaks as a success.
    const ProcessResult clear = cliRun({"echo", "--node", dimseNode});
    CHECK(clear.exitCode == 1);

    // Bad files are named before any connection.
    const ProcessResult missing = cliRun({"echo", "--node", dimseNode, "--tls-cert", cert("nope.pem"), "--tls-key", cert("client.key")});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains("TLS certificate " + cert("nope.pem") + ": cannot be read"));
    const ProcessResult halfPair = cliRun({"echo", "--node", dimseNode, "--tls-cert", cert("client.pem")});
    CHECK(halfPair.exitCode == 2);
    CHECK(halfPair.err.contains("--tls-cert and --tls-key go together"));
    const ProcessResult wrongKey = cliRun({"echo", "--node", dimseNode, "--tls-cert", cert("client.pem"), "--tls-key", cert("server.key")});
    CHECK(wrongKey.exitCode == 1);
    CHECK(wrongKey.err.contains("does not belong to the certificate"));
}

TEST_CASE("DICOMweb over HTTPS: verified against the given CA; unknown CA without it; retrieve and echo by WADO-RS and QIDO-RS", "[pacs][tls]")
{
    const QString study = phantom("tls-web", 302);
    const QString uid = studyOf(study);
    REQUIRE(runProcess("storescu", {"+tls", cert("client.key"), cert("client.pem"), "+cf", cert("ca.pem"), "-aec", "ORTHANC", "+sd",
                                    "127.0.0.1", QString::number(HF_TLS_ORTHANC_DICOM), study})
                .exitCode == 0);

    const ProcessResult echoed = cliRun({"echo", "--node", webNode, "--tls-ca", cert("ca.pem")});
    CHECK(echoed.exitCode == 0);
    CHECK(echoed.out.contains("answered (HTTP 200)"));

    const QString db = QString::fromStdString((scratch("tls-web-cache") / "cache.db").string());
    const ProcessResult got = cliRun({"retrieve", "--node", webNode, "--tls-ca", cert("ca.pem"), "--db", db, "--study", uid});
    CHECK(got.exitCode == 0);
    CHECK(imagesIn(db) == 3);
    // With our client certificate too (stunnel checks it against the CA when given).
    CHECK(cliRun(QStringList{"echo", "--node", webNode} + ourTls()).exitCode == 0);

    // The system's CAs do not know the test CA; nor does another CA.
    for (const QStringList& untrusted : {QStringList{}, QStringList{"--tls-ca", cert("wrongca.pem")}}) {
        const ProcessResult refused = cliRun(QStringList{"echo", "--node", webNode} + untrusted);
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains("TLS handshake failed: unknown CA"));
    }
    // The Authorization header never shows, even in a failure.
    const ProcessResult secret = cliRun({"echo", "--node", webNode, "--authorization", "Bearer SECRET-TOKEN-42"});
    CHECK(secret.exitCode == 1);
    CHECK_FALSE((secret.out + secret.err).contains("SECRET-TOKEN-42"));
    // TLS options need an https URL.
    CHECK(cliRun({"echo", "--node", QString("http://127.0.0.1:%1/dicom-web").arg(HF_TLS_ORTHANC_HTTP), "--tls-ca", cert("ca.pem")}).exitCode == 2);
}

TEST_CASE("TLS failures say why: a server certificate for another name, an expired one, a peer without TLS", "[cli][tls]")
{
    const QString node = QString("STORESCP@127.0.0.1:%1").arg(kPeerPort);
    const auto storescp = [](const QString& name, const QStringList& extra = {}) {
        return QStringList{"+tls", cert(name + ".key"), cert(name + ".pem"), "+cf", cert("ca.pem")} + extra +
               QStringList{"-od", QString::fromStdString(scratch("tls-storescp").string()), "-aet", "STORESCP", QString::number(kPeerPort)};
    };
    SECTION("DICOM: name mismatch")
    {
        Peer peer("storescp", storescp("mismatch"));
        const ProcessResult r = cliRun(QStringList{"echo", "--node", node} + ourTls());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains("name mismatch: the peer's certificate (/CN=elsewhere.example) is not for the address dialled"));
    }
    SECTION("DICOM: expired")
    {
        Peer peer("storescp", storescp("expired"));
        const ProcessResult r = cliRun(QStringList{"echo", "--node", node} + ourTls());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains("expired: the peer's certificate (/CN=127.0.0.1) has expired"));
    }
    SECTION("DICOM: a good server that does not ask for our certificate, verified with the CA alone")
    {
        Peer peer("storescp", storescp("server", {"-ic"}));
        const ProcessResult r = cliRun({"echo", "--node", node, "--tls-ca", cert("ca.pem")});
        CHECK(r.exitCode == 0);
        CHECK(r.out.contains("succeeded"));
    }
    SECTION("DICOM: a clear-text peer")
    {
        Peer peer("storescp", {"-od", QString::fromStdString(scratch("tls-storescp").string()), "-aet", "STORESCP", QString::number(kPeerPort)});
        const ProcessResult r = cliRun(QStringList{"echo", "--node", node} + ourTls());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains("TLS handshake with " + node + " failed"));
        CHECK(r.err.contains("is this its TLS port?"));
    }
    SECTION("HTTPS: name mismatch and expired")
    {
        for (const auto& [name, why] : {std::pair{QString("mismatch"), QString("name mismatch")}, std::pair{QString("expired"), QString("expired")}}) {
            Peer peer("openssl", {"s_server", "-quiet", "-www", "-accept", QString("127.0.0.1:%1").arg(kPeerPort), "-cert", cert(name + ".pem"),
                                  "-key", cert(name + ".key")});
            const ProcessResult r = cliRun({"echo", "--node", QString("https://127.0.0.1:%1/dicom-web").arg(kPeerPort), "--tls-ca", cert("ca.pem")});
            CHECK(r.exitCode == 1);
            CHECK(r.err.contains("TLS handshake failed: " + why));
        }
    }
}

TEST_CASE("listen over TLS: a client of the trusted CA stores; another CA's client and a clear-text one are refused, and it keeps serving",
          "[cli][tls]")
{
    const auto folder = scratch("tls-listen");
    const QString db = QString::fromStdString((folder / "cache.db").string());
    const QString study = phantom("tls-listen-study", 303);
    QProcess listener;
    listener.start(cli, {"listen", "--db", db, "--port", QString::number(kListenPort), "--accept-any", "--for", "60", "--json", "--tls-cert",
                         cert("server.pem"), "--tls-key", cert("server.key"), "--tls-ca", cert("ca.pem")});
    REQUIRE(listener.waitForStarted());
    REQUIRE(listener.waitForReadyRead(10000));
    CHECK(QString::fromUtf8(listener.readLine()).startsWith(QString("listening as HOUNSFIELD on port %1 (TLS, client certificates checked)").arg(kListenPort)));

    const QString port = QString::number(kListenPort);
    const ProcessResult stranger = runProcess("storescu", {"+tls", cert("wrongca.key"), cert("wrongca.pem"), "+cf", cert("ca.pem"), "-aec",
                                                           "HOUNSFIELD", "+sd", "127.0.0.1", port, study});
    CHECK(stranger.exitCode != 0);
    const ProcessResult clear = runProcess("storescu", {"-aec", "HOUNSFIELD", "+sd", "127.0.0.1", port, study});
    CHECK(clear.exitCode != 0);
    // And our own client refuses a receiver whose certificate another CA signed.
    const ProcessResult distrust = cliRun({"echo", "--node", "HOUNSFIELD@127.0.0.1:" + port, "--tls-cert", cert("client.pem"), "--tls-key",
                                           cert("client.key"), "--tls-ca", cert("wrongca.pem")});
    CHECK(distrust.err.contains("unknown CA"));

    const ProcessResult good = runProcess("storescu", {"+tls", cert("client.key"), cert("client.pem"), "+cf", cert("ca.pem"), "-aec",
                                                       "HOUNSFIELD", "+sd", "127.0.0.1", port, study});
    INFO(good.err.toStdString());
    CHECK(good.exitCode == 0);
    CHECK(cliRun(QStringList{"echo", "--node", "HOUNSFIELD@127.0.0.1:" + port} + ourTls()).exitCode == 0);

    listener.terminate();
    REQUIRE(listener.waitForFinished(10000));
    const QByteArray rest = listener.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(rest.mid(rest.indexOf('{'))).object();
    CHECK(report["received"] == 3);
    CHECK(report["indexed"] == 3);
}

TEST_CASE("audit messages reach a syslog collector over TLS (RFC 5425 frames), its certificate checked", "[cli][tls][audit]")
{
    const QString study = phantom("tls-syslog-study", 304);
    const QString db = QString::fromStdString((scratch("tls-syslog") / "cache.db").string());
    const QString collector = QString("tls://127.0.0.1:%1").arg(kPeerPort);
    {
        Peer peer("openssl", {"s_server", "-quiet", "-accept", QString("127.0.0.1:%1").arg(kPeerPort), "-cert", cert("server.pem"), "-key",
                              cert("server.key")});
        REQUIRE(cliRun({"import", "--db", db, "--syslog", collector, "--syslog-ca", cert("ca.pem"), study}).exitCode == 0);
        // "LENGTH SP MESSAGE": read until the frame is whole (s_server hands it on in pieces).
        QByteArray received;
        int space = -1;
        for (int waited = 0; waited < 50; ++waited) {
            peer.process.waitForReadyRead(100);
            received += peer.process.readAllStandardOutput();
            space = received.indexOf(' ');
            if (space > 0 && received.size() - space - 1 >= received.left(space).toInt())
                break;
        }
        REQUIRE(space > 0);
        // The length counts the message's bytes exactly: nothing more followed.
        CHECK(received.left(space).toInt() == received.size() - space - 1);
        CHECK(received.mid(space + 1).startsWith("<85>1 "));
        CHECK(received.contains("csd-code=\"110107\""));
    }
    // A collector whose certificate another CA signed gets nothing; the local log still has the record.
    Peer impostor("openssl", {"s_server", "-quiet", "-accept", QString("127.0.0.1:%1").arg(kPeerPort), "-cert", cert("server.pem"), "-key",
                              cert("server.key")});
    const QString log = QString::fromStdString((scratch("tls-syslog-impostor") / "audit.log").string());
    REQUIRE(cliRun({"import", "--db", db, "--audit-log", log, "--syslog", collector, "--syslog-ca", cert("wrongca.pem"), study}).exitCode == 0);
    CHECK_FALSE(impostor.process.waitForReadyRead(1000));
    QFile written(log);
    REQUIRE(written.open(QIODevice::ReadOnly));
    CHECK(written.readAll().contains("csd-code=\"110107\""));
}
