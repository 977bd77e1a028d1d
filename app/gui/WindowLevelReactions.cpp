#include "WindowLevelReactions.h"

#include "LayoutReactions.h"
#include "PresetLibrary.h"

#include "hf/rendering/MprScene.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QToolBar>

namespace hf::gui {

WindowLevelReactions::WindowLevelReactions(ViewportGrid& grid, MprWidget& mpr, const LayoutReactions& layout,
                                           const PresetLibrary& presets, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_mpr(mpr)
    , m_layout(layout)
    , m_presets(presets)
    , m_center(new QDoubleSpinBox)
    , m_width(new QDoubleSpinBox)
    , m_cineRate(new QDoubleSpinBox)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        followView(i);
}

void WindowLevelReactions::addPresets(QMenu& window)
{
    for (const auto& preset : m_presets.windowPresets()) {
        QAction* a = window.addAction(preset.name, this, [this, preset] {
            if (m_layout.mprShown()) {
                m_mpr.scene().setWindow(preset.center, preset.width);
                m_mpr.refresh();
            } else {
                m_grid.activeView()->setWindow(preset.center, preset.width);
            }
        });
        a->setShortcut(QKeySequence(preset.key));
    }
    window.addSeparator();
    window.addAction(tr("Auto (from the histogram)\tA"), this, [this] { m_grid.activeView()->autoWindow(); });
    window.addAction(tr("Invert\tI"), this,
                     [this] { m_grid.activeView()->setInverted(!m_grid.activeView()->scene().viewState().inverted()); });
}

void WindowLevelReactions::addWindowAndCine(QToolBar& bar)
{
    bar.addSeparator();
    for (QDoubleSpinBox* box : {m_center, m_width}) {
        box->setRange(-100000, 100000);
        box->setDecimals(0);
        box->setKeyboardTracking(false);
    }
    m_width->setMinimum(1);
    m_center->setPrefix(tr("L "));
    m_width->setPrefix(tr("W "));
    m_center->setToolTip(tr("Window centre (level)"));
    m_width->setToolTip(tr("Window width"));
    bar.addWidget(m_center);
    bar.addWidget(m_width);
    auto applyWindow = [this] { m_grid.activeView()->setWindow(m_center->value(), m_width->value()); };
    connect(m_center, &QDoubleSpinBox::valueChanged, this, applyWindow);
    connect(m_width, &QDoubleSpinBox::valueChanged, this, applyWindow);
    bar.addSeparator();
    m_cine = bar.addAction(tr("Cine"), this, [this](bool on) { m_grid.activeView()->setCinePlaying(on); });
    m_cine->setCheckable(true);
    m_cineRate->setRange(1, 60);
    m_cineRate->setDecimals(0);
    m_cineRate->setValue(15);
    m_cineRate->setSuffix(tr(" fps"));
    m_cineRate->setToolTip(tr("Cine frame rate"));
    bar.addWidget(m_cineRate);
    connect(m_cineRate, &QDoubleSpinBox::valueChanged, this, [this](double fps) { m_grid.activeView()->setCineRate(fps); });
}

void WindowLevelReactions::followView(int index)
{
    SliceViewport* view = m_grid.view(index);
    connect(view, &SliceViewport::windowChanged, this, [this, index](double center, double width) {
        if (index != m_grid.activeIndex())
            return;
        const QSignalBlocker blockCenter(m_center), blockWidth(m_width);
        m_center->setValue(center);
        m_width->setValue(width);
    });
    connect(view, &SliceViewport::cineChanged, this, [this, index](bool playing, double fps) {
        if (index != m_grid.activeIndex() || !m_cine)
            return;
        const QSignalBlocker block(m_cineRate);
        m_cine->setChecked(playing);
        m_cineRate->setValue(fps);
    });
}

void WindowLevelReactions::followActiveView()
{
    SliceViewport* view = m_grid.activeView();
    const QSignalBlocker blockCenter(m_center), blockWidth(m_width), blockRate(m_cineRate);
    m_center->setValue(view->scene().windowCenter());
    m_width->setValue(view->scene().windowWidth());
    m_cineRate->setValue(view->cineRate());
}

} // namespace hf::gui
