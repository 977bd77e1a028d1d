// Annotations: the numbers that go into reports, checked against the phantom's truth, with the
// calibration each used; the store's revisions, tombstones and outbox; undo/redo; tags; and a
// crash test that kills a writer hundreds of times and finds every acknowledged annotation.
#include "PhantomFixture.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/AnnotationHistory.h"
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/Measurement.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/annotations/StudyTags.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hf;
using namespace hf::test;

namespace {

PhantomOptions phantomWith(double columnSpacing, double rowSpacing, double noise = 0, const std::string& spacingTag = "pixel")
{
    PhantomOptions o;
    o.columns = int(64 / columnSpacing);
    o.rows = int(64 / rowSpacing);
    o.slices = 8;
    o.columnSpacing = columnSpacing;
    o.rowSpacing = rowSpacing;
    o.sliceSpacing = 2;
    o.noise = noise;
    o.spacingTag = spacingTag;
    return o;
}

Annotation on(const LoadedPhantom& p, AnnotationKind kind, std::vector<Vec3> points, std::string label = {})
{
    return makeAnnotation(kind, std::move(points), std::move(label), "tester", *p.loaded.volume, "1.2.3", "1.2.3.4");
}

// The rod as a reader sees it: from the first to the last pixel showing its value along the row
// nearest its axis.
std::pair<Vec3, Vec3> visibleRodEnds(const LoadedPhantom& p)
{
    const Volume& v = *p.loaded.volume;
    const StackGeometry& g = v.geometry();
    const PhantomRod& rod = p.model.rod();
    const Vec3 index = g.toIndex(rod.from);
    const int j = int(std::lround(index.y)), k = int(std::lround(index.z));
    int first = -1, last = -1;
    for (int i = 0; i < g.columns; ++i)
        if (v.valueAt(i, j, k) == rod.value) {
            first = first < 0 ? i : first;
            last = i;
        }
    REQUIRE(first >= 0);
    // A reader clicks the outer edges of the end pixels.
    return {g.toPatient(first - 0.5, j, k), g.toPatient(last + 0.5, j, k)};
}

} // namespace

TEST_CASE("the rod measures its true length within one pixel spacing, square or not", "[annotations][measure]")
{
    for (const auto& [cs, rs] : {std::pair{1.0, 1.0}, std::pair{0.5, 1.0}, std::pair{1.0, 0.25}}) {
        INFO("spacing " << cs << " x " << rs);
        const LoadedPhantom p = writeAndLoad(phantomWith(cs, rs), "annot-rod");
        REQUIRE(p.loaded.volume);
        const auto [from, to] = visibleRodEnds(p);
        const Measurement m = measure(on(p, AnnotationKind::Length, {from, to}), *p.loaded.volume);
        // What shows along this row is the rod plus its rounded ends, cut at the row's distance d
        // from the axis: length + 2 sqrt(r^2 - d^2).
        const PhantomRod& rod = p.model.rod();
        const Vec3 axis = (rod.to - rod.from).normalized(), offset = (from + to) * 0.5 - rod.from;
        const double d = (offset - axis * offset.dot(axis)).norm();
        const double truth = rod.length() + 2 * std::sqrt(rod.radius * rod.radius - d * d);
        CHECK(std::abs(*m.valueOf("length") - truth) <= cs);
        CHECK(m.values.front().unit == "mm");
        CHECK(m.calibration == Calibration::PixelSpacing);
        CHECK(m.warning.empty());
        CHECK(m.slice == int(std::lround(p.loaded.volume->geometry().toIndex(from).z)));
    }
}

TEST_CASE("an ellipse inside a uniform sphere gives its value and the noise's SD", "[annotations][measure]")
{
    const double sigma = 20;
    const LoadedPhantom p = writeAndLoad(phantomWith(0.5, 0.5, sigma), "annot-ellipse");
    const PhantomSphere& bone = p.model.sphere("bone");
    const double r = 0.6 * bone.radius;
    const Vec3 c = bone.center;
    const Measurement m = measure(on(p, AnnotationKind::Ellipse, {{c.x - r, c.y - r, c.z}, {c.x + r, c.y + r, c.z}}), *p.loaded.volume);
    const double pixels = *m.valueOf("pixels");
    INFO(m.summary());
    CHECK(pixels == Approx(3.14159 * r * r / 0.25).epsilon(0.05));  // about the disc's area in 0.5 mm pixels
    CHECK(*m.valueOf("area") == Approx(3.14159265 * r * r));
    CHECK(std::abs(*m.valueOf("mean") - bone.value) <= 4 * sigma / std::sqrt(pixels));
    CHECK(*m.valueOf("sd") == Approx(sigma).epsilon(0.1));
    CHECK(*m.valueOf("min") < bone.value);
    CHECK(*m.valueOf("max") > bone.value);
    CHECK(m.values[1].unit == "HU");
    // Without noise: exactly the sphere's value, SD 0; a rectangle and a polygon agree.
    const LoadedPhantom exact = writeAndLoad(phantomWith(1, 1), "annot-ellipse-exact");
    const double h = 0.5 * bone.radius;
    for (const Annotation& a : {on(exact, AnnotationKind::Ellipse, {{c.x - r, c.y - r, c.z}, {c.x + r, c.y + r, c.z}}),
                                on(exact, AnnotationKind::Rectangle, {{c.x - h, c.y - h, c.z}, {c.x + h, c.y + h, c.z}}),
                                on(exact, AnnotationKind::Polygon, {{c.x - h, c.y - h, c.z}, {c.x + h, c.y - h, c.z}, {c.x, c.y + h, c.z}})}) {
        const Measurement e = measure(a, *exact.loaded.volume);
        INFO(annotationKindName(a.kind) << ": " << e.summary());
        CHECK(*e.valueOf("mean") == bone.value);
        CHECK(*e.valueOf("sd") == 0);
        CHECK(*e.valueOf("pixels") > 10);
    }
    CHECK(*measure(on(exact, AnnotationKind::Rectangle, {{c.x - h, c.y - h, c.z}, {c.x + h, c.y + h, c.z}}), *exact.loaded.volume)
               .valueOf("area") == Approx(4 * h * h));
    CHECK(*measure(on(exact, AnnotationKind::Polygon, {{c.x - h, c.y - h, c.z}, {c.x + h, c.y - h, c.z}, {c.x, c.y + h, c.z}}),
                   *exact.loaded.volume)
               .valueOf("area") == Approx(2 * h * h));
    CHECK(*measure(on(exact, AnnotationKind::Point, {c}), *exact.loaded.volume).valueOf("value") == bone.value);
}

TEST_CASE("measuring on the annotated image alone gives the values of the whole series, tilt included", "[annotations][measure]")
{
    // What the sync does: it loads only the file an annotation was drawn on.
    for (const double tilt : {0.0, 15.0}) {
        INFO("tilt " << tilt);
        PhantomOptions options = phantomWith(0.5, 0.5, 20);
        options.tiltDegrees = tilt;
        const LoadedPhantom p = writeAndLoad(options, "annot-one-image");
        REQUIRE(p.loaded.volume);
        const Volume& whole = *p.loaded.volume;
        const StackGeometry& g = whole.geometry();
        CacheDatabase db((p.folder / "cache.db").string());
        StudyIndex(db).add(HeaderScanner().scan({p.folder.string()}).frames);
        const std::string studyUid = p.tree.patients[0].studies[0].uid, seriesUid = p.tree.patients[0].studies[0].series[0].uid;

        // Shapes around the middle of the middle slice (water with noise: real statistics), with
        // points on pixel centres, where rounding noise would decide which pixels are inside.
        const double ci = g.columns / 2.0, cj = g.rows / 2.0, k = g.slices / 2;
        auto at = [&](double di, double dj) { return g.toPatient(ci + di, cj + dj, k); };
        const std::vector<Annotation> drawn{
            makeAnnotation(AnnotationKind::Ellipse, {at(-6, -6), at(6, 6)}, "", "tester", whole, studyUid, seriesUid),
            makeAnnotation(AnnotationKind::Polygon, {at(-5, -5), at(5, -5), at(0, 6)}, "", "tester", whole, studyUid, seriesUid),
            makeAnnotation(AnnotationKind::Length, {at(-20, 0), at(20, 3)}, "", "tester", whole, studyUid, seriesUid),
            makeAnnotation(AnnotationKind::Point, {at(1, 1)}, "", "tester", whole, studyUid, seriesUid)};
        for (const Annotation& a : drawn) {
            INFO(annotationKindName(a.kind));
            const CachedSeries image = loadCachedImage(db, seriesUid, a.sopInstanceUid, a.points.front());
            REQUIRE(image.slices.size() == 1);
            CHECK(image.slices[0].sopInstanceUid == a.sopInstanceUid);
            const Measurement one = measure(a, *image.volume), all = measure(a, whole);
            INFO(one.summary() << " / " << all.summary());
            REQUIRE(one.values.size() == all.values.size());
            REQUIRE_FALSE(all.values.empty());
            for (size_t v = 0; v < all.values.size(); ++v) {
                CHECK(one.values[v].name == all.values[v].name);
                CHECK(one.values[v].value == Approx(all.values[v].value).margin(1e-9));
            }
        }
        // An image the cache does not hold is an error, never a neighbouring slice measured instead.
        CHECK_THROWS_AS(loadCachedImage(db, seriesUid, "1.2.3.999", drawn[0].points.front()), std::invalid_argument);
    }
}

TEST_CASE("an annotation whose image is not loaded is measured on no slice, not on a neighbour", "[annotations][measure]")
{
    const LoadedPhantom p = writeAndLoad(phantomWith(1, 1, 20), "annot-image-gone");
    REQUIRE(p.loaded.volume);
    const StackGeometry& g = p.loaded.volume->geometry();
    const int k = g.slices / 2;
    const Annotation a = makeAnnotation(AnnotationKind::Ellipse, {g.toPatient(20.3, 20.3, k), g.toPatient(40.3, 40.3, k)}, "", "tester",
                                        *p.loaded.volume, "1.2.3", "1.2.3.4");
    const Measurement before = measure(a, *p.loaded.volume);
    CHECK(before.slice == k);
    REQUIRE(before.valueOf("mean"));
    // The annotated image's file goes; the series is opened again from what is left.
    std::filesystem::path gone;
    for (const auto& entry : std::filesystem::directory_iterator(p.folder))
        if (entry.path().extension() == ".dcm") {
            ScanResult one = HeaderScanner().scan({entry.path().string()});
            if (!one.frames.empty() && one.frames[0].sopInstanceUid == a.sopInstanceUid)
                gone = entry.path();
        }
    REQUIRE_FALSE(gone.empty());
    std::filesystem::remove(gone);
    ScanResult rest = HeaderScanner().scan({p.folder.string()});
    const StudyTree tree = StackBuilder().build(std::move(rest.frames));
    REQUIRE(tree.firstStack());
    const LoadResult reopened = VolumeLoader().load(*tree.firstStack());
    REQUIRE(reopened.volume);
    REQUIRE(reopened.volume->geometry().slices == g.slices - 1);
    const Measurement after = measure(a, *reopened.volume);
    CHECK(after.slice == -1);
    CHECK_FALSE(after.valueOf("mean"));
    CHECK(*after.valueOf("area") == Approx(*before.valueOf("area")));  // the shape's own size still stands
    CHECK(after.warning.find("not among the loaded images") != std::string::npos);
}

TEST_CASE("angles drawn on known points are exact, Cobb angles between two lines too", "[annotations][measure]")
{
    const LoadedPhantom p = writeAndLoad(phantomWith(0.5, 1.0), "annot-angle");
    const double z = p.model.objectPlaneZ();
    auto angle = [&](AnnotationKind kind, std::vector<Vec3> points) {
        return *measure(on(p, kind, std::move(points)), *p.loaded.volume).valueOf("angle");
    };
    CHECK(angle(AnnotationKind::Angle, {{0, 0, z}, {10, 0, z}, {10, 10, z}}) == Approx(90).margin(1e-9));
    CHECK(angle(AnnotationKind::Angle, {{20, 0, z}, {0, 0, z}, {10, 10, z}}) == Approx(45).margin(1e-9));
    CHECK(angle(AnnotationKind::Angle, {{-10, 3, z}, {0, 3, z}, {10, 3, z}}) == Approx(180).margin(1e-9));
    CHECK(angle(AnnotationKind::Angle, {{0, 0, z}, {5, 0, z}, {5 + 10 * std::cos(0.5236), 10 * std::sin(0.5236), z}}) ==
          Approx(180 - 30).margin(1e-3));
    // Cobb: the angle between the lines, 0..90, whichever way each was drawn.
    CHECK(angle(AnnotationKind::CobbAngle, {{0, 0, z}, {10, 0, z}, {0, 5, z}, {10, 15, z}}) == Approx(45).margin(1e-9));
    CHECK(angle(AnnotationKind::CobbAngle, {{10, 0, z}, {0, 0, z}, {0, 5, z}, {10, 15, z}}) == Approx(45).margin(1e-9));
}

TEST_CASE("each value states its calibration: Pixel Spacing, Imager Pixel Spacing or none", "[annotations][measure]")
{
    for (const std::string tag : {"pixel", "imager", "none"}) {
        INFO(tag);
        const LoadedPhantom p = writeAndLoad(phantomWith(0.5, 0.5, 0, tag), "annot-calibration-" + tag);
        REQUIRE(p.loaded.volume);
        const double z = p.model.objectPlaneZ();
        const Measurement m = measure(on(p, AnnotationKind::Length, {{-10, 0, z}, {10, 0, z}}), *p.loaded.volume);
        if (tag == "pixel") {
            CHECK(m.calibration == Calibration::PixelSpacing);
            CHECK(*m.valueOf("length") == Approx(20));
            CHECK(m.values.front().unit == "mm");
            CHECK(m.warning.empty());
        } else if (tag == "imager") {
            CHECK(m.calibration == Calibration::ImagerPixelSpacing);
            CHECK(*m.valueOf("length") == Approx(20));
            CHECK(m.values.front().unit == "mm");
            CHECK(m.warning.find("Imager Pixel Spacing") != std::string::npos);
        } else {
            // No spacing: the geometry falls back to 1 mm pixels, so the same two points are 20
            // "pixels" apart and say so.
            CHECK(m.calibration == Calibration::Uncalibrated);
            CHECK(m.values.front().unit == "px");
            CHECK(m.warning.find("pixels") != std::string::npos);
        }
    }
}

TEST_CASE("a new annotation must have its points on one slice of the series", "[annotations][measure]")
{
    const LoadedPhantom p = writeAndLoad(phantomWith(1, 1), "annot-bad");
    const double z = p.model.objectPlaneZ();
    CHECK_THROWS_WITH(on(p, AnnotationKind::Length, {{0, 0, z}}), Catch::Contains("takes 2 points"));
    CHECK_THROWS_WITH(on(p, AnnotationKind::Length, {{0, 0, 500}, {1, 0, 500}}), Catch::Contains("not on any slice"));
    CHECK_THROWS_WITH(on(p, AnnotationKind::Length, {{0, 0, z}, {1, 0, z + 6}}), Catch::Contains("not all on one slice"));
    CHECK_THROWS_WITH(on(p, AnnotationKind::Text, {{0, 0, z}}), Catch::Contains("needs its text"));
    const Annotation a = on(p, AnnotationKind::Polygon, {{0, 0, z}, {5, 0, z}, {5, 5, z}, {0, 5, z}});
    CHECK(a.sopInstanceUid == p.loaded.volume->sliceSopInstanceUids[size_t(measure(a, *p.loaded.volume).slice)]);
    CHECK(a.frame == 1);
}

TEST_CASE("the store keeps revisions, tombstones and an outbox row per change", "[annotations][store]")
{
    const auto folder = scratch("annot-store");
    CacheDatabase db((folder / "cache.db").string());
    AnnotationStore store(db);
    Annotation a;
    a.kind = AnnotationKind::Ellipse;
    a.studyUid = "1.2.3";
    a.seriesUid = "1.2.3.4";
    a.sopInstanceUid = "1.2.3.4.5";
    a.points = {{1.25, -2.5, 3.125}, {0.1, 0.2, 0.3}};
    a.author = "dr who";
    const Annotation stored = store.add(a);
    REQUIRE(stored.id.size() == 36);
    REQUIRE(stored.revision == 1);
    // Exactly what was written comes back, points to the last bit.
    const auto back = store.find(stored.id);
    REQUIRE(back);
    CHECK(back->points[0].x == 1.25);
    CHECK(back->points[1].y == 0.2);
    CHECK(back->author == "dr who");
    CHECK(back->kind == AnnotationKind::Ellipse);
    CHECK(back->syncState == "pending");
    Annotation moved = *back;
    moved.points[0].x = 7;
    CHECK(store.update(moved).revision == 2);
    CHECK(store.remove(stored.id).revision == 3);
    CHECK(store.ofStudy("1.2.3").empty());
    REQUIRE(store.ofStudy("1.2.3", true).size() == 1);
    CHECK(store.ofStudy("1.2.3", true)[0].deleted);
    CHECK(store.restore(stored.id).revision == 4);
    CHECK(store.ofSeries("1.2.3.4").size() == 1);
    CHECK(store.pendingChanges() == 4);
    CHECK_THROWS_AS(store.update(Annotation{}), CacheError);
    Annotation duplicate = a;
    duplicate.id = stored.id;
    CHECK_THROWS_AS(store.add(duplicate), CacheError);

    StudyTags tags(db);
    tags.addTag("1.2.3", "", "  follow-up ");
    tags.addTag("1.2.3", "1.2.3.4", "arterial");
    CHECK(tags.tags("1.2.3").size() == 2);
    CHECK(tags.tags("1.2.3")[0].word == "follow-up");
    CHECK(tags.removeTag("1.2.3", "", "follow-up"));
    CHECK_FALSE(tags.removeTag("1.2.3", "", "follow-up"));
    CHECK(tags.tags("1.2.3").size() == 1);
    CHECK_THROWS_AS(tags.addTag("1.2.3", "", " "), std::invalid_argument);
    tags.setKeyImage("1.2.3", "1.2.3.4", "1.2.3.4.5", 1, true);
    tags.setKeyImage("1.2.3", "1.2.3.4", "1.2.3.4.6", 3, true);
    tags.setKeyImage("1.2.3", "1.2.3.4", "1.2.3.4.5", 1, false);
    REQUIRE(tags.keyImages("1.2.3").size() == 1);
    CHECK(tags.keyImages("1.2.3")[0].frame == 3);
    tags.setNote("1.2.3", "compare with the prior");
    CHECK(tags.note("1.2.3") == "compare with the prior");
    CHECK(store.pendingChanges() == 4 + 3 + 3 + 1);
}

TEST_CASE("undo and redo round trip every edit as new revisions", "[annotations][store]")
{
    const auto folder = scratch("annot-undo");
    CacheDatabase db((folder / "cache.db").string());
    AnnotationStore store(db);
    AnnotationHistory history(store);
    Annotation a;
    a.kind = AnnotationKind::Length;
    a.studyUid = "1.2.3";
    a.points = {{0, 0, 0}, {10, 0, 0}};
    const Annotation added = history.add(a);
    Annotation longer = added;
    longer.points[1].x = 20;
    history.change(longer);
    history.remove(added.id);
    CHECK(history.undoText() == "Undo delete length");
    REQUIRE(store.ofStudy("1.2.3").empty());

    CHECK(history.undo()->deleted == false);                    // the deletion undone
    CHECK(store.find(added.id)->points[1].x == 20);
    CHECK(history.undo()->points[1].x == 10);                   // the change undone
    CHECK(history.undo()->deleted);                             // the addition undone: a tombstone
    CHECK_FALSE(history.canUndo());
    CHECK_FALSE(history.undo());
    CHECK(history.redo()->deleted == false);
    CHECK(history.redo()->points[1].x == 20);
    CHECK(history.redo()->deleted);
    CHECK_FALSE(history.canRedo());
    CHECK(store.find(added.id)->revision == 9);  // 3 edits + 3 undos + 3 redos
    // A new edit after undo drops the redo branch.
    history.undo();
    Annotation other = a;
    history.add(other);
    CHECK_FALSE(history.canRedo());
}

TEST_CASE("a cache from before annotations is upgraded in place, keeping its studies", "[annotations][store]")
{
    const auto folder = scratch("annot-migrate");
    const std::string path = (folder / "cache.db").string();
    {
        // Version 1 exactly as the first release wrote it.
        std::ifstream in(std::string(HF_SOURCE_DIR) + "/annotations/schema/001-initial.sql");
        std::stringstream sql;
        sql << in.rdbuf();
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, sql.str().c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "INSERT INTO patients (patient_id, name) VALUES ('P1', 'DOE^JANE'); PRAGMA user_version = 1;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    CacheDatabase db(path);
    CHECK(db.schemaVersion() == 10);
    AnnotationStore store(db);
    Annotation a;
    a.studyUid = "9";
    a.points = {{0, 0, 0}, {1, 1, 1}};
    CHECK(store.add(a).revision == 1);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db.handle(), "SELECT name FROM patients", -1, &s, nullptr);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "DOE^JANE");
    sqlite3_finalize(s);
}

TEST_CASE("killing a writer at random moments never loses an acknowledged annotation", "[annotations][crash]")
{
    const auto folder = scratch("annot-crash");
    const std::string db = (folder / "cache.db").string();
    std::mt19937 random(7);
    std::set<std::string> acknowledged;
    const int kills = 200;
    for (int round = 0; round < kills; ++round) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            execl(HF_ANNOTATION_WRITER, HF_ANNOTATION_WRITER, db.c_str(), "100000", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(out[1]);
        std::string text;
        char buffer[4096];
        ssize_t n;
        // Every fourth kill comes 0..40 ms after the start (opening the cache, its first
        // transactions); the others 0..40 ms into the writing, once it said "ready": a machine
        // slow to start processes (a loaded CI run) still has most kills land mid-write.
        if (round % 4 != 0) {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (text.find("ready\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
                pollfd wait{out[0], POLLIN, 0};
                if (poll(&wait, 1, 100) > 0 && (n = read(out[0], buffer, sizeof buffer)) > 0)
                    text.append(buffer, size_t(n));
                else if (waitpid(pid, nullptr, WNOHANG) == pid)
                    FAIL("the writer ended before it was ready");
            }
        }
        usleep(useconds_t(std::uniform_int_distribution<int>(0, 40000)(random)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        while ((n = read(out[0], buffer, sizeof buffer)) > 0)
            text.append(buffer, size_t(n));
        close(out[0]);
        // Only whole lines count: a line cut by the kill was never acknowledged.
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line))
            if (!lines.eof() && line.size() == 36)  // eof here: the line had no newline yet
                acknowledged.insert(line);
    }
    INFO(acknowledged.size() << " acknowledged over " << kills << " kills");
    REQUIRE(acknowledged.size() > 50);
    CacheDatabase database(db);  // opening checks the structure (throws CacheDamaged); the whole check follows
    sqlite3_stmt* check = nullptr;
    sqlite3_prepare_v2(database.handle(), "PRAGMA integrity_check", -1, &check, nullptr);
    REQUIRE(sqlite3_step(check) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) == "ok");
    sqlite3_finalize(check);
    AnnotationStore store(database);
    std::set<std::string> stored;
    for (const auto& a : store.all(true))
        stored.insert(a.id);
    std::vector<std::string> lost;
    for (const auto& id : acknowledged)
        if (!stored.count(id))
            lost.push_back(id);
    CHECK(lost.empty());
    // And each stored annotation has the outbox rows of its revisions.
    sqlite3_stmt* orphans = nullptr;
    sqlite3_prepare_v2(database.handle(),
                       "SELECT COUNT(*) FROM annotations a WHERE (SELECT COUNT(*) FROM outbox o WHERE o.object_id = a.id) != a.revision",
                       -1, &orphans, nullptr);
    REQUIRE(sqlite3_step(orphans) == SQLITE_ROW);
    CHECK(sqlite3_column_int(orphans, 0) == 0);
    sqlite3_finalize(orphans);
}

TEST_CASE("the study list's quick search finds a study by name, ID, accession or tag", "[annotations][store]")
{
    const auto folder = scratch("annot-search");
    PhantomWriter(PhantomModel(phantomWith(2, 2))).write((folder / "phantom").string());
    CacheDatabase db((folder / "cache.db").string());
    StudyIndex index(db);
    index.add(HeaderScanner().scan({(folder / "phantom").string()}).frames);
    const std::string study = index.studies({}).at(0).study.uid;
    StudyTags(db).addTag(study, "", "teaching-case");
    auto found = [&](const std::string& text) {
        StudyFilter f;
        f.text = text;
        return index.studies(f).size();
    };
    CHECK(found("phantom") == 1);   // name
    CHECK(found("HF1") == 1);       // patient ID
    CHECK(found("HFACC1") == 1);    // accession
    CHECK(found("teaching") == 1);  // tag
    CHECK(found("teach*") == 1);
    CHECK(found("nothing") == 0);
    CHECK(index.studies({}).at(0).tags == "teaching-case");
    StudyTags(db).removeTag(study, "", "teaching-case");
    CHECK(found("teaching") == 0);
}
