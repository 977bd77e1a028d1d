#pragma once
// The test Orthanc (ctest fixture "pacs: start Orthanc", tests/pacs/orthanc.sh) as the CLI tests
// reach it: its two node addresses, a phantom stored into it, and what `hounsfield-cli` says.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <string>

namespace hf::test::orthanc {

inline const QString cli = HF_CLI_EXE;
inline const QString dimseNode = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);
inline const QString webNode = QString("http://127.0.0.1:%1/dicom-web").arg(HF_ORTHANC_HTTP);

inline QJsonObject json(const ProcessResult& r) { return QJsonDocument::fromJson(r.out.toUtf8()).object(); }

// A 32x32x4 phantom of this seed (and extra make-phantom options) written and stored in Orthanc.
inline QString storePhantom(const std::string& name, int seed, const QStringList& extra = {})
{
    const QString dir = QString::fromStdString(scratch(name).string());
    REQUIRE(runProcess(cli, QStringList{"make-phantom", "--out", dir, "--size", "32x32x4", "--seed", QString::number(seed)} + extra)
                .exitCode == 0);
    REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), dir}).exitCode == 0);
    return dir;
}

inline QString studyOf(const QString& dir)
{
    return json(runProcess(cli, {"info", dir, "--json"}))["patients"][0]["studies"][0]["uid"].toString();
}

// `priors --node NODE --json`: the priors found.
inline QJsonArray priorsOnNode(const QString& db, const QString& studyUid, const QString& node)
{
    const ProcessResult r = runProcess(cli, {"priors", "--db", db, "--study", studyUid, "--node", node, "--json"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(json(r)["node_truncated"] == false);  // these patients have a few studies, all asked for
    return json(r)["priors"].toArray();
}

// Orthanc's REST API: the answer as JSON.
inline QJsonDocument restCall(const QString& method, const QString& path, const QByteArray& body = {})
{
    QStringList args{"-s", "-X", method, QString("http://127.0.0.1:%1").arg(HF_ORTHANC_HTTP) + path};
    if (!body.isEmpty())
        args << "--data-binary" << QString::fromUtf8(body);
    const ProcessResult r = runProcess("curl", args);
    INFO(path.toStdString() << ": " << r.out.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8());
}

// One element of a file as dcmdump prints it ("0008,0018"), without the brackets.
inline QString tagOf(const QString& file, const char* tag)
{
    return runProcess("dcmdump", {"-q", "-Un", "+P", tag, file}).out.section('[', 1).section(']', 0, 0);
}

} // namespace hf::test::orthanc
