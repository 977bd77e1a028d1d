#pragma once
// What the annotation sync tests against Orthanc share: the CLI run for its JSON, Orthanc's REST
// API (lookups, downloads, deletions), a phantom study stored in Orthanc and imported into a
// cache of its own, annotations made through the CLI.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace hf::test {

inline const QString cli = HF_CLI_EXE;
inline const QString node = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);

inline QJsonObject cliJson(const QStringList& args)
{
    const ProcessResult r = runProcess(cli, args);
    INFO(args.join(' ').toStdString() << "\n" << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

inline QJsonValue orthanc(int httpPort, const QString& path, const QString& postBody = {})
{
    QStringList args{"-sf", QString("http://127.0.0.1:%1%2").arg(httpPort).arg(path)};
    if (!postBody.isNull())
        args += {"-X", "POST", "--data-binary", postBody};
    const ProcessResult r = runProcess("curl", args);
    REQUIRE(r.exitCode == 0);
    const QJsonDocument d = QJsonDocument::fromJson(r.out.toUtf8());
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

// Orthanc's ids of a study's instances of one modality.
inline QStringList instancesOn(int httpPort, const QString& studyUid, const QString& modality)
{
    QStringList ids;
    for (const QJsonValue& hit : orthanc(httpPort, "/tools/lookup", studyUid).toArray()) {
        if (hit["Type"].toString() != "Study")
            continue;
        for (const QJsonValue& series : orthanc(httpPort, "/studies/" + hit["ID"].toString() + "/series").toArray())
            if (series["MainDicomTags"]["Modality"].toString() == modality)
                for (const QJsonValue& i : series["Instances"].toArray())
                    ids << i.toString();
    }
    return ids;
}

inline QString download(int httpPort, const QString& instanceId, const std::filesystem::path& folder)
{
    const QString path = QString::fromStdString((folder / (instanceId.toStdString() + ".dcm")).string());
    REQUIRE(runProcess("curl", {"-sf", "-o", path, QString("http://127.0.0.1:%1/instances/%2/file").arg(httpPort).arg(instanceId)})
                .exitCode == 0);
    return path;
}

// Tests can run again on the same server: the phantom's UIDs follow its seed.
inline void forgetStudy(int httpPort, const QString& studyUid)
{
    for (const QJsonValue& hit : orthanc(httpPort, "/tools/lookup", studyUid).toArray())
        if (hit["Type"].toString() == "Study")
            runProcess("curl", {"-sf", "-X", "DELETE", QString("http://127.0.0.1:%1/studies/%2").arg(httpPort).arg(hit["ID"].toString())});
}

struct PhantomStudy {
    QString folder, studyUid, seriesUid;
    double sliceZ = 0;  // the z of slice 3
};

inline PhantomStudy makePhantom(const std::string& name, int seed, bool storeInOrthanc)
{
    PhantomStudy p;
    p.folder = QString::fromStdString(scratch(name).string());
    REQUIRE(runProcess(cli, {"make-phantom", "--out", p.folder, "--size", "32x32x6", "--seed", QString::number(seed)}).exitCode == 0);
    const QJsonObject info = cliJson({"info", p.folder, "--json"});
    const QJsonObject study = info["patients"][0]["studies"][0].toObject();
    p.studyUid = study["uid"].toString();
    p.seriesUid = study["series"][0]["uid"].toString();
    const QJsonObject stack = study["series"][0]["stacks"][0].toObject();
    p.sliceZ = stack["origin"][2].toDouble() + 3 * stack["spacing"][2].toDouble();
    forgetStudy(HF_ORTHANC_HTTP, p.studyUid);
    if (storeInOrthanc)
        REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), p.folder}).exitCode == 0);
    return p;
}

inline QString newCache(const std::string& name, const PhantomStudy& p)
{
    const QString db = QString::fromStdString((scratch(name) / "cache.db").string());
    REQUIRE(runProcess(cli, {"import", p.folder, "--db", db}).exitCode == 0);
    return db;
}

inline QJsonObject annotate(const QString& db, const PhantomStudy& p, const QString& kind, const QString& points, const QString& text = {})
{
    QStringList args{"annotate", "--db", db, "--series", p.seriesUid, "--kind", kind, "--points", points, "--json", "--author", "reader"};
    if (!text.isEmpty())
        args += {"--text", text};
    return cliJson(args);
}

inline QString at(const PhantomStudy& p, const std::vector<std::pair<double, double>>& xy)
{
    QStringList points;
    for (const auto& [x, y] : xy)
        points << QString("%1,%2,%3").arg(x).arg(y).arg(p.sliceZ);
    return points.join(';');
}

} // namespace hf::test
