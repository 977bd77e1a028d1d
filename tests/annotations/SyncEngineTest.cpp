// The sync engine against an in-process archive (FakeSyncTransport): delivery, backoff, lost
// answers, restarts, node switches and the merge of two readers' changes, in milliseconds. The
// same engine against a real Orthanc is tests/app/SyncTest.cpp.
#include "FakeSyncTransport.h"
#include "PhantomFixture.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/annotations/SyncEngine.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

using namespace hf;
using namespace hf::test;

namespace {

// One reader's workstation: a cache with the phantom indexed, and the phantom loaded to draw on.
// Every test case has folders of its own: ctest runs them in parallel.
struct Reader {
    std::filesystem::path folder;
    std::unique_ptr<CacheDatabase> db;
    LoadedPhantom phantom;
    std::string studyUid, seriesUid;

    Reader(const LoadedPhantom& p, const std::string& name)
        : folder(scratch(name))
        , db(std::make_unique<CacheDatabase>((folder / "cache.db").string()))
        , phantom(p)
    {
        StudyIndex(*db).add(HeaderScanner().scan({p.folder.string()}).frames);
        studyUid = p.tree.patients.front().studies.front().uid;
        seriesUid = p.tree.patients.front().studies.front().series.front().uid;
    }

    // A length on slice 3, as the GUI tool or `annotate` would store it.
    Annotation drawLength(double mm)
    {
        const Volume& v = *phantom.loaded.volume;
        const Vec3 a = v.geometry().toPatient(10, 10, 3);
        return AnnotationStore(*db).add(makeAnnotation(AnnotationKind::Length, {a, a + Vec3{mm, 0, 0}}, {}, "reader", v, studyUid, seriesUid));
    }

    SyncEngine engine(SyncTransport& transport) { return SyncEngine(*db, transport, (folder / "sync").string(), "reader"); }
};

const std::time_t t0 = 1'800'000'000;

} // namespace

TEST_CASE("a push sends the study's SR and GSPS once, and nothing more until something changes", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-once");
    Reader reader(p, "sync-fake-once");
    FakeSyncTransport pacs("FAKE@127.0.0.1:1", reader.folder / "archive");
    reader.drawLength(5);
    SyncEngine engine = reader.engine(pacs);
    REQUIRE(engine.pendingChanges() == 1);

    const SyncReport first = engine.push(false, t0);
    CHECK(first.pushedObjects == 2);
    CHECK(first.pushedChanges == 1);
    CHECK(first.failed == 0);
    CHECK(pacs.heldOfClass(FakeSyncTransport::kComprehensive3dSr) == 1);
    CHECK(pacs.heldOfClass(FakeSyncTransport::kGsps) == 1);
    CHECK(engine.pendingChanges() == 0);
    CHECK(AnnotationStore(*reader.db).all().front().syncState == "synced");

    const int calls = pacs.storeCalls;
    const SyncReport second = engine.push(true, t0 + 60);
    CHECK(second.pushedObjects == 0);
    CHECK(pacs.storeCalls == calls);

    // A new change: a new SR (a new instance, never an edit of the first) and a new GSPS.
    reader.drawLength(8);
    CHECK(engine.push(false, t0 + 120).pushedObjects == 2);
    CHECK(pacs.heldOfClass(FakeSyncTransport::kComprehensive3dSr) == 2);
}

TEST_CASE("a refused node: the change waits out a doubling backoff, then goes as the same instances", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-backoff");
    Reader reader(p, "sync-fake-backoff");
    FakeSyncTransport pacs("FAKE@127.0.0.1:1", reader.folder / "archive");
    reader.drawLength(5);
    SyncEngine engine = reader.engine(pacs);

    pacs.behaviour = FakeSyncTransport::Behaviour::Refuse;
    const SyncReport refused = engine.push(false, t0);
    CHECK(refused.failed == 1);
    REQUIRE_FALSE(refused.errors.empty());
    CHECK(refused.errors.front().find("refused") != std::string::npos);
    CHECK(engine.pendingChanges() == 1);
    const auto sent = pacs.attempted;
    REQUIRE(!sent.empty());
    const int calls = pacs.storeCalls;

    CHECK(engine.push(false, t0 + 4).failed == 0);  // within the first 5 s: not tried
    CHECK(pacs.storeCalls == calls);
    CHECK(engine.push(false, t0 + 6).failed == 1);  // tried again, refused again
    CHECK(pacs.storeCalls > calls);
    const int again = pacs.storeCalls;
    CHECK(engine.push(false, t0 + 6 + 9).failed == 0);  // now 10 s
    CHECK(pacs.storeCalls == again);

    pacs.behaviour = FakeSyncTransport::Behaviour::Answer;
    const SyncReport delivered = engine.push(false, t0 + 6 + 11);
    CHECK(delivered.pushedObjects == 2);
    CHECK(engine.pendingChanges() == 0);
    // The refused try stopped at its first object; that very instance is what went out, no copy.
    CHECK(pacs.attempted.size() == 2);
    CHECK(std::includes(pacs.attempted.begin(), pacs.attempted.end(), sent.begin(), sent.end()));
    CHECK(pacs.held.size() == 2);
}

TEST_CASE("an answer lost after the archive stored the objects: sent again as the same instances, kept once", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-lost-answer");
    Reader reader(p, "sync-fake-lost-answer");
    FakeSyncTransport pacs("FAKE@127.0.0.1:1", reader.folder / "archive");
    reader.drawLength(5);
    SyncEngine engine = reader.engine(pacs);

    pacs.behaviour = FakeSyncTransport::Behaviour::StoreButLoseAnswer;
    CHECK(engine.push(false, t0).failed == 1);
    CHECK(engine.pendingChanges() == 1);  // not confirmed: not done
    CHECK(pacs.held.size() >= 1);

    pacs.behaviour = FakeSyncTransport::Behaviour::Answer;
    CHECK(engine.push(true, t0).pushedObjects == 2);
    CHECK(engine.pendingChanges() == 0);
    CHECK(pacs.held.size() == 2);
    CHECK(pacs.attempted.size() == 2);
}

TEST_CASE("after a restart, a batch the archive never confirmed goes as the same instances", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-restart");
    Reader reader(p, "sync-fake-restart");
    FakeSyncTransport pacs("FAKE@127.0.0.1:1", reader.folder / "archive");
    reader.drawLength(5);
    pacs.behaviour = FakeSyncTransport::Behaviour::Refuse;
    CHECK(reader.engine(pacs).push(false, t0).failed == 1);
    const auto sent = pacs.attempted;

    // The workstation restarts: a new connection and a new engine on the same cache.
    reader.db = std::make_unique<CacheDatabase>((reader.folder / "cache.db").string());
    pacs.behaviour = FakeSyncTransport::Behaviour::Answer;
    SyncEngine restarted = reader.engine(pacs);
    CHECK(restarted.pendingChanges() == 1);
    CHECK(restarted.push(true, t0 + 1).pushedObjects == 2);
    CHECK(pacs.attempted.size() == 2);
    CHECK(std::includes(pacs.attempted.begin(), pacs.attempted.end(), sent.begin(), sent.end()));
    CHECK(restarted.pendingChanges() == 0);
}

TEST_CASE("a switch to another node sends it everything once, and the old node gets nothing more", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-switch");
    Reader reader(p, "sync-fake-switch");
    FakeSyncTransport first("FIRST@127.0.0.1:1", reader.folder / "first");
    FakeSyncTransport second("SECOND@127.0.0.1:2", reader.folder / "second");
    reader.drawLength(5);
    reader.drawLength(7);
    REQUIRE(reader.engine(first).push(false, t0).pushedObjects == 2);
    REQUIRE(reader.engine(first).pendingChanges() == 0);

    SyncEngine switched = reader.engine(second);
    const SyncReport report = switched.push(false, t0 + 1);
    CHECK(report.pushedObjects == 2);
    CHECK(second.heldOfClass(FakeSyncTransport::kComprehensive3dSr) == 1);
    CHECK(switched.push(true, t0 + 2).pushedObjects == 0);  // once, not on every push
    CHECK(first.held.size() == 2);
}

TEST_CASE("two readers: a pull brings the other's annotation, and both changing it keeps both versions", "[annotations][sync]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "sync-fake-phantom-readers");
    Reader a(p, "sync-fake-reader-a"), b(p, "sync-fake-reader-b");
    FakeSyncTransport pacs("FAKE@127.0.0.1:1", a.folder / "archive");
    const Annotation drawn = a.drawLength(5);
    REQUIRE(a.engine(pacs).push(false, t0).pushedObjects == 2);

    // B opens the study: the pull brings A's length, synced, under the same id and revision.
    SyncEngine engineB = b.engine(pacs);
    const SyncReport pulled = engineB.sync({b.studyUid}, false, t0 + 1);
    CHECK(pulled.pulled == 1);
    const auto atB = AnnotationStore(*b.db).find(drawn.id);
    REQUIRE(atB);
    CHECK(atB->revision == drawn.revision);
    CHECK(atB->syncState == "synced");
    CHECK(atB->points.size() == 2);
    CHECK(engineB.pendingChanges() == 0);

    // Both move it before seeing the other's move; A's reaches the archive first.
    Annotation movedByA = *AnnotationStore(*a.db).find(drawn.id);
    movedByA.points[1] = movedByA.points[1] + Vec3{3, 0, 0};
    AnnotationStore(*a.db).update(movedByA);
    REQUIRE(a.engine(pacs).push(false, t0 + 2).pushedObjects == 2);
    Annotation movedByB = *atB;
    movedByB.points[1] = movedByB.points[1] + Vec3{0, 4, 0};
    AnnotationStore(*b.db).update(movedByB);

    const SyncReport merged = engineB.sync({b.studyUid}, false, t0 + 3);
    CHECK(merged.conflicts == 1);
    const auto live = AnnotationStore(*b.db).ofStudy(b.studyUid);
    REQUIRE(live.size() == 2);  // B's own and A's as a conflict copy
    const auto mine = AnnotationStore(*b.db).find(drawn.id);
    REQUIRE(mine);
    CHECK(mine->points[1].y == Approx(movedByB.points[1].y));
    CHECK(mine->syncError.find("conflict") != std::string::npos);
    bool copyOfA = false;
    for (const Annotation& x : live)
        copyOfA |= x.id != drawn.id && x.label.find("conflict copy") != std::string::npos
                   && x.points[1].x == Approx(movedByA.points[1].x);
    CHECK(copyOfA);
}
