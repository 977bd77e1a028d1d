#include "ViewDescription.h"

#include "MainWindow.h"
#include "PetMipReactions.h"
#include "RegistrationReactions.h"
#include "ProtocolReactions.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/RotatingMip.h"
#include "hf/rendering/SegmentSurfaces.h"
#include "hf/rendering/SliceScene.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/ReformatScene.h"
#include "hf/viewer/CprWidget.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/ReformatView.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/PresentationDisplay.h"
#include "hf/viewer/ReportDisplay.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/StructureDisplay.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"

#include <QJsonArray>

#include <functional>

namespace hf::gui {

namespace {

// The series fused over a view: which, in what colour table, opacity and window, and its units.
// The curved reformat: its path, where the station is, both reformats and the cross-section.
QJsonObject cprJson(const MainWindow& window)
{
    const CprWidget& cpr = *window.cprWidget();
    auto array = [](const Vec3& v) { return QJsonArray{v.x, v.y, v.z}; };
    auto rectOf = [&](const QWidget* w) {
        const QPoint topLeft = w->mapTo(&window, QPoint(0, 0));
        return QJsonArray{topLeft.x(), topLeft.y(), w->width(), w->height()};
    };
    QJsonObject out{{"layout", "cpr"}};
    QJsonObject c{{"window", QJsonArray{cpr.windowCenter(), cpr.windowWidth()}}, {"degrees", cpr.degrees()}, {"station_mm", cpr.station()},
                  {"width_mm", cpr.reformatWidth()}};
    if (!cpr.problem().empty())
        c["problem"] = QString::fromStdString(cpr.problem());
    if (const CurvedPath* path = cpr.path()) {
        QJsonArray points;
        for (const Vec3& p : path->points())
            points.append(array(p));
        c["path"] = points;
        c["length_mm"] = path->length();
    }
    for (const auto& [name, view] : {std::pair{"straightened", cpr.straightenedView()}, std::pair{"stretched", cpr.stretchedView()}})
        c[name] = QJsonObject{{"rect", rectOf(view)},
                              {"rows", view->scene().imageRows()},
                              {"columns", view->scene().imageColumns()},
                              {"mm_per_pixel", view->scene().millimetresPerPixel()}};
    const AnnotationPlane plane = cpr.crossSectionPlane();
    c["cross_section"] = QJsonObject{{"rect", rectOf(cpr.crossSectionView())},
                                     {"origin", array(plane.origin)},
                                     {"right", array(plane.row)},
                                     {"down", array(plane.column)},
                                     {"mm_per_pixel", cpr.crossSectionScene().millimetresPerPixel(MprPlane::Axial)}};
    out["cpr"] = c;
    return out;
}

QJsonObject fusionJson(const std::shared_ptr<const Volume>& overlay, const std::string& seriesUid, const FusionLook& look, bool drawn)
{
    QJsonObject o{{"series", QString::fromStdString(seriesUid)},
                  {"colour_table", QString::fromStdString(look.table.name())},
                  {"opacity", look.opacity},
                  {"window", QJsonArray{look.lower, look.upper}},
                  {"drawn", drawn}};
    o["suv_kind"] = overlay->suv.ok ? QJsonValue(QString::fromStdString(overlay->suv.kind)) : QJsonValue(QJsonValue::Null);
    return o;
}

// The hanging protocol and stage on screen, when the study was hung by one.
void putProtocol(const MainWindow& window, QJsonObject& out)
{
    const HangingState hung = window.hangingState();
    if (hung.stage > 0)
        out["protocol"] = QJsonObject{{"name", hung.protocol}, {"stage", hung.stage}, {"stages", hung.stages}, {"stage_name", hung.stageName}};
}

QJsonObject describe(const MainWindow& window);

// RT structures drawn on a plane: per ROI, its colour, outline count and where its first
// outline's points are on screen (view pixels, y down).
QJsonArray structuresJson(const std::vector<StructureDisplay::Drawn>& drawn, const std::function<std::array<double, 2>(const Vec3&)>& onScreen)
{
    QJsonArray structures;
    for (const StructureDisplay::Drawn& d : drawn) {
        QJsonArray points;
        for (const Vec3& p : d.points) {
            const auto at = onScreen(p);
            points.append(QJsonArray{at[0], at[1]});
        }
        structures.append(QJsonObject{{"set", QString::fromStdString(d.setSopInstanceUid)},
                                      {"roi", d.roiNumber},
                                      {"name", QString::fromStdString(d.roiName)},
                                      {"colour", QJsonArray{d.colour[0], d.colour[1], d.colour[2]}},
                                      {"outlines", d.shapes},
                                      {"points", points}});
    }
    return structures;
}

// Segments shown as surfaces in a 3D view: label, colour, triangles and patient-space bounds.
QJsonArray surfacesJson(const VolumeViewport& view)
{
    QJsonArray surfaces;
    for (const SurfaceMesh& s : view.surfaces())
        surfaces.append(QJsonObject{{"label", QString::fromStdString(s.label)},
                                    {"colour", QJsonArray{s.colour[0], s.colour[1], s.colour[2]}},
                                    {"triangles", qint64(s.triangles.size() / 3)},
                                    {"bounds", QJsonArray{s.bounds[0], s.bounds[1], s.bounds[2], s.bounds[3], s.bounds[4], s.bounds[5]}}});
    return surfaces;
}

// Segmentations drawn on a plane: per segment, its colour and the pixels it covers.
QJsonArray segmentsJson(const std::vector<SegmentationDisplay::Drawn>& drawn)
{
    QJsonArray segments;
    for (const SegmentationDisplay::Drawn& d : drawn)
        segments.append(QJsonObject{{"seg", QString::fromStdString(d.segSopInstanceUid)},
                                    {"segment", d.segment},
                                    {"label", QString::fromStdString(d.label)},
                                    {"colour", QJsonArray{d.colour[0], d.colour[1], d.colour[2]}},
                                    {"pixels", d.pixels}});
    return segments;
}

} // namespace

QJsonObject describeViews(const MainWindow& window)
{
    QJsonObject out = describe(window);
    putProtocol(window, out);
    return out;
}

namespace {

QJsonObject describe(const MainWindow& window)
{
    const ViewportGrid* grid = window.viewportGrid();
    const HangingState hung = window.hangingState();
    QJsonArray views;
    for (int i = 0; i < grid->viewCount(); ++i) {
        const SliceViewport* view = grid->view(i);
        const SliceScene& scene = view->scene();
        const QPoint topLeft = view->mapTo(&window, QPoint(0, 0));
        QJsonObject v{{"index", i},
                      {"rect", QJsonArray{topLeft.x(), topLeft.y(), view->width(), view->height()}},
                      {"active", i == grid->activeIndex()}};
        if (const Volume* volume = scene.volume()) {
            const SliceOverlay& overlay = scene.overlay();
            const auto labels = scene.sideLabels();
            QJsonArray corners;
            for (int c = 0; c < 4; ++c)
                corners.append(QString::fromStdString(overlay.shownCornerText(SliceOverlay::Corner(c))));
            v["series"] = view->seriesUid();
            v["study"] = view->studyUid();
            v["frame_of_reference"] = QString::fromStdString(volume->frameOfReferenceUid);
            v["slice"] = scene.slice() + 1;
            v["slices"] = scene.sliceCount();
            v["stack"] = view->stackPosition().index + 1;
            v["stacks"] = view->stackPosition().count;
            v["stack_label"] = QString::fromStdString(view->stackPosition().label);
            if (const StackPosition& at = view->stackPosition(); at.timeSeries) {
                v["time_point"] = at.index + 1;
                v["time_points"] = at.count;
                v["acquisition_time"] = QString::fromStdString(size_t(at.index) < at.acquisitionTimes.size() ? at.acquisitionTimes[size_t(at.index)] : "");
            }
            v["window"] = QJsonArray{scene.windowCenter(), scene.windowWidth()};
            if (volume->petValues)  // the SUV the probe and measurements speak in, or why none
                v["suv"] = volume->suv.ok ? QJsonObject{{"kind", QString::fromStdString(volume->suv.kind)}, {"factor", volume->suv.factor}}
                                          : QJsonObject{{"kind", QJsonValue::Null}, {"reason", QString::fromStdString(volume->suv.reason)}};
            v["flipped_horizontally"] = scene.viewState().screenRight().x < 0;
            if (hung.stage > 0)
                v["protocol_stage"] = hung.stage;
            v["voi_lut"] = scene.usingVoiLut();
            v["inverted"] = scene.viewState().inverted();
            v["zoom"] = scene.viewState().zoom();
            v["mm_per_pixel"] = scene.millimetresPerPixel();
            v["labels"] = QJsonObject{{"left", QString::fromStdString(labels[0])},
                                      {"right", QString::fromStdString(labels[1])},
                                      {"top", QString::fromStdString(labels[2])},
                                      {"bottom", QString::fromStdString(labels[3])}};
            v["corners"] = QJsonObject{{"top_left", corners[SliceOverlay::TopLeft]},
                                       {"top_right", corners[SliceOverlay::TopRight]},
                                       {"bottom_left", corners[SliceOverlay::BottomLeft]},
                                       {"bottom_right", corners[SliceOverlay::BottomRight]}};
            v["scale_bar"] = QJsonObject{{"mm", overlay.scaleBarMillimetres()}, {"pixels", overlay.scaleBarPixels()}};
            v["reference_lines"] = int(scene.referenceLineCount());
            // Other systems' RT structures and segmentations drawn on this slice.
            const auto onScreen = [&scene](const Vec3& p) { return scene.viewPosition(p); };
            v["structures"] = structuresJson(view->structures().drawn(), onScreen);
            v["segments"] = segmentsJson(view->segmentations().drawn());
            // Other producers' measurements drawn on this slice: label and outline on screen.
            QJsonArray measurements;
            for (const ReportDisplay::Drawn& d : view->reports().drawn()) {
                QJsonArray points;
                for (const Vec3& p : d.points) {
                    const auto at = scene.viewPosition(p);
                    points.append(QJsonArray{at[0], at[1]});
                }
                measurements.append(QJsonObject{{"report", QString::fromStdString(d.reportSopInstanceUid)},
                                                {"group", d.group},
                                                {"label", QString::fromStdString(d.label)},
                                                {"points", points}});
            }
            v["foreign_measurements"] = measurements;
            v["overlays_shown"] = view->imageOverlaysShown();
            v["overlay_planes"] = view->overlayPlanesShown();
            v["shutter"] = view->shutterOnSlice();
            if (const ForeignPresentationState* ps = view->presentation().applied()) {
                QJsonArray graphics;
                for (const PresentationDisplay::Drawn& d : view->presentation().drawn()) {
                    QJsonArray points;
                    for (const Vec3& p : d.points) {
                        const auto at = scene.viewPosition(p);
                        points.append(QJsonArray{at[0], at[1]});
                    }
                    graphics.append(QJsonObject{{"layer", QString::fromStdString(d.layer)}, {"text", QString::fromStdString(d.text)}, {"points", points}});
                }
                v["presentation_state"] = QJsonObject{{"label", QString::fromStdString(ps->label)},
                                                      {"sop", QString::fromStdString(ps->sopInstanceUid)},
                                                      {"graphics", graphics}};
            }
            v["segment_opacity"] = view->segmentations().opacity();
            if (const auto link = window.registrationReactions().linkOf(i)) {
                QJsonArray rotation;
                for (double r : link->transform.rotation)
                    rotation.append(r);
                const Vec3& t = link->transform.translation;
                v["link"] = QJsonObject{{"view", link->otherView}, {"how", QString::fromStdString(link->how)}, {"rotation", rotation},
                                        {"translation_mm", QJsonArray{t.x, t.y, t.z}}};
            }
            if (const auto cursor = view->patientCursor())
                v["cursor"] = QJsonArray{cursor->x, cursor->y, cursor->z};
            if (const RotatingMip* mip = window.petMipReactions().mipOf(i))
                v["mip"] = QJsonObject{{"of_series", view->seriesUid()}, {"frames", mip->angles()}, {"degrees", mip->degrees(scene.slice())},
                                       {"playing", view->cinePlaying()}};
            if (const FusionDisplay& fusion = view->fusion(); fusion.overlay())
                v["fusion"] = fusionJson(fusion.overlay(), fusion.seriesUid(), fusion.look(), fusion.drawn());
            const Vec3 c = scene.plane().center();
            v["plane_center"] = QJsonArray{c.x, c.y, c.z};
        }
        views.append(v);
    }
    if (window.cprShown())
        return cprJson(window);
    if (window.mprShown()) {
        const MprScene& scene = window.mprWidget()->scene();
        const MprObjectDisplay& objects = window.mprWidget()->objects();
        const Vec3 c = scene.crosshair();
        QJsonObject mpr{{"crosshair", QJsonArray{c.x, c.y, c.z}},
                        {"window", QJsonArray{scene.windowCenter(), scene.windowWidth()}},
                        {"slab_mm", scene.slabThickness()}};
        for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
            const MprViewport* view = window.mprWidget()->view(p);
            const QPoint topLeft = view->mapTo(&window, QPoint(0, 0));
            const auto labels = scene.sideLabels(p);
            const Vec3 r = scene.right(p), u = scene.up(p);
            mpr[p == MprPlane::Axial ? "axial" : p == MprPlane::Coronal ? "coronal" : "sagittal"] =
                QJsonObject{{"rect", QJsonArray{topLeft.x(), topLeft.y(), view->width(), view->height()}},
                            {"mm_per_pixel", scene.millimetresPerPixel(p)},
                            {"right", QJsonArray{r.x, r.y, r.z}},
                            {"up", QJsonArray{u.x, u.y, u.z}},
                            {"labels", QJsonObject{{"left", QString::fromStdString(labels[0])}, {"right", QString::fromStdString(labels[1])},
                                                   {"top", QString::fromStdString(labels[2])}, {"bottom", QString::fromStdString(labels[3])}}},
                            {"structures", structuresJson(objects.drawn(p).rois, [&](const Vec3& lps) { return scene.viewPosition(p, lps); })},
                            {"segments", segmentsJson(objects.drawn(p).segments)},
                            {"segment_layer", scene.hasLabelLayer(p)},
                            {"fused", objects.drawn(p).fused},
                            {"spheres", QJsonArray::fromStringList([&] {
                                 QStringList ids;
                                 for (const std::string& id : objects.drawn(p).spheres)
                                     ids << QString::fromStdString(id);
                                 return ids;
                             }())},
                            // Our measurements drawn on the plane: lying in it, or where they cross it.
                            {"annotations", QJsonArray::fromStringList([&] {
                                 QStringList ids;
                                 for (const std::string& id : view->editing().shownIds())
                                     ids << QString::fromStdString(id);
                                 return ids;
                             }())}};
        }
        if (objects.fusedOverlay())
            mpr["fusion"] = fusionJson(objects.fusedOverlay(), window.viewportGrid()->view(0)->fusion().seriesUid(), objects.fusionLook(),
                                       objects.drawn(MprPlane::Axial).fused);
        if (window.mprWidget()->with3d())
            mpr["surfaces"] = surfacesJson(*window.mprWidget()->volumeView());
        QJsonObject out{{"layout", window.mprWidget()->with3d() ? "mpr3d" : "mpr"}, {"mpr", mpr}};
        return out;
    }
    const VolumeViewport* volume = window.volumeViewport();
    QJsonObject out{{"layout", QString("%1x%2").arg(grid->rows()).arg(grid->columns())},
                    {"views", views},
                    {"linked", QJsonObject{{"scroll", grid->synchronized()}, {"window", grid->windowLinked()}, {"zoom", grid->zoomLinked()}}}};
    if (volume->isVisible()) {
        const QPoint topLeft = volume->mapTo(&window, QPoint(0, 0));
        out["volume_view"] = QJsonObject{{"rect", QJsonArray{topLeft.x(), topLeft.y(), volume->width(), volume->height()}},
                                         {"surfaces", surfacesJson(*volume)}};
    }
    return out;
}

} // namespace
} // namespace hf::gui
