#pragma once
// The test Orthanc (ctest fixture "pacs: start Orthanc") as the main-window tests configure and
// clean it.
#include "MainWindow.h"
#include "NodeSettings.h"
#include "ProcessRunner.h"

#include "hf/dicomio/net/PacsNode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace hf::test {

// The test Orthanc (ctest fixture "pacs: start Orthanc") as a configured DIMSE node.
inline PacsNode testPacs()
{
    PacsNode n;
    n.name = "Test PACS";
    n.calledAeTitle = "ORTHANC";
    n.host = "127.0.0.1";
    n.port = HF_ORTHANC_DICOM;
    return n;
}

// The test Orthanc as the window's one PACS node.
inline void useTestPacs(gui::MainWindow& window)
{
    gui::NodeSettings nodes;
    nodes.nodes = {testPacs()};
    window.setNodeSettings(nodes);
}

// The phantom's UIDs are always the same: forget what an earlier run left on the test Orthanc.
inline void forgetOnTestPacs(const QString& studyUid)
{
    const auto found = QJsonDocument::fromJson(
        hf::test::runProcess("curl", QStringList{"-sf", "-X", "POST", "--data-binary", studyUid,
                                                 QString("http://127.0.0.1:%1/tools/lookup").arg(HF_ORTHANC_HTTP)})
            .out.toUtf8());
    for (const QJsonValue hit : found.array())
        hf::test::runProcess("curl", QStringList{"-sf", "-X", "DELETE",
                                                 QString("http://127.0.0.1:%1/studies/%2").arg(HF_ORTHANC_HTTP).arg(hit["ID"].toString())});
}

} // namespace hf::test
