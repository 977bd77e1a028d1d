// Two-way annotation sync against a real Orthanc on loopback (the "pacs: start Orthanc" ctest
// fixture): SR/GSPS/KOS objects that dciodvfy and DCMTK accept, a round trip through a wiped
// cache, and faults (node down, connection cut after the store, node killed mid-send) after
// which nothing is lost and nothing is on the server twice; conflicts keep both versions.
#include "PduCuttingProxy.h"
#include "SyncPeer.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/NodeSyncTransport.h"
#include "hf/annotations/SyncEngine.h"
#include "hf/dicomio/MeasurementReport.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <csignal>
#include <fstream>
#include <set>
#include <thread>

using namespace hf;
using namespace hf::test;

namespace {

// Counts the transport's calls, and can kill a node once the first object is confirmed. With
// `identity`, it stands for one node whatever port it goes through (a dead port standing for
// the node being down, a proxy cutting its connections), so the engine sees no switch of node.
class WatchedTransport : public SyncTransport {
public:
    explicit WatchedTransport(SyncTransport& inner, std::string identity = {}) : m_inner(inner), m_identity(std::move(identity)) {}
    std::string nodeName() const override { return m_inner.nodeName(); }
    std::string nodeIdentity() const override { return m_identity.empty() ? m_inner.nodeIdentity() : m_identity; }
    StoreAnswer store(const std::string& path, const std::string& sopClass) override
    {
        ++stores;
        if (killAfterFirst && confirmed == 1)
            killAfterFirst();
        StoreAnswer a = m_inner.store(path, sopClass);
        confirmed += a.ok;
        return a;
    }
    FetchAnswer fetchReports(const std::string& study, const std::string& folder, const std::function<int(const std::string&)>& held) override
    {
        return m_inner.fetchReports(study, folder, held);
    }
    int stores = 0, confirmed = 0;
    std::function<void()> killAfterFirst;

private:
    SyncTransport& m_inner;
    std::string m_identity;
};

PacsNode dimse(int port)
{
    std::string reason;
    PacsNode n = *parsePacsNode("ORTHANC@127.0.0.1:" + std::to_string(port), reason);
    n.timeoutSeconds = 5;
    return n;
}

} // namespace

TEST_CASE("sync round trip: SR, GSPS and KOS that validators accept, back into a wiped cache", "[pacs][sync]")
{
    const PhantomStudy p = makePhantom("sync-roundtrip", 31, true);
    const QString dbA = newCache("sync-roundtrip-a", p);
    QJsonObject made[] = {
        annotate(dbA, p, "length", at(p, {{-10, -5}, {10, 5}})),
        annotate(dbA, p, "ellipse", at(p, {{-6, -4}, {6, 4}})),
        annotate(dbA, p, "angle", at(p, {{-8, 0}, {0, 0}, {0, 8}})),
        annotate(dbA, p, "cobb", at(p, {{-8, 0}, {8, 1}, {-8, 5}, {8, 9}})),
        annotate(dbA, p, "polygon", at(p, {{-5, 0}, {0, 5}, {5, 0}})),
        annotate(dbA, p, "rectangle", at(p, {{-4, -4}, {4, 6}})),
        annotate(dbA, p, "arrow", at(p, {{0, 0}, {6, 6}})),
        annotate(dbA, p, "text", at(p, {{1, 1}}), "look here"),
    };
    const QString keySop = made[0]["sop_instance_uid"].toString();
    REQUIRE(runProcess(cli, {"tag", "--db", dbA, "--study", p.studyUid, "--add", "followup"}).exitCode == 0);
    REQUIRE(runProcess(cli, {"tag", "--db", dbA, "--study", p.studyUid, "--key-image", keySop}).exitCode == 0);
    REQUIRE(runProcess(cli, {"tag", "--db", dbA, "--study", p.studyUid, "--note", "compare in 3 months"}).exitCode == 0);

    QJsonObject synced = cliJson({"sync", "--node", node, "--db", dbA, "--json"});
    CHECK(synced["pushed"].toInt() == 3);
    CHECK(synced["failed"].toInt() == 0);
    CHECK(synced["pending"].toInt() == 0);
    CHECK(synced["pushed_changes"].toInt() == 11);
    for (const QJsonValue& a : cliJson({"annotations", "--db", dbA, "--json"})["annotations"].toArray())
        CHECK(a["sync_state"].toString() == "synced");

    // Each object is on the server once, valid for dicom3tools, readable by DCMTK.
    const auto objects = scratch("sync-roundtrip-objects");
    for (const QString modality : {"SR", "PR", "KO"}) {
        const QStringList ids = instancesOn(HF_ORTHANC_HTTP, p.studyUid, modality);
        INFO(modality.toStdString());
        REQUIRE(ids.size() == 1);
        const QString file = download(HF_ORTHANC_HTTP, ids.front(), objects);
        const ProcessResult verified = runProcess("dciodvfy", {file});
        INFO(verified.err.toStdString());
        CHECK_FALSE(verified.err.contains("Error"));
        CHECK_FALSE(verified.out.contains("Error"));
        if (modality == "SR") {
            const ProcessResult dumped = runProcess("dsrdump", {file});
            INFO(dumped.err.toStdString());
            CHECK(dumped.exitCode == 0);
            CHECK(dumped.out.contains("Imaging Measurement Report"));
            CHECK(dumped.out.contains("(mm,UCUM,\"millimeter\")"));
            // The length to 4 decimals (truncated: a prefix of the DS the report holds).
            const double length = made[0]["values"][0]["value"].toDouble();
            REQUIRE(length == Approx(std::sqrt(20.0 * 20 + 10 * 10)));
            CHECK(dumped.out.contains("=\"" + QString::number(std::floor(length * 1e4) / 1e4, 'f', 4)));
        } else if (modality == "PR") {
            const ProcessResult checked = runProcess("dcmpschk", {file});
            CHECK(checked.exitCode == 0);
            CHECK(checked.err.contains("Test passed"));
            const ProcessResult dumped = runProcess("dcmdump", {"+P", "GraphicType", "+P", "UnformattedTextValue", "+P", "WindowWidth", file});
            CHECK(dumped.out.count("POLYLINE") == 7);  // length, angle, 2 Cobb lines, polygon, rectangle, arrow
            CHECK(dumped.out.contains("ELLIPSE"));
            CHECK(dumped.out.contains("look here"));
        } else {
            const ProcessResult dumped = runProcess("dsrdump", {file});
            CHECK(dumped.exitCode == 0);
            CHECK(dumped.out.contains("Of Interest"));
        }
    }
    // Nothing pending: a second sync sends nothing.
    synced = cliJson({"sync", "--node", node, "--db", dbA, "--json"});
    CHECK(synced["pushed"].toInt() == 0);
    CHECK(instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR").size() == 1);

    // A wiped cache: retrieve the study, sync, and everything is back with the same values.
    const QString dbB = QString::fromStdString((scratch("sync-roundtrip-b") / "cache.db").string());
    REQUIRE(runProcess(cli, {"retrieve", "--node", node, "--study", p.studyUid, "--db", dbB}).exitCode == 0);
    synced = cliJson({"sync", "--node", node, "--db", dbB, "--study", p.studyUid, "--json"});
    CHECK(synced["failed"].toInt() == 0);
    CHECK(synced["pulled"].toInt() == 8 + 1 + 1 + 1);
    const QJsonObject before = cliJson({"annotations", "--db", dbA, "--json"});
    const QJsonObject after = cliJson({"annotations", "--db", dbB, "--json"});
    const QJsonArray a = before["annotations"].toArray(), b = after["annotations"].toArray();
    REQUIRE(b.size() == a.size());
    for (int i = 0; i < a.size(); ++i) {
        INFO(a[i]["kind"].toString().toStdString());
        CHECK(b[i]["id"] == a[i]["id"]);
        CHECK(b[i]["kind"] == a[i]["kind"]);
        CHECK(b[i]["points"] == a[i]["points"]);
        CHECK(b[i]["label"] == a[i]["label"]);
        CHECK(b[i]["revision"] == a[i]["revision"]);
        CHECK(b[i]["sop_instance_uid"] == a[i]["sop_instance_uid"]);
        CHECK(b[i]["summary"] == a[i]["summary"]);  // measured again on the retrieved pixels
        CHECK(b[i]["sync_state"].toString() == "synced");
    }
    CHECK(after["tags"][0]["word"].toString() == "followup");
    CHECK(after["key_images"].toArray().size() == 1);
    CHECK(after["key_images"][0]["sop_instance_uid"].toString() == keySop);
    CHECK(after["notes"][0]["note"].toString() == "compare in 3 months");
}

TEST_CASE("sync with the node down: failed with the reason, backoff, then everything arrives once", "[pacs][sync]")
{
    const PhantomStudy p = makePhantom("sync-down", 32, false);
    const QString db = newCache("sync-down-cache", p);
    const std::string id = annotate(db, p, "length", at(p, {{-10, 0}, {10, 0}}))["id"].toString().toStdString();
    CacheDatabase cache(db.toStdString());
    const std::string work = (std::filesystem::path(db.toStdString()).parent_path() / "sync").string();

    NodeSyncTransport deadNode(dimse(HF_ORTHANC_DICOM + 1));  // nothing listens there
    WatchedTransport down(deadNode, "the archive");
    SyncEngine engine(cache, down, work, "reader");
    SyncReport r = engine.sync({p.studyUid.toStdString()}, false, 1000);
    CHECK(r.failed >= 1);
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors.back().find("refused") != std::string::npos);
    CHECK(engine.pendingChanges() == 1);
    const Annotation failed = *AnnotationStore(cache).find(id);
    CHECK(failed.syncState == "failed");
    CHECK(failed.syncError.find("refused") != std::string::npos);
    // Within the backoff nothing is tried.
    const int tries = down.stores;
    engine.push(false, 1001);
    CHECK(down.stores == tries);

    NodeSyncTransport liveNode(dimse(HF_ORTHANC_DICOM));
    WatchedTransport up(liveNode, "the archive");
    SyncEngine recovered(cache, up, work, "reader");
    CHECK(recovered.push(false, 1002).pushedObjects == 0);  // still waiting
    r = recovered.push(false, 1000 + 301);
    CHECK(r.failed == 0);
    CHECK(r.pushedObjects == 2);  // SR and GSPS (no key image)
    CHECK(recovered.pendingChanges() == 0);
    CHECK(AnnotationStore(cache).find(id)->syncState == "synced");
    CHECK(instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR").size() == 1);
    // A confirmed change is never sent again.
    up.stores = 0;
    recovered.push(true, 2000);
    CHECK(up.stores == 0);
}

TEST_CASE("sync after a connection cut between the server's store and its answer: no loss, no duplicate", "[pacs][sync]")
{
    const PhantomStudy p = makePhantom("sync-cut", 33, false);
    const QString db = newCache("sync-cut-cache", p);
    const std::string id = annotate(db, p, "ellipse", at(p, {{-6, -6}, {6, 6}}))["id"].toString().toStdString();
    const std::string work = (std::filesystem::path(db.toStdString()).parent_path() / "sync").string();
    std::string srUid;
    {
        PduCuttingProxy proxy(HF_ORTHANC_DICOM);
        CacheDatabase cache(db.toStdString());
        NodeSyncTransport throughProxy(dimse(proxy.port()));
        WatchedTransport cutting(throughProxy, "the archive");
        SyncEngine engine(cache, cutting, work, "reader");
        const SyncReport r = engine.push(true, 1000);
        CHECK(r.failed == 1);
        CHECK(proxy.cuts() >= 1);
        CHECK(engine.pendingChanges() == 1);
        // The server did store it; we just never heard.
        const QStringList onServer = instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR");
        REQUIRE(onServer.size() == 1);
        srUid = orthanc(HF_ORTHANC_HTTP, "/instances/" + onServer.front())["MainDicomTags"]["SOPInstanceUID"].toString().toStdString();
    }
    // The application restarts (new connection, new engine) and the node answers again.
    CacheDatabase cache(db.toStdString());
    NodeSyncTransport direct(dimse(HF_ORTHANC_DICOM));
    WatchedTransport answering(direct, "the archive");
    SyncEngine engine(cache, answering, work, "reader");
    const SyncReport r = engine.push(true, 1001);
    CHECK(r.failed == 0);
    CHECK(engine.pendingChanges() == 0);
    const QStringList sr = instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR");
    REQUIRE(sr.size() == 1);  // the same instance was sent again, not a new one
    CHECK(orthanc(HF_ORTHANC_HTTP, "/instances/" + sr.front())["MainDicomTags"]["SOPInstanceUID"].toString().toStdString() == srUid);
    CHECK(instancesOn(HF_ORTHANC_HTTP, p.studyUid, "PR").size() == 1);
    const auto folder = scratch("sync-cut-objects");
    const ReadMeasurementReport report = readMeasurementReport(download(HF_ORTHANC_HTTP, sr.front(), folder).toStdString());
    REQUIRE(report.set.annotations.size() == 1);
    CHECK(report.set.annotations.front().id == id);
}

TEST_CASE("sync when the node is killed in the middle of a send: after its restart, all there once", "[pacs][sync]")
{
    // Our own Orthanc, since this one gets killed.
    const int http = HF_ORTHANC_HTTP + 10, dicom = HF_ORTHANC_DICOM + 10;
    const std::string dir = (std::filesystem::path(HF_SCRATCH_DIR) / "orthanc-killed").string();
    const QString script = QString(HF_SOURCE_DIR) + "/tests/pacs/orthanc.sh";
    REQUIRE(runProcess(script, {"start", QString::fromStdString(dir), QString::number(http), QString::number(dicom)}).exitCode == 0);
    auto orthancPid = [&] {
        std::ifstream in(dir + "/orthanc.pid");
        int pid = 0;
        in >> pid;
        return pid;
    };

    const PhantomStudy p = makePhantom("sync-killed", 34, false);
    const QString db = newCache("sync-killed-cache", p);
    const QJsonObject made = annotate(db, p, "length", at(p, {{-9, 0}, {9, 0}}));
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", p.studyUid, "--key-image", made["sop_instance_uid"].toString()}).exitCode == 0);
    const std::string work = (std::filesystem::path(db.toStdString()).parent_path() / "sync").string();
    CacheDatabase cache(db.toStdString());
    NodeSyncTransport transport(dimse(dicom));
    WatchedTransport killing(transport);
    killing.killAfterFirst = [&] {
        ::kill(orthancPid(), SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    };
    SyncEngine engine(cache, killing, work, "reader");
    SyncReport r = engine.push(true, 1000);
    CHECK(r.failed == 1);
    CHECK(r.pushedObjects == 1);
    CHECK(engine.pendingChanges() == 2);  // the annotation and the key image

    REQUIRE(runProcess(script, {"restart", QString::fromStdString(dir), QString::number(http), QString::number(dicom)}).exitCode == 0);
    killing.killAfterFirst = nullptr;
    r = engine.push(true, 1001);
    CHECK(r.failed == 0);
    CHECK(r.pushedObjects == 2);
    CHECK(engine.pendingChanges() == 0);
    for (const QString modality : {"SR", "PR", "KO"})
        CHECK(instancesOn(http, p.studyUid, modality).size() == 1);
    ::kill(orthancPid(), SIGKILL);
    std::filesystem::remove(dir + "/orthanc.pid");
}

TEST_CASE("sync between two readers: a conflict keeps both versions, a deletion wins over an older edit", "[pacs][sync]")
{
    const PhantomStudy p = makePhantom("sync-two", 35, false);
    const QString dbA = newCache("sync-two-a", p), dbB = newCache("sync-two-b", p);
    const std::string study = p.studyUid.toStdString();
    const std::string id = annotate(dbA, p, "length", at(p, {{-10, 0}, {10, 0}}))["id"].toString().toStdString();
    CacheDatabase cacheA(dbA.toStdString()), cacheB(dbB.toStdString());
    NodeSyncTransport transport(dimse(HF_ORTHANC_DICOM));
    SyncEngine a(cacheA, transport, (std::filesystem::path(dbA.toStdString()).parent_path() / "sync").string(), "reader A");
    SyncEngine b(cacheB, transport, (std::filesystem::path(dbB.toStdString()).parent_path() / "sync").string(), "reader B");
    REQUIRE(a.sync({study}, true, 1000).failed == 0);
    REQUIRE(b.sync({study}, true, 1000).pulled == 1);
    AnnotationStore storeA(cacheA), storeB(cacheB);
    REQUIRE(storeB.find(id));

    // Both move the same line before seeing each other's change.
    Annotation editA = *storeA.find(id), editB = *storeB.find(id);
    editA.points[1].x = 12;
    editB.points[1].x = 5;
    storeA.update(editA);
    storeB.update(editB);
    REQUIRE(a.sync({study}, true, 1001).failed == 0);
    const SyncReport rb = b.sync({study}, true, 1001);
    CHECK(rb.conflicts == 1);
    REQUIRE(a.sync({study}, true, 1002).failed == 0);
    for (AnnotationStore* store : {&storeA, &storeB}) {
        const auto live = store->ofStudy(study);
        REQUIRE(live.size() == 2);
        std::set<double> ends{live[0].points[1].x, live[1].points[1].x};
        CHECK(ends == std::set<double>{5, 12});  // both versions, in both caches
    }
    CHECK(storeB.find(id)->syncError.find("conflict") != std::string::npos);

    // B edits, then A deletes (later): the deletion wins in both.
    Annotation later = *storeB.find(id);
    later.label = "edited before the deletion";
    storeB.update(later);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    storeA.remove(id);
    REQUIRE(a.sync({study}, true, 1003).failed == 0);
    REQUIRE(b.sync({study}, true, 1003).failed == 0);
    CHECK(storeB.find(id)->deleted);
    CHECK(storeA.find(id)->deleted);
    CHECK(storeB.ofStudy(study).size() == 1);
}

TEST_CASE("sync over DICOMweb: STOW-RS out, QIDO-RS and WADO-RS back into another cache", "[pacs][sync]")
{
    const QString web = QString("http://127.0.0.1:%1/dicom-web").arg(HF_ORTHANC_HTTP);
    const PhantomStudy p = makePhantom("sync-web", 36, true);
    const QString dbA = newCache("sync-web-a", p);
    const QJsonObject made = annotate(dbA, p, "ellipse", at(p, {{-6, -4}, {6, 4}}));
    REQUIRE(runProcess(cli, {"tag", "--db", dbA, "--study", p.studyUid, "--add", "web"}).exitCode == 0);
    QJsonObject synced = cliJson({"sync", "--node", web, "--db", dbA, "--json"});
    CHECK(synced["pushed"].toInt() == 2);  // SR and GSPS
    CHECK(synced["failed"].toInt() == 0);
    CHECK(instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR").size() == 1);
    CHECK(instancesOn(HF_ORTHANC_HTTP, p.studyUid, "PR").size() == 1);

    const QString dbB = QString::fromStdString((scratch("sync-web-b") / "cache.db").string());
    REQUIRE(runProcess(cli, {"retrieve", "--node", web, "--study", p.studyUid, "--db", dbB}).exitCode == 0);
    synced = cliJson({"sync", "--node", web, "--db", dbB, "--study", p.studyUid, "--json"});
    CHECK(synced["failed"].toInt() == 0);
    CHECK(synced["pulled"].toInt() == 2);  // the ellipse and the tag
    const QJsonObject back = cliJson({"annotations", "--db", dbB, "--json"});
    REQUIRE(back["annotations"].toArray().size() == 1);
    CHECK(back["annotations"][0]["id"] == made["id"]);
    CHECK(back["annotations"][0]["summary"] == made["summary"]);
    CHECK(back["tags"][0]["word"].toString() == "web");
}

TEST_CASE("sync with another node: the new node gets everything once, changed since or not", "[pacs][sync]")
{
    // A second archive of our own next to the shared one.
    const int http = HF_ORTHANC_HTTP + 12, dicom = HF_ORTHANC_DICOM + 12;
    const std::string dir = (std::filesystem::path(HF_SCRATCH_DIR) / "orthanc-second").string();
    const QString script = QString(HF_SOURCE_DIR) + "/tests/pacs/orthanc.sh";
    REQUIRE(runProcess(script, {"start", QString::fromStdString(dir), QString::number(http), QString::number(dicom)}).exitCode == 0);
    const QString second = QString("ORTHANC@127.0.0.1:%1").arg(dicom);

    const PhantomStudy p = makePhantom("sync-switch", 37, false);
    const QString db = newCache("sync-switch-cache", p);
    const QJsonObject first = annotate(db, p, "length", at(p, {{-9, 0}, {9, 0}}));
    const QJsonObject ellipse = annotate(db, p, "ellipse", at(p, {{-6, -4}, {6, 4}}));
    REQUIRE(runProcess(cli, {"tag", "--db", db, "--study", p.studyUid, "--add", "switch"}).exitCode == 0);
    QJsonObject synced = cliJson({"sync", "--node", node, "--db", db, "--json"});
    CHECK(synced["pushed"].toInt() == 2);  // SR and GSPS on the first node
    CHECK(synced["failed"].toInt() == 0);

    // Then the sync moves to the second node with nothing changed since: it still gets both
    // annotations and the tag (one SR and one GSPS), as the first node had them.
    synced = cliJson({"sync", "--node", second, "--db", db, "--json"});
    CHECK(synced["failed"].toInt() == 0);
    CHECK(synced["pushed"].toInt() == 2);
    REQUIRE(instancesOn(http, p.studyUid, "SR").size() == 1);
    CHECK(instancesOn(http, p.studyUid, "PR").size() == 1);
    CHECK(cliJson({"sync", "--node", second, "--db", db, "--json"})["pushed"].toInt() == 0);  // and only once

    // Another reader syncing with the second node finds all of it.
    const QString other = newCache("sync-switch-other", p);
    synced = cliJson({"sync", "--node", second, "--db", other, "--study", p.studyUid, "--json"});
    CHECK(synced["failed"].toInt() == 0);
    const QJsonObject back = cliJson({"annotations", "--db", other, "--json"});
    std::set<QString> ids;
    for (const QJsonValue a : back["annotations"].toArray())
        ids.insert(a["id"].toString());
    CHECK(ids == std::set<QString>{first["id"].toString(), ellipse["id"].toString()});
    REQUIRE(back["tags"].toArray().size() == 1);
    CHECK(back["tags"][0]["word"].toString() == "switch");

    REQUIRE(runProcess(script, {"stop", QString::fromStdString(dir)}).exitCode == 0);
}
