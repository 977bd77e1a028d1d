// Finding a study's priors in the cache (issue 20, first part): the patient's earlier studies,
// the same modality and body part first, then the same modality, then the rest, the most recent
// first within each; a later study is not a prior.
#include "ScreenshotRun.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hf::test;

namespace {

QString studyOf(const QString& folder)
{
    const ProcessResult r = runProcess(HF_CLI_EXE, {"info", "--json", folder});
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object()["patients"][0]["studies"][0]["uid"].toString();
}

} // namespace

TEST_CASE("priors lists the patient's earlier studies, the most relevant first", "[cli][priors]")
{
    const QStringList common{"--size", "32x32x4", "--seed", "21"};
    const QString current = makePhantom("priors-current", common + QStringList{"--body-part", "CHEST"});
    const QString chest = makePhantom("priors-chest", common + QStringList{"--body-part", "CHEST", "--study-date", "20250101"});
    const QString head = makePhantom("priors-head", common + QStringList{"--body-part", "HEAD", "--study-date", "20251201"});
    const QString mr = makePhantom("priors-mr", common + QStringList{"--modality", "MR", "--body-part", "CHEST", "--study-date", "20251101"});
    const QString later = makePhantom("priors-later", common + QStringList{"--body-part", "CHEST", "--study-date", "20270101"});
    const QString other = makePhantom("priors-other-patient", {"--size", "32x32x4", "--seed", "22", "--study-date", "20250601"});
    const QString db = QString::fromStdString((scratch("priors-cache") / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", current, chest, head, mr, later, other, "--db", db}).exitCode == 0);

    const ProcessResult r = runProcess(HF_CLI_EXE, {"priors", "--db", db, "--study", studyOf(current), "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonArray priors = QJsonDocument::fromJson(r.out.toUtf8()).object()["priors"].toArray();
    REQUIRE(priors.size() == 3);  // not the later study, not the other patient's
    CHECK(priors[0]["study"] == studyOf(chest));
    CHECK(priors[0]["why"] == "same modality and body part");
    CHECK(priors[0]["default"] == true);
    CHECK(priors[0]["date"] == "20250101");
    CHECK(priors[1]["study"] == studyOf(head));  // more recent, but another body part
    CHECK(priors[1]["why"] == "same modality");
    CHECK(priors[2]["study"] == studyOf(mr));
    CHECK(priors[2]["why"] == "another modality");
    CHECK(priors[2]["default"] == false);

    // The oldest study has none.
    const ProcessResult none = runProcess(HF_CLI_EXE, {"priors", "--db", db, "--study", studyOf(chest)});
    CHECK(none.exitCode == 0);
    CHECK(none.out.contains("no earlier study"));
}
