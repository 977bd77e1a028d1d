// A 4D series in the main window: the Siemens XA10 fMRI run from the corpus (four time points of
// one geometry) steps through time at one slice, keeps the look, plays over time, and says the
// time point and its acquisition time in the corner and the screenshot's JSON.
#include "MainWindowFixture.h"

#include "TimeReactions.h"
#include "ViewDescription.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceViewState.h"

#include <QAction>
#include <QJsonArray>
#include <QSlider>

#include <cstring>

using namespace hf;
using namespace hf::test;

namespace {

QString topRight(const gui::MainWindow& window)
{
    return gui::describeViews(window)["views"].toArray()[0].toObject()["corners"].toObject()["top_right"].toString();
}

} // namespace

TEST_CASE("a 4D series steps through time at its slice, keeps the look and plays over time", "[gui][mainwindow][time]")
{
    const Setup s = prepare("mainwindow-time");
    const QString folder = QString::fromStdString((corpus() / "dcm_qa_enh/In/Siemens/XA10").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", folder, "--db", s.db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    const QJsonObject series = info["patients"][0]["studies"][0]["series"][0].toObject();
    CHECK(series["time_series"].toBool());
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = series["uid"].toString();
    options.layout = "1x1";
    options.slice = 3;
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    SliceViewport* view = window.sliceViewport();
    gui::TimeReactions& time = window.timeReactions();
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && view->stackPosition().timeSeries; }, 30000));
    CHECK(view->stackPosition().count == 4);
    CHECK(view->stackPosition().index == 0);
    CHECK(topRight(window).contains("Time 1/4: 08:36:3"));
    // The other time points are decoded in the background.
    REQUIRE(QTest::qWaitFor([&] { return time.decodedTimePoints(0) == 4; }, 30000));

    view->setWindow(500, 1000);
    view->setZoom(2.0);
    const int slice = view->slice();
    CHECK(slice == 2);
    const auto first = view->volume();
    const QString firstTime = gui::describeViews(window)["views"][0]["acquisition_time"].toString();
    QAction* next = window.findChild<QAction*>("next-stack");
    REQUIRE(next);
    next->trigger();  // Alt+Down: at once, no load
    CHECK(view->stackPosition().index == 1);
    CHECK(view->slice() == slice);
    CHECK(view->scene().windowCenter() == 500);
    CHECK(view->scene().windowWidth() == 1000);
    CHECK(view->scene().viewState().zoom() == 2.0);
    REQUIRE(view->volume() != first);
    // Another time of the same place: other pixels at the same slice.
    const size_t at = size_t(slice) * first->sliceBytes();
    CHECK(std::memcmp(view->volume()->data() + at, first->data() + at, first->sliceBytes()) != 0);
    const QJsonObject described = gui::describeViews(window)["views"][0].toObject();
    CHECK(described["time_point"].toInt() == 2);
    CHECK(described["time_points"].toInt() == 4);
    CHECK(described["acquisition_time"].toString() > firstTime);
    CHECK(topRight(window).contains("Time 2/4: " + described["acquisition_time"].toString()));

    // The time slider follows and steps.
    auto* slider = window.findChild<QSlider*>("time-slider");
    REQUIRE(slider);
    CHECK(slider->value() == 2);
    slider->setValue(4);
    CHECK(view->stackPosition().index == 3);
    CHECK(view->slice() == slice);

    // Cine over time (Shift+C) goes round the time points at this slice; C stays cine over slices.
    QAction* cine = window.findChild<QAction*>("cine-time");
    REQUIRE(cine);
    CHECK(cine->shortcut() == QKeySequence(Qt::SHIFT | Qt::Key_C));
    cine->trigger();
    REQUIRE(time.cineOverTime());
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 0; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 2; }, 5000));
    CHECK(view->slice() == slice);
    cine->trigger();
    CHECK_FALSE(time.cineOverTime());
    const int stopped = view->stackPosition().index;
    QTest::qWait(400);
    CHECK(view->stackPosition().index == stopped);
}

TEST_CASE("--time N opens a time point and is refused beside --stack", "[gui][time]")
{
    QString error;
    bool help = false;
    const auto options = gui::parseGuiOptions({"--series", "1.2", "--time", "3"}, error, help);
    REQUIRE(options);
    CHECK(options->stack == 3);
    CHECK_FALSE(gui::parseGuiOptions({"--series", "1.2", "--time", "3", "--stack", "2"}, error, help));
    CHECK(error.contains("--time"));
    CHECK_FALSE(gui::parseGuiOptions({"--time", "0"}, error, help));
    CHECK(error.contains("--time must be"));
}
