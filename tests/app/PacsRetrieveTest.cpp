// Retrieving a study from the test Orthanc (started by the "pacs: start Orthanc" ctest fixture)
// by C-MOVE, C-GET and WADO-RS: what arrives, a disk short of room, and files only GDCM reads.
#include "OrthancPeer.h"
#include "ProcessRunner.h"
#include "RetrieveWays.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QtEndian>

using namespace hf::test;
using namespace hf::test::orthanc;

TEST_CASE("retrieve by C-MOVE (our storage SCP) and by WADO-RS: every instance arrives with its dataset unchanged", "[pacs]")
{
    const QString dir = storePhantom("pacs-move-source", 14);
    const QString study = studyOf(dir);
    const auto source = datasets(dir);
    REQUIRE(source.size() == 4);
    for (const RetrieveWay& way : retrieveWays()) {
        INFO(way.name);
        const QString cacheDir = QString::fromStdString(scratch(std::string("pacs-retrieve-") + way.name).string());
        QElapsedTimer wall;
        wall.start();
        const ProcessResult r = runProcess(cli, QStringList{"retrieve", "--study", study, "--db", cacheDir + "/cache.db", "--json"} + way.node);
        const qint64 processMs = wall.elapsed();
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        const QJsonObject o = json(r);
        // The retrieval's own time (the bench's figure without process start-up): within the process's life.
        REQUIRE(o["elapsed_ms"].isDouble());
        CHECK(o["elapsed_ms"].toInt() >= 1);
        CHECK(o["elapsed_ms"].toInt() <= processMs);
        CHECK(o["method"].toString() == way.method);
        CHECK(o["received"].toInt() == 4);
        CHECK(o["expected"].toInt() == 4);
        CHECK(o["new_instances"].toInt() == 4);
        const auto arrived = datasets(cacheDir + "/files");
        REQUIRE(arrived.size() == source.size());
        for (const auto& [sop, dataset] : source) {
            INFO(sop.toStdString());
            REQUIRE(arrived.count(sop) == 1);
            CHECK(arrived.at(sop) == dataset);
        }
        // Again: everything is there, nothing is fetched.
        const QJsonObject again = json(runProcess(cli, QStringList{"retrieve", "--study", study, "--db", cacheDir + "/cache.db", "--json"} + way.node));
        CHECK(again["received"].toInt() == 0);
        CHECK(again["skipped_series"].toInt() == 1);
    }
}

TEST_CASE("a retrieval while the cache's disk has less free than is kept stops at once and says so, by C-MOVE, C-GET and WADO-RS",
          "[pacs]")
{
    const QString dir = storePhantom("pacs-no-room-source", 15);
    const QString study = studyOf(dir);
    const QString allOfIt = QString::number(qulonglong(1) << 40);  // MB: more than any disk has
    for (const RetrieveWay& way : retrieveWays()) {
        INFO(way.name);
        const QString cacheDir = QString::fromStdString(scratch(std::string("pacs-no-room-") + way.name).string());
        const ProcessResult r = runProcess(cli, QStringList{"retrieve", "--study", study, "--db", cacheDir + "/cache.db", "--keep-free-mb", allOfIt} + way.node);
        INFO(r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QString(way.method) + " from " + way.from));
        CHECK(r.err.contains("stopped after 0 of 4 instances"));  // the node's count, or the query's when it stopped first
        CHECK(r.err.contains("instances: the disk holding " + cacheDir));
        CHECK(r.err.contains(" MB free, less than the " + allOfIt + " MB kept free"));
        CHECK(datasets(cacheDir).empty());  // no instance anywhere in the cache's folders
        const QJsonObject listed = json(runProcess(cli, {"list", "--db", cacheDir + "/cache.db", "--json"}));
        CHECK(listed["studies"].toArray().size() <= 1);
        for (const QJsonValue row : listed["studies"].toArray())
            CHECK(row["images"].toInt() == 0);
    }
    // Bad input is named.
    const ProcessResult bad = runProcess(cli, {"retrieve", "--node", dimseNode, "--study", study, "--keep-free-mb", "lots"});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains("--keep-free-mb must be a number of MB"));
}

TEST_CASE("retrieve: files only GDCM reads (an odd length) are indexed by each way; the retrieving process loads GDCM only for them", "[pacs]")
{
    // The network commands run in a module without GDCM (app/cli/CliModules.h); what our own
    // header reader leaves to GDCM is read in scanning children by the full module's GDCM,
    // loaded only then.
    // Orthanc transcodes big endian and deflated files for DICOMweb, but serves an explicit
    // little endian file as stored: one with an odd-length value, which only GDCM reads (sent
    // by REST: storescu would re-encode it).
    const QString dir = QString::fromStdString(scratch("pacs-odd-length-source").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x4", "--seed", "95"}).exitCode == 0);
    const QByteArray odd("\x09\x00\x10\x00LO\x03\x00HFX", 11);  // (0009,0010) LO, 3 bytes
    QDirIterator sources(dir, QDir::Files);
    while (sources.hasNext()) {
        QFile file(sources.next());
        REQUIRE(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        // Before the first element past group 0008 (the phantom's meta header and group 0008
        // are explicit little endian with short lengths).
        qsizetype pos = 132;
        while (pos + 8 <= bytes.size() && (quint8(bytes[pos]) | quint8(bytes[pos + 1]) << 8) <= 0x0008) {
            const bool longForm = QByteArray("OBOWSQUNUTUCUROFODOLOVSVUV").indexOf(bytes.mid(pos + 4, 2)) % 2 == 0;
            pos += longForm ? 12 + qsizetype(qFromLittleEndian<quint32>(bytes.constData() + pos + 8))
                            : 8 + qsizetype(qFromLittleEndian<quint16>(bytes.constData() + pos + 6));
        }
        bytes.insert(pos, odd);
        REQUIRE(file.seek(0));
        REQUIRE(file.write(bytes) == bytes.size());
        file.close();
        const ProcessResult posted = runProcess("curl", {"-sf", "-X", "POST", "--data-binary", "@" + file.fileName(),
                                                         QString("http://127.0.0.1:%1/instances").arg(HF_ORTHANC_HTTP)});
        REQUIRE(posted.exitCode == 0);
        REQUIRE(json(posted)["Status"].toString() == "Success");
    }
    const QString study = studyOf(dir);
    const QString patient = json(runProcess(cli, {"info", dir, "--json"}))["patients"][0]["name"].toString();
    REQUIRE_FALSE(patient.isEmpty());
    for (const RetrieveWay& way : retrieveWays()) {
        INFO(way.name);
        const QString cacheDir = QString::fromStdString(scratch(std::string("pacs-retrieve-odd-length-") + way.name).string());
        const ProcessResult r = runProcess("env", QStringList{"LD_DEBUG=files", cli, "retrieve", "--study", study, "--db", cacheDir + "/cache.db",
                                                              "--json"} + way.node);
        INFO(r.err.right(2000).toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(r.err.contains("hounsfield-cli-network.so"));
        // GDCM comes only with the full module, loaded when a file needs it: by WADO-RS, which
        // brings the files as stored (C-GET and C-MOVE bring what Orthanc's DCMTK re-encodes).
        const bool asStored = QString(way.name) == "wado";
        const qsizetype fullModule = r.err.indexOf("hounsfield-cli-full.so"), gdcm = r.err.indexOf("libgdcm");
        CHECK((fullModule >= 0) == asStored);
        CHECK((gdcm >= 0) == asStored);
        CHECK(gdcm >= fullModule);
        CHECK(json(r)["received"].toInt() == 4);
        if (asStored) {  // the odd length is there for GDCM to read
            QDirIterator arrived(cacheDir + "/files", QDir::Files, QDirIterator::Subdirectories);
            REQUIRE(arrived.hasNext());
            QFile file(arrived.next());
            REQUIRE(file.open(QIODevice::ReadOnly));
            CHECK(file.readAll().contains(odd));
        }
        const QJsonArray studies = json(runProcess(cli, {"list", "--db", cacheDir + "/cache.db", "--json"}))["studies"].toArray();
        REQUIRE(studies.size() == 1);
        CHECK(studies[0]["uid"].toString() == study);
        CHECK(studies[0]["images"].toInt() == 4);
        CHECK(studies[0]["patient_name"].toString() == patient);
    }
}
