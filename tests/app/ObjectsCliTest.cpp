// hounsfield-cli with instances that are no image: info lists them under "objects" with their SOP
// class, import keeps them, list counts them, and a study of reports alone is listed.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;

QJsonObject jsonOf(const ProcessResult& r)
{
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}
} // namespace

TEST_CASE("info --json lists SEG, SR and RTSTRUCT series under objects with their SOP class and count", "[cli][objects]")
{
    const QString highdicom = QString::fromStdString((corpus() / "highdicom/data/test_files").string());
    const QString rt = QString::fromStdString((corpus() / "rt-utils/tests/mock_data").string());
    const QJsonObject info = jsonOf(runProcess(cli, {"info", "--json", highdicom, rt}));
    std::map<QString, int> kinds;  // kind -> instances
    int imageSeries = 0;
    for (const QJsonValue p : info["patients"].toArray())
        for (const QJsonValue st : p["studies"].toArray()) {
            imageSeries += int(st["series"].toArray().size());
            for (const QJsonValue o : st["objects"].toArray()) {
                kinds[o["kind"].toString()] += o["instances"].toInt();
                CHECK_FALSE(o["uid"].toString().isEmpty());
                CHECK(o["sop_class"].toString().startsWith("1.2.840.10008.5.1.4.1.1."));
                if (o["kind"] == "SR")
                    CHECK(o["sop_class_name"] == "Comprehensive 3D SR");
                if (o["kind"] == "SEG")
                    CHECK(o["sop_class_name"] == "Segmentation");
            }
        }
    // highdicom: 5 SEGs (binary, overlapping, fractional x2, single-frame) and 2 SRs; rt-utils: 2 RTSTRUCTs.
    CHECK(kinds["SEG"] == 5);
    CHECK(kinds["SR"] == 2);
    CHECK(kinds["RTSTRUCT"] == 2);
    CHECK(imageSeries == 2);  // highdicom's CT, rt-utils' CT
    for (const QJsonValue e : info["errors"].toArray())  // only LICENSE and README files are refused
        CHECK(e["reason"].toString().contains("not a DICOM file"));

    const QString text = runProcess(cli, {"info", rt}).out;
    CHECK(text.contains("RTSTRUCT"));
    CHECK(text.contains("1 x RT Structure Set"));
}

TEST_CASE("import keeps reports alone and list --json counts objects apart from images", "[cli][cache][objects]")
{
    const QString db = QString::fromStdString((scratch("cli-objects") / "cache.db").string());
    const QString reports = QString::fromStdString((corpus() / "tid1500-fhir/examples").string());
    const QString liver = QString::fromStdString((corpus() / "dcmqi/data/segmentations").string());
    jsonOf(runProcess(cli, {"import", reports, liver, "--db", db, "--json"}));
    const QJsonArray studies = jsonOf(runProcess(cli, {"list", "--db", db, "--json"}))["studies"].toArray();
    // The dcmqi liver CT (3 images, 2 SEGs, the 2 dcmqi SRs over it) and the PixelMed SR whose images are elsewhere.
    REQUIRE(studies.size() == 2);
    int reportsOnly = 0;
    for (const QJsonValue s : studies) {
        if (s["images"].toInt() == 0) {
            ++reportsOnly;
            CHECK(s["modalities"] == "SR");
            CHECK(s["objects"].toInt() == 1);
        } else {
            CHECK(s["images"].toInt() == 3);
            CHECK(s["objects"].toInt() == 4);
            CHECK(s["modalities"] == "CT\\SEG\\SR");
        }
    }
    CHECK(reportsOnly == 1);
    const QString text = runProcess(cli, {"list", "--db", db}).out;
    CHECK(text.contains("3 images 4 objects"));
}
