#pragma once
// The test Orthanc (ctest fixture "pacs: start Orthanc") as the main-window tests configure and
// clean it.
#include "MainWindowFixture.h"
#include "MainWindow.h"
#include "NodeSettings.h"
#include "ProcessRunner.h"

#include "hf/dicomio/net/PacsNode.h"
#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTableView>
#include <QTest>

#include <memory>

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

// A phantom made with `phantomArgs` (make-phantom's) in `source`, stored on the test Orthanc;
// its Study Instance UID.
inline QString storeOnTestPacs(const QString& source, const QStringList& phantomArgs)
{
    REQUIRE(runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", source} + phantomArgs).exitCode == 0);
    const QString study = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", source, "--json"}).out.toUtf8())
                              .object()["patients"][0]["studies"][0]["uid"]
                              .toString();
    forgetOnTestPacs(study);  // the same UIDs in another size may be there from a run before
    REQUIRE(runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), source}).exitCode == 0);
    return study;
}

// A 1x1 main window on a fresh cache in `folder` whose study list shows the test Orthanc.
struct RemoteListWindow {
    explicit RemoteListWindow(const std::string& folder)
    {
        options.db = QString::fromStdString(folder + "/cache.db");
        options.size = QSize(900, 600);
        station = stationFor(options, presets);
        window = std::make_unique<gui::MainWindow>(*station, options);
        window->setLayoutName("1x1");
        window->show();
        REQUIRE(QTest::qWaitForWindowExposed(window.get()));
        useTestPacs(*window);
        list = window->findChild<StudyListWidget*>();
        REQUIRE(list);
        list->setSource("Test PACS");
        table = list->table();
    }
    const gui::PresetLibrary presets;
    gui::GuiOptions options;
    std::unique_ptr<gui::Workstation> station;
    std::unique_ptr<gui::MainWindow> window;
    StudyListWidget* list = nullptr;
    QTableView* table = nullptr;
};

// The row of the study in a study list's table (-1: not listed).
inline int rowOfStudy(const QTableView& table, const QString& studyUid)
{
    for (int r = 0; r < table.model()->rowCount(); ++r)
        if (table.model()->index(r, 0).data(StudyListModel::StudyUidRole).toString() == studyUid)
            return r;
    return -1;
}

} // namespace hf::test
