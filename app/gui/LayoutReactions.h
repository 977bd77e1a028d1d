#pragma once
// Layout and MPR: the layouts (1x1 .. 3x3 slice views, 2D + 3D, 3D alone, MPR, MPR + 3D, the
// curved reformat along a path),
// scrolling in sync and reference lines, 3D presets and clipping, the MPR slab and orientation.
// Owns which centre widget is shown and the volume the MPR and 3D views show. GUI thread.
#include "GuiOptions.h"

#include <QList>
#include <QObject>

#include <memory>
#include <string>
#include <vector>

#include "hf/dicomio/Vec3.h"

class QAction;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace hf {
class CprWidget;
class MprWidget;
class ViewportGrid;
class Volume;
class VolumeViewport;
}

namespace hf::gui {

class PresetLibrary;

class LayoutReactions : public QObject {
    Q_OBJECT
public:
    // options: the start layout, and where the MPR starts (window, crosshair, slice, slab).
    LayoutReactions(ViewportGrid& grid, MprWidget& mpr, CprWidget& cpr, VolumeViewport& volume, QStackedWidget& centre,
                    const PresetLibrary& presets, const GuiOptions& options, QObject* parent);

    void addLayoutActions(QMenu& view, QToolBar& bar);
    void addMprAnd3dActions(QMenu& view);

    // 1x1, 1x2, 2x1, 2x2, 3x3, 2d3d, 3d, mpr, mpr3d or cpr; false for another name (cpr
    // without a path too: --path, a path chosen in the list, or the first view's newest path).
    bool setLayoutName(const QString& layout);
    bool mprShown() const;
    bool cprShown() const;
    // The curved reformat along these points (a path annotation's), shown at once. Throws
    // std::invalid_argument for points that make no curve.
    void showPath(const std::vector<Vec3>& points, const std::string& annotationId = {});
    const QString& layoutName() const { return m_start.layout; }
    // The MPR's window (centre, width; width 0: as it is) and slab ("" = none), now if it shows a
    // volume, else once it does (a hanging protocol's MPR stage).
    void setMprLook(double center, double width, const QString& slabMode, double slabMm);
    // The series the 3D and MPR views show (the first view's).
    void setPrimaryVolume(std::shared_ptr<const Volume> volume);
    // The first view's structures and segments (or their visibility) changed: the MPR planes
    // draw what it draws.
    void objectsChanged();

private:
    bool showLayout(const QString& layout);
    void showInMpr();
    void showInCpr();

    ViewportGrid& m_grid;
    MprWidget& m_mpr;
    CprWidget& m_cpr;
    VolumeViewport& m_volume;
    QStackedWidget& m_centre;
    const PresetLibrary& m_presets;
    GuiOptions m_start;
    std::shared_ptr<const Volume> m_primaryVolume;
    QList<QAction*> m_layoutActions;  // checked as the layout changes, whoever changes it
};

} // namespace hf::gui
