#pragma once
// Window/level and cine for the active view: the Window menu's presets (keys 1-8), auto and
// invert; the toolbar's numeric level and width, which follow the active view; cine on/off and
// its rate. In the MPR layouts the presets window the MPR planes. GUI thread.
#include <QObject>

class QAction;
class QDoubleSpinBox;
class QMenu;
class QToolBar;

namespace hf {
class MprWidget;
class ViewportGrid;
}

namespace hf::gui {

class LayoutReactions;
class PresetLibrary;

class WindowLevelReactions : public QObject {
    Q_OBJECT
public:
    WindowLevelReactions(ViewportGrid& grid, MprWidget& mpr, const LayoutReactions& layout, const PresetLibrary& presets,
                         QObject* parent);

    void addPresets(QMenu& window);
    void addWindowAndCine(QToolBar& bar);
    // The active view changed: the boxes show its window and cine rate.
    void followActiveView();

private:
    void followView(int index);

    ViewportGrid& m_grid;
    MprWidget& m_mpr;
    const LayoutReactions& m_layout;
    const PresetLibrary& m_presets;
    QDoubleSpinBox* m_center;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_cineRate;
    QAction* m_cine = nullptr;
};

} // namespace hf::gui
