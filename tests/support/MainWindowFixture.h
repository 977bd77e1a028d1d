#pragma once
// What the main window tests share: a scratch folder with the phantom, options for a cache there,
// the Workstation a window gets (as main() builds it) and a window on it.
#include "PhantomFixture.h"
#include "ProcessRunner.h"

#include "GuiOptions.h"
#include "MainWindow.h"
#include "PresetLibrary.h"
#include "Workstation.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/SliceViewport.h"

#include <catch2/catch.hpp>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QApplication>
#include <QTest>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hf::test {

struct Setup {
    std::filesystem::path folder, phantom;
    QString db;
};

inline Setup prepare(const std::string& name)
{
    Setup s;
    s.folder = scratch(name);
    s.phantom = s.folder / "phantom";
    PhantomWriter(PhantomModel(smallPhantom())).write(s.phantom.string());
    s.db = QString::fromStdString((s.folder / "cache.db").string());
    return s;
}

// A scratch folder and a cache path in it, nothing written yet.
inline Setup emptySetup(const std::string& name)
{
    Setup s;
    s.folder = scratch(name);
    s.db = QString::fromStdString((s.folder / "cache.db").string());
    return s;
}

// The PET phantom of a CT phantom's patient and study: half the pixels at twice the spacing.
inline PhantomOptions petBeside(const PhantomOptions& ct)
{
    PhantomOptions pet = ct;
    pet.modality = "PT";
    pet.columns = ct.columns / 2;
    pet.rows = ct.rows / 2;
    pet.columnSpacing = 2 * ct.columnSpacing;
    pet.rowSpacing = 2 * ct.rowSpacing;
    return pet;
}

// Phantoms written into the setup's folder (each into its subfolder) and indexed into its cache.
inline void cachePhantoms(const Setup& s, const std::vector<std::pair<std::string, PhantomOptions>>& phantoms)
{
    for (const auto& [folder, options] : phantoms)
        PhantomWriter(PhantomModel(options)).write((s.folder / folder).string());
    CacheDatabase db(s.db.toStdString());
    StudyIndex(db).add(HeaderScanner().scan({s.folder.string()}).frames);
}

// The services a window gets, built as main() builds them (nodes from the test's settings).
inline std::unique_ptr<gui::Workstation> stationFor(const gui::GuiOptions& options, const gui::PresetLibrary& presets)
{
    QSettings settings;
    return std::make_unique<gui::Workstation>(options, gui::NodeSettings::load(settings), presets,
                                              app::UserIdentity{"Test Reader", "reader01"});
}

inline gui::GuiOptions optionsFor(const Setup& s)
{
    gui::GuiOptions o;
    o.db = s.db;
    o.size = QSize(900, 600);
    return o;
}

// A shown window on its own Workstation.
struct TestWindow {
    gui::PresetLibrary presets;
    std::unique_ptr<gui::Workstation> station;
    std::unique_ptr<gui::MainWindow> window;

    explicit TestWindow(const gui::GuiOptions& options)
        : station(stationFor(options, presets))
        , window(std::make_unique<gui::MainWindow>(*station, options))
    {
        window->show();
        REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    }
};

inline bool hasVolume(gui::MainWindow& w) { return w.sliceViewport()->scene().hasVolume(); }

// The node settings as they were when made, given back to the window when it ends: the settings
// file is shared by the tests of one executable, which would otherwise start with what an
// earlier test left (a disk reserve larger than any disk, a receiver port).
class NodeSettingsKept {
public:
    NodeSettingsKept(gui::MainWindow& window, const gui::Workstation& station) : m_window(window), m_saved(station.nodes()) {}
    ~NodeSettingsKept() { m_window.setNodeSettings(m_saved); }
    NodeSettingsKept(const NodeSettingsKept&) = delete;
    NodeSettingsKept& operator=(const NodeSettingsKept&) = delete;

private:
    gui::MainWindow& m_window;
    gui::NodeSettings m_saved;
};

// The other window that opened beside `window` and shows a series (null after 30 s without).
inline gui::MainWindow* windowBeside(const gui::MainWindow& window)
{
    gui::MainWindow* beside = nullptr;
    (void)QTest::qWaitFor([&] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* m = qobject_cast<gui::MainWindow*>(w); m && m != &window && m->isVisible() && hasVolume(*m))
                beside = m;
        return beside != nullptr;
    }, 30000);
    return beside;
}

// Shows the window and opens the setup's phantom in its single view, fully loaded.
inline void openPhantom(gui::MainWindow& window, const Setup& s)
{
    window.setLayoutName("1x1");
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.open({QString::fromStdString(s.phantom.string())});
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && window.sliceViewport()->scene().sliceCount() == 12; }, 30000));
    QTest::qWait(300);  // the whole series decoded and handed to the annotation service
}

} // namespace hf::test
