// Other producers' objects through a real PACS: dcmqi's liver study (CT, two SEGs, two TID 1500
// SRs) sent to Orthanc and retrieved into a fresh cache, by C-GET, C-MOVE and WADO-RS: every
// object arrives, is listed beside the images and is read (segments drawn, reports parsed).
#include "ProcessRunner.h"
#include "ScreenshotRun.h"
#include "TestPaths.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SrDocument.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;
const QString dimseNode = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);
const QString webNode = QString("http://127.0.0.1:%1/dicom-web").arg(HF_ORTHANC_HTTP);
const QString movePort = QString::number(HF_ORTHANC_DICOM + 18);  // the AE Orthanc knows (tests/pacs/orthanc.sh)

QJsonObject jsonOf(const ProcessResult& r)
{
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}
} // namespace

TEST_CASE("a study with foreign SEGs and SRs goes to Orthanc and comes back whole, listed and read", "[pacs][objects]")
{
    // The source cache: the CT with its SEGs and the SRs dcmqi wrote over it.
    const QString sourceDb = QString::fromStdString((scratch("pacs-objects-source") / "cache.db").string());
    jsonOf(runProcess(cli, {"import", QString::fromStdString((corpus() / "dcmqi/data/segmentations").string()),
                            QString::fromStdString((corpus() / "tid1500-fhir/examples/dcmqi/result.dcm").string()),
                            QString::fromStdString((corpus() / "tid1500-fhir/examples/rsna2018_dataset1").string()), "--db", sourceDb, "--json"}));
    const QJsonObject source = jsonOf(runProcess(cli, {"list", "--db", sourceDb, "--json"}))["studies"][0].toObject();
    const QString study = source["uid"].toString();
    REQUIRE(source["images"].toInt() == 3);
    REQUIRE(source["objects"].toInt() == 4);
    const ProcessResult sent = runProcess(cli, {"send", "--node", dimseNode, "--study", study, "--db", sourceDb});
    INFO(sent.err.toStdString());
    REQUIRE(sent.exitCode == 0);
    CHECK(sent.out.contains("7 of 7 instances sent"));

    for (const QStringList& how : {QStringList{"--node", dimseNode, "--method", "get"},
                                   QStringList{"--node", dimseNode, "--method", "move", "--storage-port", movePort},
                                   QStringList{"--node", webNode}}) {
        DYNAMIC_SECTION(how.join(' ').toStdString())
        {
            const auto folder = scratch("pacs-objects-" + QString::number(qHash(how.join(' '))).toStdString());
            const QString db = QString::fromStdString((folder / "cache.db").string());
            const ProcessResult r = runProcess(cli, QStringList{"retrieve", "--study", study, "--db", db} + how);
            INFO(r.err.toStdString());
            REQUIRE(r.exitCode == 0);
            const QJsonObject cached = jsonOf(runProcess(cli, {"list", "--db", db, "--json"}))["studies"][0].toObject();
            CHECK(cached["images"].toInt() == 3);
            CHECK(cached["objects"].toInt() == 4);
            CHECK(cached["modalities"].toString() == "CT\\SEG\\SR");
            // Read as they were written: the SEGs' segments, the SRs' measurement groups.
            hf::CacheDatabase database(db.toStdString());
            const hf::StudyIndex index(database);
            const auto segs = index.filesOfClass(study.toStdString(), "1.2.840.10008.5.1.4.1.1.66.4");
            REQUIRE(segs.size() == 2);
            size_t segments = 0;
            for (const auto& file : segs)
                segments += hf::readSegmentation(file).segments.size();
            CHECK(segments == 1 + 5);  // liver; the five overlapping ones
            const auto reports = index.filesOfClass(study.toStdString(), "1.2.840.10008.5.1.4.1.1.88.");
            REQUIRE(reports.size() == 2);
            for (const auto& file : reports)
                CHECK_FALSE(hf::readSrDocument(file).groups.empty());
        }
    }
    // And drawn: the retrieved study opened in the workstation shows its segments on the CT.
    const auto shotFolder = scratch("pacs-objects-shot");
    const QString db = QString::fromStdString((shotFolder / "cache.db").string());
    jsonOf(runProcess(cli, {"retrieve", "--node", dimseNode, "--study", study, "--db", db, "--json"}));
    const Shot shot = takeScreenshot({"--db", db, "--study", study}, shotFolder);
    bool liverDrawn = false;
    for (const QJsonValue v : shot.description["views"].toArray())
        for (const QJsonValue s : v["segments"].toArray())
            liverDrawn = liverDrawn || (s["label"] == "Liver" && s["pixels"].toInt() > 1000);
    CHECK(liverDrawn);
}

TEST_CASE("sync without --study pulls other producers' objects of every study retrieved from the node", "[pacs][objects][sync]")
{
    // On the node: dcmqi's liver study, CT with SEGs and SRs (sent from a cache of its own).
    const QString sourceDb = QString::fromStdString((scratch("pacs-sync-objects-source") / "cache.db").string());
    jsonOf(runProcess(cli, {"import", QString::fromStdString((corpus() / "dcmqi/data/segmentations").string()),
                            QString::fromStdString((corpus() / "tid1500-fhir/examples/dcmqi/result.dcm").string()),
                            QString::fromStdString((corpus() / "tid1500-fhir/examples/rsna2018_dataset1").string()), "--db", sourceDb, "--json"}));
    const QString study = jsonOf(runProcess(cli, {"list", "--db", sourceDb, "--json"}))["studies"][0]["uid"].toString();
    REQUIRE(runProcess(cli, {"send", "--node", dimseNode, "--study", study, "--db", sourceDb}).exitCode == 0);
    QString ctSeries;
    for (const QJsonValue s : jsonOf(runProcess(cli, {"find", "--node", dimseNode, "--study", study, "--json"}))["series"].toArray())
        if (s["modality"] == "CT")
            ctSeries = s["series_uid"].toString();
    REQUIRE_FALSE(ctSeries.isEmpty());

    // A fresh cache that brought only the CT: no objects yet.
    const QString db = QString::fromStdString((scratch("pacs-sync-objects") / "cache.db").string());
    jsonOf(runProcess(cli, {"retrieve", "--node", dimseNode, "--study", study, "--series", ctSeries, "--db", db, "--json"}));
    CHECK(jsonOf(runProcess(cli, {"list", "--db", db, "--json"}))["studies"][0]["objects"].toInt() == 0);
    // The sync of everything pulls the study's objects from the node it came from.
    const QJsonObject synced = jsonOf(runProcess(cli, {"sync", "--node", dimseNode, "--db", db, "--json"}));
    CHECK(synced["pulled_objects"].toInt() == 4);
    CHECK(synced["failed"].toInt() == 0);
    const QJsonObject cached = jsonOf(runProcess(cli, {"list", "--db", db, "--json"}))["studies"][0].toObject();
    CHECK(cached["objects"].toInt() == 4);
    CHECK(cached["images"].toInt() == 3);
    // Again: nothing new, and the SEG series (all here already) are not fetched again.
    const QJsonObject again = jsonOf(runProcess(cli, {"sync", "--node", dimseNode, "--db", db, "--json"}));
    CHECK(again["pulled_objects"].toInt() == 0);
    CHECK(again["skipped_series"].toInt() == 2);
}
