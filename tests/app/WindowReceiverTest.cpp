// The receiver inside the workstation (issue 23): a configured node's push is indexed and shown
// new in the study list; others are refused; the C-MOVE port is refused as its port; over TLS,
// only clients of the trusted CA; Settings says whether the port is free and what to tell the PACS;
// four senders at once are all taken while the window keeps answering.
#include "MainWindowFixture.h"
#include "StackDump.h"
#include "TestPacsNode.h"

#include "NodeSettingsDialog.h"
#include "ReceiverService.h"
#include "Workstation.h"

#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hf;
using namespace hf::test;

namespace {

// A phantom study to push, in a scratch folder beside the window's cache.
QString studyToPush(const std::string& folder, const QString& size, int seed)
{
    const QString study = QString::fromStdString(folder + "/study");
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"make-phantom", "--out", study, "--size", size, "--seed", QString::number(seed)}).exitCode == 0);
    return study;
}

gui::GuiOptions windowOn(const std::string& folder)
{
    gui::GuiOptions options;
    options.db = QString::fromStdString(folder + "/cache.db");
    options.size = QSize(900, 600);
    return options;
}

} // namespace

TEST_CASE("the workstation's receiver takes a configured node's push, and the study list shows it new with its count",
          "[gui][mainwindow][receiver]")
{
    const std::string folder = scratch("mainwindow-receiver").string();
    const QString study = studyToPush(folder, "32x32x6", 92);
    TestWindow t(windowOn(folder));
    gui::MainWindow& window = *t.window;
    const NodeSettingsKept kept(window, *t.station);
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

    // While the cache's disk has less free than is kept (Settings), a push is refused and the
    // status line says why; nothing is added.
    nodes.keepFreeMb = 2000000000;  // MB: more than any disk has
    window.setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());
    const ProcessResult refused = hf::test::runProcess("storescu", {"-nh", "-aet", "ORTHANC", "-aec", "HOUNSFIELD", "+sd", "127.0.0.1",
                                                                    QString::number(kReceiverPort), study});
    const auto statusSays = [&](const QString& start) {
        for (const QLabel* label : window.statusBar()->findChildren<QLabel*>())
            if (label->text().startsWith(start))
                return label->text();
        return QString();
    };
    const QString expected = "The receiver has refused 6 instance(s) so far: the disk holding " + QString::fromStdString(folder) + "/received has ";
    REQUIRE(QTest::qWaitFor([&] { return !statusSays(expected).isEmpty(); }, 15000));
    CHECK(statusSays(expected).endsWith("less than the 2000000000 MB kept free"));
    CHECK(table->model()->rowCount() == 1);
    CHECK(table->model()->index(0, StudyListModel::ImageCount).data().toInt() == 6);
    nodes.keepFreeMb = 1024;

    nodes.receiverPort = nodes.storagePort;
    window.setNodeSettings(nodes);
    CHECK_FALSE(t.station->receiver().listening());
    CHECK(t.station->receiverProblem().contains("C-MOVE storage port"));
    nodes.receiverPort = 0;
    window.setNodeSettings(nodes);
}

TEST_CASE("the workstation's receiver over DICOM TLS: a client of the trusted CA stores, a clear-text sender is refused",
          "[gui][mainwindow][receiver][tls]")
{
    const std::string folder = scratch("mainwindow-receiver-tls").string();
    const QString certs = QString::fromStdString(folder + "/certs");
    REQUIRE(hf::test::runProcess("bash", {QString(HF_SOURCE_DIR) + "/tests/pacs/make-certs.sh", certs}).exitCode == 0);
    const QString study = studyToPush(folder, "16x16x3", 93);
    TestWindow t(windowOn(folder));
    constexpr int kReceiverPort = 14305;
    gui::NodeSettings nodes;
    nodes.receiverPort = kReceiverPort;
    nodes.receiverAcceptsAny = true;
    nodes.receiverTls = {(certs + "/server.pem").toStdString(), (certs + "/server.key").toStdString(), (certs + "/ca.pem").toStdString()};
    t.window->setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());

    const QString port = QString::number(kReceiverPort);
    const ProcessResult clear = hf::test::runProcess("storescu", {"-aec", "HOUNSFIELD", "+sd", "127.0.0.1", port, study});
    CHECK(clear.exitCode != 0);
    const ProcessResult secure = hf::test::runProcess("storescu", {"+tls", certs + "/client.key", certs + "/client.pem", "+cf", certs + "/ca.pem",
                                                                   "-aec", "HOUNSFIELD", "+sd", "127.0.0.1", port, study});
    INFO(secure.err.toStdString());
    REQUIRE(secure.exitCode == 0);
    QTableView* table = t.window->findChild<StudyListWidget*>()->table();
    REQUIRE(QTest::qWaitFor([&] {
        return table->model()->rowCount() == 1 && table->model()->index(0, StudyListModel::ImageCount).data().toInt() == 3;
    }, 15000));

    // Settings > PACS nodes says the port is taken (by us) and what the PACS must be told.
    gui::NodeSettingsDialog dialog(nodes);
    CHECK(dialog.receiverAdvice().contains(QString("Port %1 is in use (by this workstation's receiver").arg(kReceiverPort)));
    CHECK(dialog.receiverAdvice().contains(QString("Tell the PACS and modalities: AE title HOUNSFIELD, host ")));
    CHECK(dialog.receiverAdvice().contains(QString("port %1, DICOM TLS.").arg(kReceiverPort)));
    dialog.findChild<QSpinBox*>("receiver-port")->setValue(kReceiverPort + 1);
    CHECK(dialog.receiverAdvice().startsWith(QString("Port %1 is free.").arg(kReceiverPort + 1)));
    dialog.resize(900, 600);  // below its minimum: shown at its minimum height
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    dialog.grab().save(QString::fromStdString(folder + "/dialog.png"));  // to look at
    // The TLS files are kept with the settings.
    CHECK(dialog.findChild<QLineEdit*>("receiver-tls-ca")->text() == certs + "/ca.pem");
    dialog.findChild<QLineEdit*>("receiver-tls-ca")->clear();
    CHECK(dialog.settings().receiverTls.trustedCaFile.empty());
    CHECK(dialog.settings().receiverTls.certificateFile == nodes.receiverTls.certificateFile);
    QSettings stored(QString::fromStdString(folder + "/settings.ini"), QSettings::IniFormat);
    nodes.nodes = {testPacs()};
    nodes.nodes[0].tls.trustedCaFile = "/etc/pacs-ca.pem";
    nodes.save(stored);
    const gui::NodeSettings loaded = gui::NodeSettings::load(stored);
    CHECK(loaded.receiverTls == nodes.receiverTls);
    REQUIRE(loaded.nodes.size() == 1);
    CHECK(loaded.nodes[0].tls.trustedCaFile == "/etc/pacs-ca.pem");

    nodes.receiverPort = 0;
    t.window->setNodeSettings(nodes);
}

TEST_CASE("a storm of four senders at once: every instance in the study list once, the window answering throughout",
          "[gui][mainwindow][receiver][storm]")
{
    const std::string folder = scratch("mainwindow-receiver-storm").string();
    constexpr int kSenders = 4, kEach = 150;
    QStringList studies;
    for (int s = 0; s < kSenders; ++s)
        studies << studyToPush(folder + "/sender" + std::to_string(s), "32x32x" + QString::number(kEach), 200 + s);
    TestWindow t(windowOn(folder));
    constexpr int kReceiverPort = 14308;
    gui::NodeSettings nodes;
    nodes.receiverPort = kReceiverPort;
    nodes.receiverAcceptsAny = true;
    t.window->setNodeSettings(nodes);
    REQUIRE(t.station->receiver().listening());

    // The GUI thread's pulse: a 10 ms timer. The longest gap between its ticks is the longest the
    // window could not have answered a click or a key.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, longest = 0;
    QTimer pulse;
    pulse.setInterval(10);
    QObject::connect(&pulse, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
    });
    std::vector<std::unique_ptr<QProcess>> senders;
    for (const QString& study : studies) {
        senders.push_back(std::make_unique<QProcess>());
        senders.back()->start("storescu", {"-aec", "HOUNSFIELD", "+sd", "127.0.0.1", QString::number(kReceiverPort), study});
    }
    last = clock.elapsed();
    pulse.start();
    const bool sent = QTest::qWaitFor([&] {
        return std::all_of(senders.begin(), senders.end(), [](const auto& p) { return p->state() == QProcess::NotRunning; });
    }, 180000);
    if (!sent)
        printOwnStacks("the storm's senders did not finish");
    REQUIRE(sent);
    for (const auto& p : senders) {
        INFO(QString::fromUtf8(p->readAllStandardError()).toStdString());
        CHECK(p->exitCode() == 0);
    }
    // Every study in the list, new, with every instance once.
    QTableView* table = t.window->findChild<StudyListWidget*>()->table();
    const QString expected = "new (" + QString::number(kEach) + ")  PHANTOM HOUNSFIELD";
    const bool listed = QTest::qWaitFor([&] {
        if (table->model()->rowCount() != kSenders)
            return false;
        for (int row = 0; row < kSenders; ++row)
            if (table->model()->index(row, StudyListModel::PatientName).data().toString() != expected)
                return false;
        return true;
    }, 60000);
    pulse.stop();
    if (!listed)  // a hang seen once in CI (indexing stopped at 116 of 600): what each thread does
        printOwnStacks("the storm's studies were not all listed");
    REQUIRE(listed);
    for (int row = 0; row < kSenders; ++row)
        CHECK(table->model()->index(row, StudyListModel::ImageCount).data().toInt() == kEach);
    INFO("the longest the GUI thread did not answer while " << kSenders * kEach << " instances arrived: " << longest << " ms");
    std::printf("receiver storm in the window: %d instances, longest GUI stall %lld ms\n", kSenders * kEach, static_cast<long long>(longest));
    CHECK(longest < 1000);
}
