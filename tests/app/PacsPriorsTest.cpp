// Priors on a PACS node (issue 20) against the test Orthanc: `priors --node` finds the patient's
// earlier studies there beside the cache's, ranks them together, and leaves out another
// issuer's patient with the same ID.
#include "ManyStudies.h"
#include "OrthancPeer.h"

#include <QDir>

#include <set>

using namespace hf::test;
using namespace hf::test::orthanc;

TEST_CASE("priors on a node: the patient's earlier studies in Orthanc are found beside the cache's and ranked with them",
          "[pacs][priors]")
{
    // One patient (seed 77): the current study in the cache only, a chest CT prior on Orthanc
    // only, an older chest CT in both, an MR on Orthanc only, and a later study (no prior).
    const QString current = QString::fromStdString(scratch("node-priors-current").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", current, "--size", "32x32x4", "--seed", "77", "--body-part", "CHEST"}).exitCode == 0);
    const QString onNode = storePhantom("node-priors-chest", 77, {"--body-part", "CHEST", "--study-date", "20250101"});
    const QString both = storePhantom("node-priors-both", 77, {"--body-part", "CHEST", "--study-date", "20240101"});
    const QString mr = storePhantom("node-priors-mr", 77, {"--modality", "MR", "--body-part", "CHEST", "--study-date", "20251101"});
    const QString later = storePhantom("node-priors-later", 77, {"--body-part", "CHEST", "--study-date", "20291101"});
    const QString db = QString::fromStdString((scratch("node-priors-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", current, both, "--db", db}).exitCode == 0);

    const ProcessResult local = runProcess(cli, {"priors", "--db", db, "--study", studyOf(current), "--json"});
    REQUIRE(local.exitCode == 0);
    REQUIRE(json(local)["priors"].toArray().size() == 1);  // the cache alone knows one
    CHECK(json(local)["priors"][0]["where"] == "cache");

    for (const QString& node : {dimseNode, webNode}) {
        INFO(node.toStdString());
        const QJsonArray priors = priorsOnNode(db, studyOf(current), node);
        REQUIRE(priors.size() == 3);
        for (const auto& p : priors)
            CHECK(p.toObject()["study"] != studyOf(later));
        CHECK(priors[0]["study"] == studyOf(onNode));  // same modality and body part, the most recent
        CHECK(priors[0]["where"] == "node");
        CHECK(priors[0]["why"] == "same modality and body part");
        CHECK(priors[0]["default"] == true);
        CHECK(priors[0]["body_parts"][0] == "CHEST");  // from the series-level answer
        CHECK(priors[0]["images"] == 4);
        CHECK(priors[1]["study"] == studyOf(both));
        CHECK(priors[1]["where"] == "cache and node");
        CHECK(priors[2]["study"] == studyOf(mr));
        CHECK(priors[2]["why"] == "another modality");
        CHECK(priors[2]["where"] == "node");
    }
    const ProcessResult refused = runProcess(cli, {"priors", "--db", db, "--study", studyOf(current), "--node", "NOBODY@127.0.0.1:1", "--timeout", "2"});
    CHECK(refused.exitCode != 0);
    CHECK(refused.err.contains("127.0.0.1:1"));
}

TEST_CASE("priors on a node: the same Patient ID from another issuer is another patient, not a prior", "[pacs][priors]")
{
    const auto withIssuer = [](const QString& dir, const QString& issuer) {
        for (const QString& file : QDir(dir).entryList({"*.dcm"}, QDir::Files))
            REQUIRE(runProcess("dcmodify", {"-nb", "-i", "(0010,0021)=" + issuer, dir + "/" + file}).exitCode == 0);
    };
    const QStringList size{"--size", "32x32x4", "--seed", "80", "--body-part", "CHEST"};
    const QString current = QString::fromStdString(scratch("issuer-current").string());
    REQUIRE(runProcess(cli, QStringList{"make-phantom", "--out", current} + size).exitCode == 0);
    withIssuer(current, "HOSPITAL-A");
    const QString same = QString::fromStdString(scratch("issuer-same").string());
    const QString other = QString::fromStdString(scratch("issuer-other").string());
    REQUIRE(runProcess(cli, QStringList{"make-phantom", "--out", same} + size + QStringList{"--study-date", "20250101"}).exitCode == 0);
    REQUIRE(runProcess(cli, QStringList{"make-phantom", "--out", other} + size + QStringList{"--study-date", "20240101"}).exitCode == 0);
    withIssuer(same, "HOSPITAL-A");
    withIssuer(other, "HOSPITAL-B");
    for (const QString& dir : {same, other})
        REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), dir}).exitCode == 0);
    const QString db = QString::fromStdString((scratch("issuer-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", current, "--db", db}).exitCode == 0);
    for (const QString& node : {dimseNode, webNode}) {
        INFO(node.toStdString());
        const QJsonArray priors = priorsOnNode(db, studyOf(current), node);
        REQUIRE(priors.size() == 1);
        CHECK(priors[0]["study"] == studyOf(same));
    }
}

TEST_CASE("priors on a node: a patient with more studies than are looked at gets the newest 200, and the answer says so",
          "[pacs][priors]")
{
    // Seed 93: the current study (2026) in the cache only; 201 earlier one-image studies on
    // Orthanc, one a day back from 2025-12-31 - the oldest (2025-06-14) is the one left out.
    const QString current = QString::fromStdString(scratch("many-priors-current").string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", current, "--size", "8x8x1", "--seed", "93", "--study-date", "20260101"}).exitCode == 0);
    storeManyStudies(current + "/IM0001.dcm", QString::fromStdString((scratch("many-priors-earlier") / "studies.zip").string()), 201, "20251231", 93);
    const QString db = QString::fromStdString((scratch("many-priors-cache") / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", current, "--db", db}).exitCode == 0);
    for (const QString& node : {dimseNode, webNode}) {
        INFO(node.toStdString());
        const ProcessResult r = runProcess(cli, {"priors", "--db", db, "--study", studyOf(current), "--node", node, "--json"});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(json(r)["node_truncated"] == true);
        CHECK(r.err.contains("priors: 200 of the patient's studies on the node (the patient has more: only the newest 200 looked at)"));
        const QJsonArray priors = json(r)["priors"].toArray();
        REQUIRE(priors.size() == 200);
        std::set<QString> dates;
        for (const auto& p : priors) {
            CHECK(p.toObject()["where"] == "node");
            dates.insert(p.toObject()["date"].toString());
        }
        CHECK(dates.size() == 200);
        CHECK(*dates.begin() == "20250615");  // the newest 200: 2025-12-31 back to here
        CHECK(*dates.rbegin() == "20251231");
        CHECK(priors[0]["date"] == "20251231");  // the default: the most recent of equals
    }
}
