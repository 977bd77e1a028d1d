// The local cache's study index: counts that DCMTK confirms, re-import that changes nothing,
// vanished files flagged, searches, and a damaged database detected and rebuilt from files.
#include "PhantomFixture.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRebuild.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <thread>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace hf;
using namespace hf::test;

namespace {

// Distinct patients, studies, series and SOP instances of the corpus, as DCMTK's dcmdump reads them.
IndexCounts countedByDcmtk()
{
    std::ifstream manifest(corpus() / "MANIFEST.tsv");
    std::string line;
    std::getline(manifest, line);
    std::set<std::string> patients, studies, series, instances;
    while (std::getline(manifest, line)) {
        // Every file counts, HTJ2K included (its header read through a stand-in syntax), and
        // objects without pixels (SR, RTSTRUCT).
        const std::string file = (corpus() / line.substr(0, line.find('\t'))).string();
        // The whole dump, reading top-level lines only: enhanced objects name other series
        // (Referenced Series Sequence) before their own, indented.
        const std::string command = "dcmdump -q -M '" + file + "' 2>/dev/null";
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
        std::map<std::string, std::string> values;
        std::array<char, 512> buffer{};
        while (pipe && fgets(buffer.data(), int(buffer.size()), pipe.get())) {
            const std::string text = buffer.data();
            const auto open = text.find('['), close = text.rfind(']');
            const std::string value = open != std::string::npos && close > open ? text.substr(open + 1, close - open - 1) : "";
            if (text.rfind('(', 0) == 0)
                values.emplace(text.substr(0, 11), value);  // "(gggg,eeee)" at the top level
        }
        patients.insert(values["(0010,0020)"] + "|" + values["(0010,0010)"]);
        studies.insert(values["(0020,000d)"]);
        series.insert(values["(0020,000e)"]);
        instances.insert(values["(0008,0018)"]);
    }
    return {(long long)patients.size(), (long long)studies.size(), (long long)series.size(), (long long)instances.size()};
}

struct Cache {
    std::filesystem::path folder;
    std::string db;
};

Cache freshCache(const std::string& name)
{
    const auto folder = scratch(name);
    return {folder, (folder / "cache.db").string()};
}

IndexCounts importInto(const std::string& db, const std::vector<std::string>& paths)
{
    CacheDatabase database(db);
    StudyIndex index(database);
    ScanResult scan = HeaderScanner().scan(paths);
    const IndexCounts added = index.add(scan.frames, scan.objects);
    rememberSources(db, paths);
    return added;
}

} // namespace

TEST_CASE("importing the corpus and a phantom gives the counts DCMTK sees", "[cache]")
{
    const Cache cache = freshCache("cache-import");
    PhantomOptions o = smallPhantom();
    const auto phantom = cache.folder / "phantom";
    PhantomWriter(PhantomModel(o)).write(phantom.string());

    const IndexCounts expected = countedByDcmtk();
    const IndexCounts added = importInto(cache.db, {corpus().string(), phantom.string()});
    const IndexCounts phantomCounts{1, 1, 1, o.slices};
    REQUIRE(added.patients == expected.patients + phantomCounts.patients);
    REQUIRE(added.studies == expected.studies + phantomCounts.studies);
    REQUIRE(added.series == expected.series + phantomCounts.series);
    REQUIRE(added.instances == expected.instances + phantomCounts.instances);

    SECTION("importing the same files again changes nothing")
    {
        const IndexCounts again = importInto(cache.db, {corpus().string(), phantom.string()});
        REQUIRE(again == IndexCounts{});
        CacheDatabase db(cache.db);
        REQUIRE(StudyIndex(db).counts().instances == expected.instances + o.slices);
    }
    SECTION("a file removed from disk is flagged, not dropped")
    {
        std::filesystem::remove(phantom / "IM0003.dcm");
        CacheDatabase db(cache.db);
        StudyIndex index(db);
        REQUIRE(index.checkFiles() == 1);
        StudyFilter f;
        f.patient = "PHANTOM^HOUNSFIELD";  // the corpus has a PHANTOM_EXAMPLE too
        const auto rows = index.studies(f);
        REQUIRE(rows.size() == 1);
        REQUIRE(rows[0].imageCount == o.slices);
        REQUIRE(rows[0].missingImages == 1);
    }
    SECTION("the study list's searches")
    {
        CacheDatabase db(cache.db);
        StudyIndex index(db);
        REQUIRE(index.studies().size() == size_t(expected.studies + 1));
        StudyFilter byName;
        byName.patient = "rubo*";  // wildcard, any case
        auto rows = index.studies(byName);
        REQUIRE(rows.size() == 1);
        REQUIRE(rows[0].patient.name == "Rubo DEMO");
        REQUIRE(rows[0].modalities == "XA");
        StudyFilter byId;
        byId.patient = "HF1";
        REQUIRE(index.studies(byId).size() == 1);
        StudyFilter ct;
        ct.modality = "CT";
        for (const auto& r : index.studies(ct))
            REQUIRE(r.modalities.find("CT") != std::string::npos);
        StudyFilter range;
        range.from = "20180101";
        range.to = "20191231";
        rows = index.studies(range);
        REQUIRE(rows.size() == 2);  // the two 2018 studies of dcm_qa_enh
        for (const auto& r : rows)
            REQUIRE(r.study.date.rfind("2018", 0) == 0);
        StudyFilter accession;
        accession.accession = "HFACC1";
        REQUIRE(index.studies(accession).size() == 1);
    }
}

TEST_CASE("a batch counts what it adds to a study already cached: the rest of a series and a new series", "[cache]")
{
    // A retrieval indexes in batches: later batches meet the study, its patient and a series
    // already there. Each batch says what it added, counted per series (not whole tables).
    const Cache cache = freshCache("cache-batch-counts");
    PhantomOptions first = smallPhantom();
    PhantomOptions second = smallPhantom();
    second.seriesNumber = 2;  // another series of the same study
    second.slices = 5;
    PhantomWriter(PhantomModel(first)).write((cache.folder / "first").string());
    PhantomWriter(PhantomModel(second)).write((cache.folder / "second").string());
    std::vector<std::string> firstFiles;
    for (const auto& f : std::filesystem::directory_iterator(cache.folder / "first"))
        firstFiles.push_back(f.path().string());
    std::sort(firstFiles.begin(), firstFiles.end());
    REQUIRE(firstFiles.size() == size_t(first.slices));

    const std::vector<std::string> early(firstFiles.begin(), firstFiles.begin() + 4);
    REQUIRE(importInto(cache.db, early) == IndexCounts{1, 1, 1, 4});

    // The first series again, whole, with the second: 8 new instances of a known series, a
    // new series of 5; no new patient or study.
    std::vector<std::string> later = firstFiles;
    later.push_back((cache.folder / "second").string());
    REQUIRE(importInto(cache.db, later) == IndexCounts{0, 0, 1, 8 + 5});

    CacheDatabase db(cache.db);
    StudyIndex index(db);
    REQUIRE(index.counts() == IndexCounts{1, 1, 2, 12 + 5});
    const auto rows = index.studies();
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].seriesCount == 2);
    REQUIRE(rows[0].imageCount == 12 + 5);
    REQUIRE(importInto(cache.db, later) == IndexCounts{});
}

TEST_CASE("the index keeps each file's headers: a cached series opens from them, a changed file is read again", "[cache]")
{
    const Cache cache = freshCache("cache-headers");
    PhantomOptions o = smallPhantom();
    o.tiltDegrees = 12;  // geometry that only exact headers reproduce
    const auto phantom = cache.folder / "phantom";
    PhantomWriter(PhantomModel(o)).write(phantom.string());
    const ScanResult scanned = HeaderScanner().scan({phantom.string()});
    CacheDatabase db(cache.db);
    StudyIndex(db).add(scanned.frames);
    const std::string series = scanned.frames.front().seriesUid;

    CachedHeaders kept = StudyIndex(db).headersOf(series);
    CHECK(kept.unscanned.empty());
    REQUIRE(kept.frames.size() == scanned.frames.size());
    std::map<std::string, const FrameHeader*> bySop;
    for (const auto& f : scanned.frames)
        bySop[f.sopInstanceUid] = &f;
    for (const auto& f : kept.frames) {
        const FrameHeader& s = *bySop.at(f.sopInstanceUid);
        CHECK(f.path == s.path);
        CHECK(f.position.x == s.position.x);
        CHECK(f.position.z == s.position.z);
        CHECK(f.rowDirection.y == s.rowDirection.y);
        CHECK(f.columnDirection.z == s.columnDirection.z);
        CHECK(f.rescaleIntercept == s.rescaleIntercept);
        CHECK(f.pixelDataOffset == s.pixelDataOffset);
        CHECK(f.windows.size() == s.windows.size());
    }

    // Opened from the kept headers: the same volume as from the files.
    const CachedSeries fromIndex = loadCachedSeries(db, series);
    const LoadResult direct = VolumeLoader().load(*StackBuilder().build(ScanResult(scanned).frames).firstStack());
    REQUIRE(fromIndex.volume);
    REQUIRE(direct.volume);
    CHECK(fromIndex.volume->geometry().slices == direct.volume->geometry().slices);
    CHECK(fromIndex.volume->geometry().sliceStep.z == Approx(direct.volume->geometry().sliceStep.z));
    CHECK(fromIndex.volume->geometry().sliceStep.y == Approx(direct.volume->geometry().sliceStep.y));
    const VolumeStatistics a = computeStatistics(*fromIndex.volume), b = computeStatistics(*direct.volume);
    CHECK(a.mean == Approx(b.mean));
    CHECK(a.max == b.max);

    // A file rewritten since (another size): its headers are read from the file again.
    {
        std::ofstream grow(phantom / "IM0004.dcm", std::ios::app | std::ios::binary);
        grow << std::string(16, '\0');
    }
    kept = StudyIndex(db).headersOf(series);
    REQUIRE(kept.unscanned.size() == 1);
    CHECK(kept.unscanned.front() == (phantom / "IM0004.dcm").string());
    CHECK(kept.frames.size() == scanned.frames.size() - 1);
    CHECK(cachedScan(db, series).frames.size() == scanned.frames.size());

    // Rows indexed before the index kept headers: every file is scanned.
    db.exec("UPDATE instances SET headers = NULL");
    kept = StudyIndex(db).headersOf(series);
    CHECK(kept.frames.empty());
    CHECK(kept.unscanned.size() == scanned.frames.size());
    CHECK(loadCachedSeries(db, series).volume->geometry().slices == o.slices);
}

TEST_CASE("a damaged cache index is detected on open and rebuilt from the files", "[cache]")
{
    const Cache cache = freshCache("cache-damaged");
    const auto phantom = cache.folder / "phantom";
    PhantomWriter(PhantomModel(smallPhantom())).write(phantom.string());
    importInto(cache.db, {phantom.string()});
    {
        CacheDatabase db(cache.db);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        REQUIRE(db.schemaVersion() == 10);
    }
    // Scribble over every page after the first, as a failing disk might.
    {
        const auto size = std::filesystem::file_size(cache.db);
        REQUIRE(size > 8192);
        std::fstream f(cache.db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        const std::string junk(size - 4096, '\xA5');
        f.write(junk.data(), std::streamsize(junk.size()));
    }
    REQUIRE_THROWS_AS(CacheDatabase(cache.db), CacheDamaged);
    try {
        CacheDatabase db(cache.db);
    } catch (const CacheDamaged& e) {
        REQUIRE(std::string(e.what()).find(cache.db) != std::string::npos);
        REQUIRE(std::string(e.what()).find("damaged") != std::string::npos);
    }
    const RebuildReport report = rebuildCache(cache.db, HeaderScanner());
    REQUIRE(std::filesystem::exists(report.damagedCopy));
    REQUIRE(report.counts == IndexCounts{1, 1, 1, 12});
    CacheDatabase reopened(cache.db);
    REQUIRE(StudyIndex(reopened).counts().instances == 12);
}

TEST_CASE("damage deeper than the open looks is reported as damage when a query reaches it", "[cache]")
{
    // Opening reads the schema and the edges of each table, not every page (that took half a
    // second per open for 200,000 images): a page in the middle is found by the query that reads it.
    const Cache cache = freshCache("cache-damaged-deep");
    const auto phantom = cache.folder / "phantom";
    PhantomWriter(PhantomModel(smallPhantom())).write(phantom.string());
    importInto(cache.db, {phantom.string()});
    std::vector<long long> leaves;
    long long pageSize = 0;
    {
        CacheDatabase db(cache.db);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db.handle(), "SELECT pageno FROM dbstat WHERE name = 'instances' AND pagetype = 'leaf' ORDER BY path",
                                   -1, &s, nullptr) == SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW)
            leaves.push_back(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        REQUIRE(sqlite3_prepare_v2(db.handle(), "PRAGMA page_size", -1, &s, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(s) == SQLITE_ROW);
        pageSize = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    REQUIRE(leaves.size() >= 3);
    {
        std::fstream f(cache.db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(std::streamoff((leaves[1] - 1) * pageSize));
        const std::string junk(size_t(pageSize), '\xA5');
        f.write(junk.data(), std::streamsize(junk.size()));
    }
    CacheDatabase db(cache.db);  // the edges are whole: it opens
    StudyIndex index(db);
    try {
        index.checkFiles();  // reads every instance row
        FAIL("the damaged page went unnoticed");
    } catch (const CacheDamaged& e) {
        CHECK(std::string(e.what()).find(cache.db) != std::string::npos);
        CHECK(std::string(e.what()).find("damaged") != std::string::npos);
    }
}

TEST_CASE("the study list counts a large study's images without reading each image's row", "[cache]")
{
    // Each instance row carries its frame headers; counting through them read ~240 MB per
    // refresh of the list at 200,000 images. The counts come from an index (schema 10).
    const Cache cache = freshCache("cache-list-counts");
    const auto phantom = cache.folder / "phantom";
    PhantomWriter(PhantomModel(smallPhantom())).write(phantom.string());
    importInto(cache.db, {phantom.string()});
    long long tablePages = 0;
    {
        CacheDatabase db(cache.db);
        db.exec("WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 200) "
                "INSERT INTO instances (series, sop_uid, sop_class, path, transfer_syntax, frames, instance_number, file_size, headers) "
                "SELECT series, sop_uid || '.' || k, sop_class, path || k, transfer_syntax, frames, instance_number, file_size, headers "
                "FROM instances, n");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db.handle(), "SELECT count(*) FROM dbstat WHERE name = 'instances'", -1, &s, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(s) == SQLITE_ROW);
        tablePages = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    REQUIRE(tablePages > 300);
    CacheDatabase db(cache.db);
    int current = 0, highest = 0;
    sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 1);  // counted from here
    const auto rows = StudyIndex(db).studies({});
    sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 0);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].imageCount == 12 * 201);
    INFO(current << " pages read for the list; the instances table has " << tablePages);
    CHECK(current * 10 < tablePages);
}

TEST_CASE("a file that is not a database at all is reported as damaged", "[cache]")
{
    const Cache cache = freshCache("cache-not-db");
    {
        std::ofstream f(cache.db);
        f << std::string(8192, 'x');
    }
    REQUIRE_THROWS_AS(CacheDatabase(cache.db), CacheDamaged);
}

TEST_CASE("a study's series, files and removal", "[cache]")
{
    const Cache cache = freshCache("cache-series");
    const auto phantom = cache.folder / "phantom";
    PhantomOptions o = smallPhantom();
    const PhantomModel model(o);
    PhantomWriter writer(model);
    writer.write(phantom.string());
    importInto(cache.db, {phantom.string()});
    CacheDatabase db(cache.db);
    StudyIndex index(db);
    const auto series = index.seriesOf(writer.identity().studyUid);
    REQUIRE(series.size() == 1);
    REQUIRE(series[0].uid == writer.identity().seriesUid);
    REQUIRE(series[0].imageCount == o.slices);
    REQUIRE(index.filesOf(series[0].uid).size() == size_t(o.slices));
    const auto removed = index.removeStudy(writer.identity().studyUid);
    REQUIRE(removed.size() == size_t(o.slices));
    REQUIRE(index.counts() == IndexCounts{});
    // Linked files are the user's: the store deletes nothing outside itself.
    REQUIRE(CacheFileStore(cache.folder.string()).remove(removed) == 0);
    REQUIRE(std::filesystem::exists(phantom / "IM0001.dcm"));
}

// A small phantom written beside (not in) the cache's store, scanned; its study UID.
ScanResult phantomOutside(const Cache& cache, std::string& studyUid)
{
    PhantomWriter writer{PhantomModel(smallPhantom())};
    writer.write((cache.folder / "outside").string());
    studyUid = writer.identity().studyUid;
    return HeaderScanner().scan({(cache.folder / "outside").string()});
}

TEST_CASE("copy mode keeps the cache's own copies and frees them on removal", "[cache]")
{
    const Cache cache = freshCache("cache-copy");
    const auto phantom = cache.folder / "outside";
    std::string studyUid;
    ScanResult scan = phantomOutside(cache, studyUid);
    const CacheFileStore store(cache.folder.string());
    std::vector<FileError> errors;
    store.copyIn(scan.frames, errors);
    REQUIRE(errors.empty());
    for (const auto& f : scan.frames)
        REQUIRE(store.owns(f.path));
    CacheDatabase db(cache.db);
    StudyIndex index(db);
    index.add(scan.frames);
    std::filesystem::remove_all(phantom);  // the originals may go: the cache has its copies
    REQUIRE(index.checkFiles() == 0);
    long long copiedBytes = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(store.folder()))
        copiedBytes += f.is_regular_file() ? (long long)f.file_size() : 0;
    REQUIRE(copiedBytes > 0);
    REQUIRE(store.remove(index.removeStudy(studyUid)) == copiedBytes);
    size_t left = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(store.folder()))
        left += f.is_regular_file();
    REQUIRE(left == 0);
}

TEST_CASE("move mode (a retrieval's files) renames them into the store: the source is gone, nothing written twice", "[cache]")
{
    const Cache cache = freshCache("cache-move");
    std::string studyUid;
    ScanResult scan = phantomOutside(cache, studyUid);
    const CacheFileStore store(cache.folder.string());
    std::vector<FileError> errors;
    std::vector<std::string> sources;
    for (const auto& f : scan.frames)
        sources.push_back(f.path);
    store.moveIn(scan.frames, errors);
    REQUIRE(errors.empty());
    for (const auto& f : scan.frames) {
        CHECK(store.owns(f.path));
        CHECK(std::filesystem::exists(f.path));
    }
    for (const auto& source : sources)
        CHECK_FALSE(std::filesystem::exists(source));  // moved, not copied

    // The same instance arriving again (a second retrieval): the file in the store stays as it
    // is, the index points at it, and nothing is reported.
    const std::string kept = scan.frames[0].path;
    const auto keptSize = std::filesystem::file_size(kept);
    const auto again = cache.folder / "again.dcm";
    std::ofstream(again) << "not the stored bytes";
    std::vector<FrameHeader> arriving{scan.frames[0]};
    arriving[0].path = again.string();
    store.moveIn(arriving, errors);
    CHECK(errors.empty());
    CHECK(arriving[0].path == kept);
    CHECK(std::filesystem::file_size(kept) == keptSize);

    // Its series' folder deleted meanwhile (the study removed while it arrives): made again.
    std::filesystem::remove_all(std::filesystem::path(kept).parent_path());
    arriving[0].path = again.string();
    store.moveIn(arriving, errors);
    CHECK(errors.empty());
    CHECK(arriving[0].path == kept);
    CHECK(std::filesystem::file_size(kept) == std::string("not the stored bytes").size());
    CHECK_FALSE(std::filesystem::exists(again));
}

TEST_CASE("connections opening a new cache at the same time both get the schema once", "[cache]")
{
    for (int round = 0; round < 20; ++round) {
        const Cache cache = freshCache("cache-race");
        std::string errors[2];
        auto open = [&](int who) {
            try {
                CacheDatabase db(cache.db);
                StudyIndex(db).counts();
            } catch (const std::exception& e) {
                errors[who] = e.what();
            }
        };
        std::thread a(open, 0), b(open, 1);
        a.join();
        b.join();
        REQUIRE(errors[0] == "");
        REQUIRE(errors[1] == "");
        CacheDatabase db(cache.db);
        REQUIRE(db.schemaVersion() == 10);
    }
}
