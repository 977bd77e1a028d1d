// Instances with no image to stack (SR, SEG, RTSTRUCT from other producers) are indexed beside the
// images: counted in the study list, listed per series with their SOP class, never opened as images.
#include "TestPaths.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SopClasses.h"
#include "hf/dicomio/StackBuilder.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace hf;
using namespace hf::test;

namespace {

const std::string kRtStruct = "1.2.840.10008.5.1.4.1.1.481.3";
const std::string kCtImage = "1.2.840.10008.5.1.4.1.1.2";
const std::string kSegmentation = "1.2.840.10008.5.1.4.1.1.66.4";

const StudyRow* studyWith(const std::vector<StudyRow>& rows, const std::string& modality)
{
    for (const StudyRow& r : rows)
        if (r.modalities.find(modality) != std::string::npos)
            return &r;
    return nullptr;
}

} // namespace

TEST_CASE("a MIM RTSTRUCT is an object of its CT's study, not an image and not an error", "[cache][objects]")
{
    // rt-utils/tests/mock_data: two CT slices and the RTSTRUCT drawn on them.
    const ScanResult scan = HeaderScanner().scan({(corpus() / "rt-utils/tests/mock_data").string()});
    std::map<std::string, int> objectClasses;
    for (const FrameHeader& o : scan.objects) {
        ++objectClasses[o.sopClassUid];
        CHECK(o.framesInFile == 0);
        CHECK(o.rows == 0);
        CHECK(o.modality == "RTSTRUCT");
        CHECK_FALSE(o.studyUid.empty());
        CHECK_FALSE(o.sopInstanceUid.empty());
    }
    CHECK(objectClasses[kRtStruct] == 2);  // rt.dcm and non_existent_reference_rt.dcm
    CHECK(scan.frames.size() == 2);
    for (const FrameHeader& f : scan.frames)
        CHECK(f.sopClassUid == kCtImage);
    for (const FileError& e : scan.errors)  // only the folder's non-DICOM files are refused
        CHECK(e.reason.find("not a DICOM file") != std::string::npos);

    const StudyTree tree = StackBuilder().build(scan.frames, scan.objects);
    REQUIRE(tree.patients.size() == 1);
    const Study& study = tree.patients[0].studies.at(0);
    CHECK(study.series.size() == 1);
    REQUIRE(study.objects.size() == 2);  // each RTSTRUCT its own series
    for (const ObjectSeries& o : study.objects) {
        CHECK(o.sopClassUid == kRtStruct);
        CHECK(o.modality == "RTSTRUCT");
        CHECK(o.instances.size() == 1);
    }
    CHECK(sopClassInfo(kRtStruct).kind == "RTSTRUCT");
    CHECK(sopClassInfo(kRtStruct).name == "RT Structure Set");
}

TEST_CASE("the cache keeps SEGs, SRs and RTSTRUCTs beside their images and counts them apart", "[cache][objects]")
{
    const auto folder = scratch("objects-import");
    CacheDatabase db((folder / "cache.db").string());
    const auto dcmqi = corpus() / "dcmqi";
    const auto rt = corpus() / "rt-utils/tests/mock_data";
    const ImportResult imported = CacheImporter(db).import({dcmqi.string(), rt.string()});
    CHECK(imported.scan.frames.size() == 3 + 2);  // the liver CT's 3 slices, the phantom CT's 2
    CHECK(imported.scan.objects.size() == 2 + 2);  // 2 SEGs, 2 RTSTRUCTs
    CHECK(imported.added.instances == 3 + 2 + 2 + 2);

    StudyIndex index(db);
    const auto rows = index.studies();
    const StudyRow* liver = studyWith(rows, "SEG");
    const StudyRow* phantom = studyWith(rows, "RTSTRUCT");
    REQUIRE(liver);
    REQUIRE(phantom);
    CHECK(liver->modalities == "CT\\SEG");
    CHECK(liver->imageCount == 3);
    CHECK(liver->objectCount == 2);
    CHECK(phantom->imageCount == 2);
    CHECK(phantom->objectCount == 2);

    // Per series: the SEGs are objects with their class, the CT the only series with files to open.
    int objectSeries = 0;
    for (const SeriesRow& s : index.seriesOf(liver->study.uid)) {
        INFO("series " << s.uid << " " << s.modality);
        if (s.modality == "SEG") {
            ++objectSeries;
            CHECK(s.imageCount == 0);
            CHECK(s.objectCount == 1);
            CHECK(s.objectClass == kSegmentation);
            CHECK(index.filesOf(s.uid).empty());
            CHECK(index.headersOf(s.uid).frames.empty());
            CHECK(index.headersOf(s.uid).unscanned.empty());
            CHECK_THROWS_AS(cachedScan(db, s.uid), std::invalid_argument);
        } else {
            CHECK(s.modality == "CT");
            CHECK(s.imageCount == 3);
            CHECK(s.objectCount == 0);
            CHECK(index.filesOf(s.uid).size() == 3);
            CHECK(cachedScan(db, s.uid).frames.size() == 3);
        }
    }
    CHECK(objectSeries == 2);
    // Sending the study sends its objects too.
    CHECK(index.instancesOfStudy(liver->study.uid).size() == 5);

    // A study that has nothing but objects is listed too (a report sent without its images).
    const auto alone = scratch("objects-alone");
    CacheDatabase reportsOnly((alone / "cache.db").string());
    CacheImporter(reportsOnly).import({(corpus() / "tid1500-fhir/examples/rsna2018_dataset4").string()});
    const auto reports = StudyIndex(reportsOnly).studies();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].modalities == "SR");
    CHECK(reports[0].imageCount == 0);
    CHECK(reports[0].objectCount == 1);
}

TEST_CASE("an image storage class without its pixel module is still refused by name", "[cache][objects]")
{
    // pydicom's TINY_ALPHA: CT Image Storage headers whose Image Pixel module was stripped.
    const std::string file = "/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests/TINY_ALPHA/PT000000/"
                             "ST000000/SE000000/IM000011";
    REQUIRE(std::ifstream(file).good());  // python3-pydicom is a test dependency
    const ScanResult scan = HeaderScanner().scan({file});
    CHECK(scan.frames.empty());
    CHECK(scan.objects.empty());
    REQUIRE(scan.errors.size() == 1);
    CHECK(scan.errors[0].file == file);
    CHECK(scan.errors[0].reason.find("no image") != std::string::npos);
    CHECK(scan.errors[0].reason.find(kCtImage) != std::string::npos);
}

TEST_CASE("a cache of schema 6 turns its indexed segmentations into objects", "[cache][objects]")
{
    const auto folder = scratch("objects-migrate");
    const std::string path = (folder / "cache.db").string();
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        for (const char* file : {"001-initial.sql", "002-annotations.sql", "003-sync.sql", "004-retrievals.sql", "005-sync-node.sql",
                                 "006-instance-headers.sql"}) {
            std::ifstream in(std::string(HF_SOURCE_DIR) + "/annotations/schema/" + file);
            std::stringstream sql;
            sql << in.rdbuf();
            REQUIRE(sqlite3_exec(raw, sql.str().c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        // A SEG and a CT image as schema 6 indexed them: both with frames.
        const std::string rows =
            "INSERT INTO patients (id, patient_id, name) VALUES (1, 'P1', 'DOE^JANE');"
            "INSERT INTO studies (id, patient, study_uid) VALUES (1, 1, '1.2.3');"
            "INSERT INTO series (id, study, series_uid, modality) VALUES (1, 1, '1.2.3.1', 'CT'), (2, 1, '1.2.3.2', 'SEG');"
            "INSERT INTO instances (series, sop_uid, sop_class, path, frames) VALUES "
            "(1, '1.2.3.1.1', '" + kCtImage + "', '/a/ct.dcm', 1), (2, '1.2.3.2.1', '" + kSegmentation + "', '/a/seg.dcm', 5);"
            "PRAGMA user_version = 6;";
        REQUIRE(sqlite3_exec(raw, rows.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    CacheDatabase db(path);
    CHECK(db.schemaVersion() == 10);
    const auto series = StudyIndex(db).seriesOf("1.2.3");
    REQUIRE(series.size() == 2);
    CHECK(series[0].imageCount == 1);
    CHECK(series[0].objectCount == 0);
    CHECK(series[1].imageCount == 0);
    CHECK(series[1].objectCount == 1);
    CHECK(series[1].objectClass == kSegmentation);
}
