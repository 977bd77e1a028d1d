#include "LayoutReactions.h"

#include "PresetLibrary.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/VolumeScene.h"
#include "hf/viewer/CprWidget.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/AnnotationEditing.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QStackedWidget>
#include <QToolBar>

#include <optional>
#include <stdexcept>
#include <tuple>

namespace hf::gui {
namespace {

struct LayoutShape {
    int rows = 1, columns = 1;
    bool with3d = false;
    bool volumeOnly = false;
};

std::optional<LayoutShape> layoutShape(const QString& name)
{
    if (name == "2d3d")
        return LayoutShape{1, 1, true};
    if (name == "3d")
        return LayoutShape{1, 1, true, true};
    for (const QString grid : {"1x1", "1x2", "2x1", "2x2", "3x3"})
        if (name == grid)
            return LayoutShape{name[0].digitValue(), name[2].digitValue(), false};
    return std::nullopt;
}

SlabMode slabModeOf(const QString& name)
{
    return name == "mip" ? SlabMode::Maximum : name == "minip" ? SlabMode::Minimum : SlabMode::Mean;
}

} // namespace

LayoutReactions::LayoutReactions(ViewportGrid& grid, MprWidget& mpr, CprWidget& cpr, VolumeViewport& volume, QStackedWidget& centre,
                                 const PresetLibrary& presets, const GuiOptions& options, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_mpr(mpr)
    , m_cpr(cpr)
    , m_volume(volume)
    , m_centre(centre)
    , m_presets(presets)
    , m_start(options)
{
    if (auto bone = m_presets.volumePreset("ct-bone"))
        m_volume.setPreset(*bone);
}

bool LayoutReactions::mprShown() const { return m_centre.currentWidget() == &m_mpr; }

bool LayoutReactions::cprShown() const { return m_centre.currentWidget() == &m_cpr; }

void LayoutReactions::showPath(const std::vector<Vec3>& points, const std::string& annotationId)
{
    m_cpr.setPath(points, annotationId);
    m_start.path = points;
    setLayoutName("cpr");
}

void LayoutReactions::showInCpr()
{
    if (!m_primaryVolume)
        return;
    const bool fresh = m_cpr.volume() != m_primaryVolume.get();
    m_cpr.setVolume(m_primaryVolume);
    if (fresh) {
        if (m_start.windowCenter && m_start.windowWidth)
            m_cpr.setWindow(*m_start.windowCenter, *m_start.windowWidth);
        else if (auto p = m_presets.windowPreset(m_start.windowPreset))
            m_cpr.setWindow(p->center, p->width);
    }
    if (!m_cpr.path() && !m_start.path.empty())
        m_cpr.setPath(m_start.path);
}

void LayoutReactions::setPrimaryVolume(std::shared_ptr<const Volume> volume)
{
    m_volume.setVolume(volume);
    m_primaryVolume = std::move(volume);
    if (mprShown())
        showInMpr();
    if (cprShown())
        showInCpr();
    objectsChanged();
}

void LayoutReactions::setMprLook(double center, double width, const QString& slabMode, double slabMm)
{
    if (width > 0) {
        m_start.windowCenter = center;
        m_start.windowWidth = width;
    }
    m_start.slabMode = slabMode;
    m_start.slabMm = slabMm;
    MprScene& scene = m_mpr.scene();
    if (!scene.volume())
        return;
    if (width > 0)
        scene.setWindow(center, width);
    scene.setSlab(slabMode.isEmpty() ? SlabMode::None : slabModeOf(slabMode), slabMm);
    m_mpr.refresh();
}

void LayoutReactions::showInMpr()
{
    if (!m_primaryVolume || m_mpr.shownVolume() == m_primaryVolume)
        return;
    const std::shared_ptr<const Volume> before = m_mpr.shownVolume();
    m_mpr.setVolume(m_primaryVolume);
    if (before && fillsIn(*before, *m_primaryVolume))
        return;  // the series arriving: the reader's crosshair, planes and window stay (MprScene)
    MprScene& scene = m_mpr.scene();
    if (m_start.windowCenter && m_start.windowWidth)
        scene.setWindow(*m_start.windowCenter, *m_start.windowWidth);
    else if (auto p = m_presets.windowPreset(m_start.windowPreset))
        scene.setWindow(p->center, p->width);
    if (m_start.crosshair)
        scene.setCrosshair({(*m_start.crosshair)[0], (*m_start.crosshair)[1], (*m_start.crosshair)[2]});
    else if (m_start.slice)
        scene.setCrosshair(SlicePlane::of(m_primaryVolume->geometry(), *m_start.slice - 1).center());
    if (!m_start.slabMode.isEmpty())
        scene.setSlab(slabModeOf(m_start.slabMode), m_start.slabMm);
    if (auto bone = m_presets.volumePreset("ct-bone"))
        m_mpr.volumeView()->setPreset(*bone);
    m_mpr.refresh();
}

void LayoutReactions::objectsChanged()
{
    const SliceViewport* first = m_grid.viewCount() > 0 ? m_grid.view(0) : nullptr;
    const bool ofPrimary = first && m_primaryVolume && first->volume() == m_primaryVolume;
    // The 3D views: the segments as surfaces.
    for (VolumeViewport* view : {&m_volume, m_mpr.volumeView()})
        if (ofPrimary)
            view->setSegmentations(first->segmentations().segmentations(), first->segmentations().hidden());
        else
            view->setSegmentations({}, {});
    // The planes cut and sample the objects only while they are on screen (at every move).
    if (!m_mpr.scene().volume() || !mprShown())
        return;
    if (ofPrimary)
        m_mpr.objects().takeFrom(first->structures(), first->segmentations(), first->fusion());
    else
        m_mpr.objects().clear();
    m_mpr.refresh();
}

bool LayoutReactions::setLayoutName(const QString& layout)
{
    const bool done = showLayout(layout);
    // The buttons show the layout on screen (a refused one leaves the one before checked).
    for (QAction* a : m_layoutActions)
        a->setChecked(a->data().toString() == m_start.layout);
    return done;
}

bool LayoutReactions::showLayout(const QString& layout)
{
    if (layout == "mpr" || layout == "mpr3d") {
        m_mpr.setWith3d(layout == "mpr3d");
        m_centre.setCurrentWidget(&m_mpr);
        m_start.layout = layout;
        showInMpr();
        objectsChanged();  // what the first view shows of other systems' objects, now
        return true;
    }
    if (layout == "cpr") {
        if (!m_cpr.path() && m_start.path.empty()) {
            // The newest path of the first view's series, if it has one.
            const auto& annotations = m_grid.view(0)->editing().annotations();
            for (auto it = annotations.rbegin(); it != annotations.rend() && m_start.path.empty(); ++it)
                if (it->annotation.kind == AnnotationKind::Path && !it->annotation.deleted) {
                    try {
                        m_cpr.setPath(it->annotation.points, it->annotation.id);
                        m_start.path = it->annotation.points;
                    } catch (const std::invalid_argument&) {
                    }
                }
        }
        if (!m_cpr.path() && m_start.path.empty())
            return false;
        m_centre.setCurrentWidget(&m_cpr);
        m_start.layout = layout;
        showInCpr();
        return true;
    }
    const auto shape = layoutShape(layout);
    if (!shape)
        return false;
    m_centre.setCurrentWidget(m_centre.widget(0));
    m_grid.setVisible(!shape->volumeOnly);
    m_grid.setGrid(shape->rows, shape->columns);
    m_volume.setVisible(shape->with3d);
    m_start.layout = layout;
    return true;
}

void LayoutReactions::addLayoutActions(QMenu& view, QToolBar& bar)
{
    auto* layouts = new QActionGroup(this);
    QMenu* layoutMenu = view.addMenu(tr("&Layout"));
    for (const QString name : {"1x1", "1x2", "2x1", "2x2", "3x3", "2d3d", "mpr", "mpr3d", "3d", "cpr"}) {
        const QString text = name == "2d3d" ? tr("2D + 3D") : name == "mpr" ? tr("MPR") : name == "mpr3d" ? tr("MPR + 3D") : name == "3d" ? tr("3D")
                             : name == "cpr"                                                                                  ? tr("Curved")
                                                                                                                              : name;
        QAction* a = layoutMenu->addAction(text, this, [this, name] { setLayoutName(name); });
        a->setCheckable(true);
        a->setChecked(name == m_start.layout);
        a->setData(name);
        m_layoutActions << a;
        layouts->addAction(a);
        bar.addAction(a);
    }
    bar.addSeparator();
    QAction* sync = view.addAction(tr("&Synchronise scrolling (same frame of reference)"), &m_grid, &ViewportGrid::setSynchronized);
    sync->setCheckable(true);
    sync->setChecked(m_grid.synchronized());
    QAction* lines = view.addAction(tr("&Reference lines"), &m_grid, &ViewportGrid::setReferenceLinesVisible);
    lines->setCheckable(true);
    lines->setChecked(m_grid.referenceLinesVisible());
    QAction* window = view.addAction(tr("Link &window/level (same modality)"), &m_grid, &ViewportGrid::setWindowLinked);
    window->setCheckable(true);
    window->setObjectName("link-window");
    QAction* zoom = view.addAction(tr("Link &zoom"), &m_grid, &ViewportGrid::setZoomLinked);
    zoom->setCheckable(true);
    zoom->setObjectName("link-zoom");
    // A protocol stage switches them too: the toggles follow the grid.
    const auto follow = [this, sync, window, zoom] {
        sync->setChecked(m_grid.synchronized());
        window->setChecked(m_grid.windowLinked());
        zoom->setChecked(m_grid.zoomLinked());
    };
    follow();
    connect(&m_grid, &ViewportGrid::linkingChanged, this, follow);
    sync->setIconText(tr("Sync"));
    lines->setIconText(tr("Ref lines"));
    window->setIconText(tr("Link W/L"));
    zoom->setIconText(tr("Link zoom"));
    bar.addAction(sync);
    bar.addAction(lines);
    bar.addAction(window);
    bar.addAction(zoom);
}

void LayoutReactions::addMprAnd3dActions(QMenu& view)
{
    // 3D presets (resources/presets/volume) and the MPR slab, for the 3D and MPR layouts.
    QMenu* threeD = view.addMenu(tr("3D &preset"));
    for (const auto& [file, label] : {std::pair{"ct-bone", "CT bone"}, std::pair{"ct-soft-tissue", "CT soft tissue"},
                                      std::pair{"ct-lung", "CT lung"}, std::pair{"ct-angio", "CT angiography"},
                                      std::pair{"ct-mip", "CT MIP"}, std::pair{"mr-default", "MR default"}}) {
        const QString name = file;
        threeD->addAction(tr(label), this, [this, name] {
            if (auto preset = m_presets.volumePreset(name)) {
                m_volume.setPreset(*preset);
                m_mpr.volumeView()->setPreset(*preset);
            }
        });
    }
    QMenu* slab = view.addMenu(tr("MPR &slab"));
    for (const auto& [label, mode, mm] : {std::tuple{"Thin (no slab)", SlabMode::None, 0.0}, std::tuple{"MIP 10 mm", SlabMode::Maximum, 10.0},
                                          std::tuple{"MIP 20 mm", SlabMode::Maximum, 20.0}, std::tuple{"MinIP 10 mm", SlabMode::Minimum, 10.0},
                                          std::tuple{"Average 5 mm", SlabMode::Mean, 5.0}}) {
        const SlabMode m = mode;
        const double thickness = mm;
        slab->addAction(tr(label), this, [this, m, thickness] {
            m_mpr.scene().setSlab(m, thickness);
            m_mpr.refresh();
        });
    }
    // 3D clipping at the MPR crosshair (the volume's centre until MPR was shown).
    auto crosshair = [this] {
        if (m_mpr.scene().volume())
            return m_mpr.scene().crosshair();
        return m_primaryVolume ? SlicePlane::of(m_primaryVolume->geometry(), m_primaryVolume->geometry().slices / 2).center() : Vec3{};
    };
    auto both3d = [this](const std::function<void(VolumeScene&)>& change) {
        for (VolumeViewport* v : {&m_volume, m_mpr.volumeView()}) {
            change(v->scene());
            v->update();
        }
    };
    view.addAction(tr("3D: crop away what is in front of the crosshair"), this, [crosshair, both3d] {
        const Vec3 c = crosshair();
        both3d([c](VolumeScene& s) { s.addCropPlane(c, {0, -1, 0}); });  // anterior is -y
    });
    view.addAction(tr("3D: clip to a 10 cm box around the crosshair"), this, [crosshair, both3d] {
        const Vec3 c = crosshair(), half{50, 50, 50};
        both3d([c, half](VolumeScene& s) {
            s.clearClipping();
            s.setClippingBox(c - half, c + half);
        });
    });
    view.addAction(tr("3D: show everything"), this, [both3d] { both3d([](VolumeScene& s) { s.clearClipping(); }); });
    view.addAction(tr("Reset MPR orientation"), this, [this] {
        m_mpr.scene().resetOrientation();
        m_mpr.refresh();
    });
}

} // namespace hf::gui
