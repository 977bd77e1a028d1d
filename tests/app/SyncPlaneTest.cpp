// Measurements off the acquired images through a real Orthanc (the "pacs: start Orthanc"
// fixture): an MPR-plane ellipse, an oblique slab length and a path travel in our SR as SCOORD3D
// with their plane, and come back into a wiped cache with their values.
#include "SyncPeer.h"

#include <cmath>

using namespace hf::test;

TEST_CASE("sync round trip keeps an MPR annotation's plane (SCOORD3D only) and its values", "[pacs][sync][plane]")
{
    const PhantomStudy p = makePhantom("sync-plane", 37, true);
    const QString dbA = newCache("sync-plane-a", p);
    const QString z = QString::number(p.sliceZ);
    // A coronal ellipse and a length on an oblique MIP slab, both through the volume's middle.
    const QJsonObject ellipse = cliJson({"annotate", "--db", dbA, "--series", p.seriesUid, "--kind", "ellipse", "--points",
                                         QString("-6,0,%1;6,0,%2").arg(p.sliceZ - 3).arg(p.sliceZ + 3), "--plane",
                                         QString("0,0,%1;1,0,0;0,0,-1").arg(z), "--json"});
    const QJsonObject line = cliJson({"annotate", "--db", dbA, "--series", p.seriesUid, "--kind", "length", "--points",
                                      QString("-5,-5,%1;5,5,%2").arg(z).arg(p.sliceZ + 2), "--plane",
                                      QString("0,0,%1;1,1,0;0,0,-1").arg(z), "--slab", "mip 4", "--json"});
    // A path through the volume, across slices.
    const QJsonObject path = cliJson({"annotate", "--db", dbA, "--series", p.seriesUid, "--kind", "path", "--points",
                                      QString("-5,-5,%1;0,3,%2;5,-2,%3").arg(p.sliceZ - 2).arg(z).arg(p.sliceZ + 2), "--json"});
    CHECK(path["calibration"].toString() == "patient space, along the path");
    CHECK(ellipse["calibration"].toString().startsWith("patient space, "));
    CHECK(line["values"][0]["value"].toDouble() == Approx(std::sqrt(200.0 + 4)));
    CHECK(line["plane"]["slab_mode"].toString() == "mip");
    QJsonObject synced = cliJson({"sync", "--node", node, "--db", dbA, "--json"});
    CHECK(synced["failed"].toInt() == 0);

    const QStringList ids = instancesOn(HF_ORTHANC_HTTP, p.studyUid, "SR");
    REQUIRE(ids.size() == 1);
    const QString file = download(HF_ORTHANC_HTTP, ids.front(), scratch("sync-plane-objects"));
    const ProcessResult verified = runProcess("dciodvfy", {file});
    CHECK_FALSE(verified.err.contains("Error"));
    const ProcessResult dumped = runProcess("dsrdump", {file});
    CHECK(dumped.exitCode == 0);
    // In patient space only: an ellipse by its axes, the line as a polyline; no region on an image.
    CHECK(dumped.out.count("SCOORD3D:(,,\"Image Region\")=(ELLIPSE,") == 1);
    CHECK(dumped.out.count("SCOORD3D:(,,\"Image Region\")=(POLYLINE,") == 2);  // the line and the path
    CHECK_FALSE(dumped.out.contains("SCOORD:("));
    CHECK(dumped.out.contains("patient space"));

    const QString dbB = QString::fromStdString((scratch("sync-plane-b") / "cache.db").string());
    REQUIRE(runProcess(cli, {"retrieve", "--node", node, "--study", p.studyUid, "--db", dbB}).exitCode == 0);
    synced = cliJson({"sync", "--node", node, "--db", dbB, "--study", p.studyUid, "--json"});
    CHECK(synced["failed"].toInt() == 0);
    const QJsonArray a = cliJson({"annotations", "--db", dbA, "--json"})["annotations"].toArray();
    const QJsonArray b = cliJson({"annotations", "--db", dbB, "--json"})["annotations"].toArray();
    REQUIRE(a.size() == 3);
    REQUIRE(b.size() == 3);
    for (int i = 0; i < 3; ++i) {
        INFO(a[i]["kind"].toString().toStdString());
        CHECK(b[i]["id"] == a[i]["id"]);
        CHECK(b[i]["points"] == a[i]["points"]);
        CHECK(b[i]["plane"] == a[i]["plane"]);
        CHECK(b[i]["summary"] == a[i]["summary"]);  // measured again on the retrieved volume
        CHECK(b[i]["calibration"] == a[i]["calibration"]);
    }
}
