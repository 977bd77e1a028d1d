// The cache's side of a retrieval from the test Orthanc (issue 8, issue 23): a server that dies
// mid-retrieve or a cancel leaves the study marked partial and the next retrieval completes it;
// instances are indexed while they arrive, the wanted series first.
#include "OrthancPeer.h"
#include "ProcessRunner.h"
#include "TestPaths.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheRetriever.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/net/SeriesInstances.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace hf::test;
using namespace hf::test::orthanc;

TEST_CASE("a server stopped in the middle of a retrieve: a clear error, the study marked partial, then resumed", "[pacs]")
{
    // Our own Orthanc, since this one gets killed.
    const int http = HF_ORTHANC_HTTP + 20, dicom = HF_ORTHANC_DICOM + 20;
    const std::string serverDir = (std::filesystem::path(HF_SCRATCH_DIR) / "orthanc-stopped").string();
    const QString script = QString(HF_SOURCE_DIR) + "/tests/pacs/orthanc.sh";
    const QStringList ports{QString::fromStdString(serverDir), QString::number(http), QString::number(dicom)};
    REQUIRE(runProcess(script, QStringList{"start"} + ports).exitCode == 0);
    auto serverPid = [&] {
        std::ifstream in(serverDir + "/orthanc.pid");
        int pid = 0;
        in >> pid;
        return pid;
    };
    // One study, two series of 6.
    const QString dir = QString::fromStdString(scratch("pacs-stopped-source").string());
    for (const char* number : {"1", "2"})
        REQUIRE(runProcess(cli, {"make-phantom", "--out", dir + "/s" + number, "--size", "32x32x6", "--seed", "19", "--series-number", number})
                    .exitCode == 0);
    REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "+r", "127.0.0.1", QString::number(dicom), dir}).exitCode == 0);
    const std::string study = studyOf(dir + "/s1").toStdString();

    std::string reason;
    hf::PacsNode node = *hf::parsePacsNode("ORTHANC@127.0.0.1:" + std::to_string(dicom), reason);
    node.timeoutSeconds = 5;
    const std::string db = (scratch("pacs-stopped-cache") / "cache.db").string();
    {
        hf::CacheDatabase cache(db);
        hf::CacheRetriever retriever(cache, nullptr, (std::filesystem::path(db).parent_path() / "incoming").string());
        bool killed = false;
        const auto started = std::chrono::steady_clock::now();
        const hf::CacheRetrieval r = retriever.retrieve(node, study, {}, hf::RetrieveMethod::Get, [&](int received, int) {
            if (received >= 8 && !killed) {  // into the second series
                ::kill(serverPid(), SIGKILL);
                killed = true;
            }
            return true;
        });
        CHECK(killed);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));  // no hang
        CHECK_FALSE(r.ok);
        INFO(r.message);
        CHECK(r.message.find("C-GET from ORTHANC@127.0.0.1") != std::string::npos);
        CHECK(r.expected == 12);
        CHECK(r.inCache >= 6);
        CHECK(r.inCache < 12);
        CHECK(retriever.state(study) == "partial");
        // The study list says so.
        const auto rows = hf::StudyIndex(cache).studies({});
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].location.rfind("partial", 0) == 0);
    }
    REQUIRE(runProcess(script, QStringList{"restart"} + ports).exitCode == 0);
    {
        hf::CacheDatabase cache(db);
        hf::CacheRetriever retriever(cache, nullptr, (std::filesystem::path(db).parent_path() / "incoming").string());
        const hf::CacheRetrieval r = retriever.retrieve(node, study, {}, hf::RetrieveMethod::Get);
        INFO(r.message);
        CHECK(r.ok);
        CHECK(r.skippedSeries == 1);  // the first series was complete
        CHECK(r.inCache == 12);
        CHECK(retriever.state(study) == "complete");
        CHECK(hf::StudyIndex(cache).studies({})[0].location == "local");
    }
    ::kill(serverPid(), SIGKILL);
    std::filesystem::remove(serverDir + "/orthanc.pid");
}

TEST_CASE("a cancelled retrieval keeps what arrived, marked partial, and the next one completes it", "[pacs]")
{
    const QString dir = QString::fromStdString(scratch("pacs-cancel-source").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", dir, "--size", "32x32x8", "--seed", "21"}).exitCode == 0);
    REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), dir}).exitCode == 0);
    const std::string study = studyOf(dir).toStdString();
    std::string reason;
    const hf::PacsNode node = *hf::parsePacsNode("ORTHANC@127.0.0.1:" + std::to_string(HF_ORTHANC_DICOM), reason);
    const std::string db = (scratch("pacs-cancel-cache") / "cache.db").string();
    hf::CacheDatabase cache(db);
    hf::CacheRetriever retriever(cache, nullptr, (std::filesystem::path(db).parent_path() / "incoming").string());
    int calls = 0;
    hf::CacheRetrieval r = retriever.retrieve(node, study, {}, hf::RetrieveMethod::Get, [&](int received, int) {
        ++calls;
        return received < 3;
    });
    CHECK(r.cancelled);
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("cancelled") != std::string::npos);
    CHECK(r.inCache >= 3);
    CHECK(r.inCache < 8);
    CHECK(retriever.state(study) == "partial");
    r = retriever.retrieve(node, study);
    CHECK(r.ok);
    CHECK(r.inCache == 8);
    CHECK(retriever.state(study) == "complete");
}

// Open-while-arriving rests on this: instances are indexed while the retrieval runs (the first
// batch is in the cache while the node still holds the rest), and the series someone looks at
// is fetched before the others.
TEST_CASE("a retrieval indexes instances while they arrive and fetches the wanted series first", "[pacs]")
{
    const QString first = storePhantom("pacs-arrival-1", 23, {"--size", "16x16x12", "--series-number", "1"});
    const QString second = storePhantom("pacs-arrival-2", 23, {"--size", "16x16x12", "--series-number", "2"});
    const std::string study = studyOf(first).toStdString();
    REQUIRE(studyOf(second).toStdString() == study);
    const std::string firstSeries = json(runProcess(cli, {"info", first, "--json"}))["patients"][0]["studies"][0]["series"][0]["uid"].toString().toStdString();
    const std::string wanted = json(runProcess(cli, {"info", second, "--json"}))["patients"][0]["studies"][0]["series"][0]["uid"].toString().toStdString();
    REQUIRE(wanted != firstSeries);

    std::string reason;
    hf::PacsNode dimse = *hf::parsePacsNode(dimseNode.toStdString(), reason);
    dimse.storagePort = HF_ORTHANC_DICOM + 18;
    const hf::PacsNode web = *hf::parsePacsNode(webNode.toStdString(), reason);
    const struct {
        const char* name;
        hf::PacsNode node;
        hf::RetrieveMethod method;
    } ways[] = {{"get", dimse, hf::RetrieveMethod::Get}, {"move", dimse, hf::RetrieveMethod::Move}, {"wado", web, hf::RetrieveMethod::Auto}};
    for (const auto& way : ways) {
        INFO(way.name);
        const std::string db = (scratch(std::string("pacs-arrival-cache-") + way.name) / "cache.db").string();
        hf::CacheDatabase cache(db);
        hf::CacheRetriever retriever(cache, nullptr, (std::filesystem::path(db).parent_path() / "incoming").string());
        struct Arrival {
            std::string series;
            int inCache, expected;
        };
        std::mutex lock;
        std::vector<Arrival> arrivals;
        retriever.setArrivalSink([&](const std::string& series, int inCache, int expected) {
            const std::lock_guard<std::mutex> guard(lock);
            arrivals.push_back({series, inCache, expected});
        });
        retriever.setWantedSeries([&] { return wanted; });
        auto reported = [&] {
            const std::lock_guard<std::mutex> guard(lock);
            return arrivals.size();
        };
        // The retrieval holds still after its third instance until the cache has indexed
        // something: what it reports then came in while the node still had the rest to send.
        const hf::CacheRetrieval r = retriever.retrieve(way.node, study, {}, way.method, [&](int received, int) {
            for (int waited = 0; received >= 3 && reported() == 0 && waited < 1000; ++waited)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return true;
        });
        INFO(r.message);
        REQUIRE(r.ok);
        CHECK(r.inCache == 24);
        CHECK(r.newInstances == 24);
        REQUIRE(!arrivals.empty());
        CHECK(arrivals.front().series == wanted);
        CHECK(arrivals.front().expected == 12);
        CHECK(arrivals.front().inCache >= 1);
        if (way.method == hf::RetrieveMethod::Get)  // one association: nothing arrives while we hold still
            CHECK(arrivals.front().inCache <= 3);
        // The wanted series whole before the other begins; counts only grow, to the whole.
        std::map<std::string, int> last;
        bool otherBegun = false;
        for (const Arrival& a : arrivals) {
            otherBegun = otherBegun || a.series == firstSeries;
            if (a.series == wanted)
                CHECK_FALSE(otherBegun);
            CHECK(a.inCache >= last[a.series]);
            last[a.series] = a.inCache;
        }
        CHECK(last[wanted] == 12);
        CHECK(last[firstSeries] == 12);
    }
}

// Where a study opened while it arrives puts the slices still to come: the archive lists the
// series' instances with their positions, by C-FIND at IMAGE level and by QIDO-RS alike, as the
// files themselves say.
TEST_CASE("the archive lists a series' instances with the positions the files hold", "[pacs]")
{
    const QString folder = storePhantom("pacs-instance-list", 27, {"--size", "16x16x9", "--tilt", "12"});
    const hf::ScanResult files = hf::HeaderScanner().scan({folder.toStdString()});
    REQUIRE(files.frames.size() == 9);
    const std::string study = files.frames[0].studyUid, series = files.frames[0].seriesUid;
    std::string reason;
    for (const QString& address : {dimseNode, webNode}) {
        INFO(address.toStdString());
        const hf::SeriesInstancesResult listed = hf::findSeriesInstances(*hf::parsePacsNode(address.toStdString(), reason), study, series);
        INFO(listed.message);
        REQUIRE(listed.ok);
        REQUIRE(listed.instances.size() == 9);
        for (const hf::FrameHeader& f : files.frames) {
            auto it = std::find_if(listed.instances.begin(), listed.instances.end(),
                                   [&](const hf::ExpectedInstance& e) { return e.sopInstanceUid == f.sopInstanceUid; });
            REQUIRE(it != listed.instances.end());
            CHECK(it->instanceNumber == f.instanceNumber);
            REQUIRE(it->hasPosition);
            CHECK((it->position - f.position).norm() < 1e-3);
            REQUIRE(it->hasOrientation);
            CHECK((it->rowDirection - f.rowDirection).norm() < 1e-4);
            CHECK((it->columnDirection - f.columnDirection).norm() < 1e-4);
        }
    }
    // Bounded: past maxInstances nothing more is read, and the list says so.
    for (const QString& address : {dimseNode, webNode}) {
        INFO(address.toStdString());
        const hf::PacsNode node = *hf::parsePacsNode(address.toStdString(), reason);
        const hf::SeriesInstancesResult first = hf::findSeriesInstances(node, study, series, 4);
        REQUIRE(first.ok);
        CHECK(first.instances.size() == 4);
        CHECK(first.truncated);
        CHECK(first.message == "4 instances listed by " + hf::nodeAddress(node) + " (more not read)");
        const hf::SeriesInstancesResult whole = hf::findSeriesInstances(node, study, series, 9);
        REQUIRE(whole.ok);  // and the node answers at once after the cancelled one
        CHECK(whole.instances.size() == 9);
        CHECK_FALSE(whole.truncated);
    }
    // A series the node does not have: an empty list, not a failure.
    const hf::SeriesInstancesResult none = hf::findSeriesInstances(*hf::parsePacsNode(dimseNode.toStdString(), reason), study, "1.2.3.4.5");
    CHECK(none.ok);
    CHECK(none.instances.empty());
    // Nobody listening: a failure that names where it went, by DIMSE and by DICOMweb.
    for (const std::string address : {"ORTHANC@127.0.0.1:9", "http://127.0.0.1:9/dicom-web"}) {
        const hf::SeriesInstancesResult unreachable = hf::findSeriesInstances(*hf::parsePacsNode(address, reason), study, series);
        INFO(unreachable.message);
        CHECK_FALSE(unreachable.ok);
        CHECK(unreachable.instances.empty());
        CHECK(unreachable.message.find("127.0.0.1:9") != std::string::npos);
    }
}
