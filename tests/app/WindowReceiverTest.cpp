// The receiver inside the workstation (issue 23): a configured node's push is indexed and shown
// new in the study list; others are refused; the C-MOVE port is refused as its port.
#include "MainWindowFixture.h"
#include "TestPacsNode.h"

#include "ReceiverService.h"
#include "Workstation.h"

#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QFont>
#include <QTableView>
#include <QTest>

using namespace hf;
using namespace hf::test;

TEST_CASE("the workstation's receiver takes a configured node's push, and the study list shows it new with its count",
          "[gui][mainwindow][receiver]")
{
    const std::string folder = scratch("mainwindow-receiver").string();
    const QString study = QString::fromStdString(folder + "/study");
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"make-phantom", "--out", study, "--size", "32x32x6", "--seed", "92"}).exitCode == 0);
    gui::GuiOptions options;
    options.db = QString::fromStdString(folder + "/cache.db");
    options.size = QSize(900, 600);
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    constexpr int kReceiverPort = 14302;
    gui::NodeSettings nodes;
    nodes.nodes = {testPacs()};  // AE title ORTHANC: the one caller accepted
    nodes.receiverPort = kReceiverPort;
    window.setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());
    CHECK(t.station->receiverProblem().isEmpty());

    const ProcessResult pushed = hf::test::runProcess("storescu", {"-aet", "ORTHANC", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1",
                                                                   QString::number(kReceiverPort), study});
    INFO(pushed.err.toStdString());
    REQUIRE(pushed.exitCode == 0);
    StudyListWidget* list = window.findChild<StudyListWidget*>();
    REQUIRE(list);
    QTableView* table = list->table();
    // The study appears in the local list, marked new with the count received.
    REQUIRE(QTest::qWaitFor([&] {
        return table->model()->rowCount() == 1 &&
               table->model()->index(0, StudyListModel::PatientName).data().toString() == "new (6)  PHANTOM HOUNSFIELD";
    }, 15000));
    CHECK(table->model()->index(0, StudyListModel::ImageCount).data().toInt() == 6);
    CHECK(table->model()->index(0, StudyListModel::PatientName).data(Qt::FontRole).value<QFont>().bold());
    CHECK(table->model()->index(0, StudyListModel::PatientName).data(Qt::UserRole).toString() == "PHANTOM^HOUNSFIELD");  // sorted by the name

    // Another caller is refused; the port set to the C-MOVE one is refused by name.
    const ProcessResult stranger = hf::test::runProcess("storescu", {"-aet", "STRANGER", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1",
                                                                     QString::number(kReceiverPort), study});
    CHECK(stranger.exitCode != 0);
    nodes.receiverPort = nodes.storagePort;
    window.setNodeSettings(nodes);
    CHECK_FALSE(t.station->receiver().listening());
    CHECK(t.station->receiverProblem().contains("C-MOVE storage port"));
    nodes.receiverPort = 0;
    window.setNodeSettings(nodes);
}
