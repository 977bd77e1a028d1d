// The main window driven as a user would: files dropped on it are indexed and opened, a
// series opens in a new window beside it, and a damaged index is offered for rebuilding.
#include "PhantomFixture.h"

#include "MainWindow.h"
#include "PresetLibrary.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <fstream>

using namespace hf;
using namespace hf::test;

namespace {

struct Setup {
    std::filesystem::path folder, phantom;
    QString db;
};

Setup prepare(const std::string& name)
{
    Setup s;
    s.folder = scratch(name);
    s.phantom = s.folder / "phantom";
    PhantomWriter(PhantomModel(smallPhantom())).write(s.phantom.string());
    s.db = QString::fromStdString((s.folder / "cache.db").string());
    return s;
}

gui::GuiOptions optionsFor(const Setup& s)
{
    gui::GuiOptions o;
    o.db = s.db;
    o.size = QSize(900, 600);
    return o;
}

bool hasVolume(gui::MainWindow& w) { return w.sliceViewport()->scene().hasVolume(); }

void drop(QWidget& target, const QString& path)
{
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    const QPointF at(target.width() / 2.0, target.height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent event(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &event);
}

} // namespace

TEST_CASE("a folder dropped on the window is indexed into the cache and opened", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-drop");
    const gui::PresetLibrary presets;
    gui::MainWindow window(optionsFor(s), presets);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    drop(window, QString::fromStdString(s.phantom.string()));
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window); }, 30000));
    REQUIRE(window.sliceViewport()->scene().sliceCount() == 12);
    CacheDatabase db(s.db.toStdString());
    REQUIRE(StudyIndex(db).counts().instances == 12);
}

TEST_CASE("a series opens in a new window beside the first", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-beside");
    {
        CacheDatabase db(s.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({s.phantom.string()}).frames);
    }
    const gui::PresetLibrary presets;
    gui::MainWindow window(optionsFor(s), presets);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 10000));
    const auto before = QApplication::topLevelWidgets().size();
    emit list->openSeriesRequested(list->selectedStudyUid(), QString(), true);
    gui::MainWindow* beside = nullptr;
    REQUIRE(QTest::qWaitFor([&] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* m = qobject_cast<gui::MainWindow*>(w); m && m != &window && m->isVisible() && hasVolume(*m))
                beside = m;
        return beside != nullptr;
    }, 30000));
    REQUIRE(QApplication::topLevelWidgets().size() > before);
    REQUIRE_FALSE(hasVolume(window));  // the first window is untouched
    beside->close();
}

TEST_CASE("a damaged index is offered for rebuilding and comes back from the files", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-rebuild");
    {
        CacheDatabase db(s.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({s.phantom.string()}).frames);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    {
        std::ofstream sources(s.db.toStdString() + ".sources");
        sources << s.phantom.string() << "\n";
    }
    {
        const auto size = std::filesystem::file_size(s.db.toStdString());
        std::fstream f(s.db.toStdString(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        const std::string junk(size - 4096, '\xA5');
        f.write(junk.data(), std::streamsize(junk.size()));
    }
    // Answer the question the window will ask with Yes.
    bool asked = false;
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            asked = true;
            box->button(QMessageBox::Yes)->click();
        }
    });
    answer.start(50);
    const gui::PresetLibrary presets;
    gui::MainWindow window(optionsFor(s), presets);
    window.show();
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 30000));
    REQUIRE(asked);
    CacheDatabase db(s.db.toStdString());
    REQUIRE(StudyIndex(db).counts().instances == 12);
}
