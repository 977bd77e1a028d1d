// The Qt 6 <-> VTK bridge under Xvfb: the render window follows the widget's size, and mouse,
// wheel and keys reach the viewports (QTest events, as a user would make them).
#include "PhantomFixture.h"

#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/VolumeViewport.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QTest>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

using namespace hf;
using namespace hf::test;

namespace {

std::shared_ptr<const Volume> phantomVolume()
{
    static const LoadedPhantom p = writeAndLoad(smallPhantom(), "viewer-phantom");
    REQUIRE(p.loaded.volume);
    return p.loaded.volume;
}

void wheel(QWidget& w, int delta)
{
    const QPointF at(w.width() / 2.0, w.height() / 2.0);
    QWheelEvent event(at, w.mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&w, &event);
}

} // namespace

TEST_CASE("the render window follows the widget's size", "[viewer][bridge]")
{
    SliceViewport view;
    view.resize(320, 240);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setVolume(phantomVolume());
    view.renderNow();
    const qreal ratio = view.devicePixelRatioF();
    REQUIRE(view.renderWindow()->GetSize()[0] == int(320 * ratio));
    REQUIRE(view.renderWindow()->GetSize()[1] == int(240 * ratio));
    view.resize(500, 300);
    QApplication::processEvents();
    REQUIRE(view.renderWindow()->GetSize()[0] == int(500 * ratio));
    REQUIRE(view.renderWindow()->GetSize()[1] == int(300 * ratio));
}

TEST_CASE("each slice change renders the view once", "[viewer][bridge]")
{
    SliceViewport view;
    view.resize(300, 300);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setVolume(phantomVolume());
    QTest::qWait(100);
    static int renders = 0;
    renders = 0;
    vtkNew<vtkCallbackCommand> counter;
    counter->SetCallback([](vtkObject*, unsigned long, void*, void*) { ++renders; });
    view.renderWindow()->AddObserver(vtkCommand::StartEvent, counter);
    for (int k = 0; k < 10; ++k) {
        view.setSlice(k);
        QTest::qWait(20);
    }
    REQUIRE(renders == 10);
}

TEST_CASE("keys and the wheel scroll slices, a left drag windows", "[viewer][bridge]")
{
    SliceViewport view;
    view.resize(320, 240);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setVolume(phantomVolume(), 5);
    REQUIRE(view.slice() == 5);
    QTest::keyClick(&view, Qt::Key_Down);
    REQUIRE(view.slice() == 6);
    QTest::keyClick(&view, Qt::Key_Up);
    QTest::keyClick(&view, Qt::Key_Up);
    REQUIRE(view.slice() == 4);
    QTest::keyClick(&view, Qt::Key_End);
    REQUIRE(view.slice() == 11);
    QTest::keyClick(&view, Qt::Key_Home);
    REQUIRE(view.slice() == 0);
    wheel(view, -240);  // two notches towards the user: two slices on
    REQUIRE(view.slice() == 2);

    view.setWindow(40, 400);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(164, 100));  // right: wider
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(164, 100));
    REQUIRE(view.scene().windowWidth() == Approx(400 + 64 * 400 / 256.0));
    REQUIRE(view.scene().windowCenter() == Approx(40));
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(100, 132));  // down: lower level
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(100, 132));
    REQUIRE(view.scene().windowCenter() == Approx(40 - 32 * 500 / 256.0));
}

TEST_CASE("a drag in the 3D view rotates the camera through VTK's interactor", "[viewer][bridge]")
{
    VolumeViewport view;
    view.resize(320, 240);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setVolume(phantomVolume());
    view.renderNow();
    vtkCamera* camera = view.renderWindow()->GetRenderers()->GetFirstRenderer()->GetActiveCamera();
    double before[3];
    camera->GetPosition(before);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(160, 120));
    for (int x = 165; x <= 220; x += 5)
        QTest::mouseMove(&view, QPoint(x, 120));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(220, 120));
    double after[3];
    camera->GetPosition(after);
    const double moved = std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
    REQUIRE(moved > 10);  // mm: the camera swung round the volume
}
