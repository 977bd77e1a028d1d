// What MprScene draws on its planes besides the image: colour layers and outlines of other
// systems' objects (segments, RT structures), given in patient space by the viewer.
#include "hf/rendering/MprScene.h"

#include "MprSceneImpl.h"

#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/Volume.h"

#include <vtkImageActor.h>
#include <vtkImageData.h>

#include <algorithm>
#include <iterator>

namespace hf {
namespace {

constexpr double kLabelDepth = -0.3;    // mm towards the camera: over the slice
constexpr double kContourDepth = -0.6;  // over the colour layer, under the crosshair lines

} // namespace

SlicePlane MprScene::screenPlane(MprPlane plane) const
{
    SlicePlane out;
    const double mm = millimetresPerPixel(plane);
    out.columns = m->width(plane);
    out.rows = m->height(plane);
    out.columnSpacing = out.rowSpacing = mm;
    out.rowDirection = right(plane);
    out.columnDirection = up(plane) * -1.0;
    out.normal = normal(plane);
    // Pixel centres as the reslice samples them: symmetric about the view centre.
    out.origin = viewCentre(plane) - right(plane) * ((out.columns - 1) / 2.0 * mm) + up(plane) * ((out.rows - 1) / 2.0 * mm);
    return out;
}

void MprScene::setLabelLayer(MprPlane plane, int layer, std::vector<std::uint8_t> rgba)
{
    auto& v = m->view(plane);
    const int w = m->width(plane), h = m->height(plane);
    const size_t size = size_t(w) * size_t(h) * 4;
    if (m->volume && rgba.size() == size)
        v.labelLayers[layer] = std::move(rgba);
    else if (v.labelLayers.erase(layer) == 0 &&
             std::all_of(v.labelLayers.begin(), v.labelLayers.end(), [size](const auto& l) { return l.second.size() == size; }) &&
             bool(v.labelActor->GetVisibility()) == !v.labelLayers.empty())
        return;  // none there, none wanted, and what is shown is current: each move asks every source
    // Layers made for another size of view are stale.
    for (auto it = v.labelLayers.begin(); it != v.labelLayers.end();)
        it = it->second.size() == size ? std::next(it) : v.labelLayers.erase(it);
    if (v.labelLayers.empty()) {
        v.labelActor->SetVisibility(false);
        return;
    }
    const double mm = millimetresPerPixel(plane);
    v.labelImage->SetDimensions(w, h, 1);
    v.labelImage->SetSpacing(mm, mm, 1);
    // In plane coordinates (y up), so the rows go in bottom first.
    v.labelImage->SetOrigin(-(w - 1) / 2.0 * mm, -(h - 1) / 2.0 * mm, kLabelDepth);
    v.labelImage->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    auto* out = static_cast<std::uint8_t*>(v.labelImage->GetScalarPointer());
    const size_t row = size_t(w) * 4;
    std::vector<std::uint8_t> combined(size);
    composeLayers(v.labelLayers, combined.data(), size);
    for (int y = 0; y < h; ++y)
        std::copy_n(&combined[size_t(h - 1 - y) * row], row, out + size_t(y) * row);
    v.labelImage->Modified();
    v.labelActor->SetUserMatrix(v.placement);
    v.labelActor->SetVisibility(true);
}

bool MprScene::hasLabelLayer(MprPlane plane) const { return m->view(plane).labelActor->GetVisibility(); }

void MprScene::setContourShapes(MprPlane plane, std::vector<OverlayShape> shapes)
{
    m->view(plane).contourShapes = std::move(shapes);
    placeContours(plane);
}

void MprScene::setAnnotationShapes(MprPlane plane, std::vector<OverlayShape> shapes)
{
    m->view(plane).annotationShapes = std::move(shapes);
    placeContours(plane);
}

const std::vector<OverlayShape>& MprScene::annotationShapes(MprPlane plane) const { return m->view(plane).annotationShapes; }

void MprScene::placeContours(MprPlane plane)
{
    auto& v = m->view(plane);
    // A colour layer made for another size of view is stale.
    const int* dims = v.labelImage->GetDimensions();
    if (dims[0] != m->width(plane) || dims[1] != m->height(plane))
        v.labelActor->SetVisibility(false);
    if (!v.contours)
        return;
    const Vec3 c = viewCentre(plane), r = right(plane), u = up(plane);
    const double mm = millimetresPerPixel(plane);
    std::vector<ShapeLayer::Placed> placed;
    for (const auto* shapes : {&v.contourShapes, &v.annotationShapes})
        for (const OverlayShape& s : *shapes) {
            ShapeLayer::Placed p{s.type, {}, s.label, s.selected, s.colour};
            for (const Vec3& point : s.points)
                p.xy.push_back({(point - c).dot(r), (point - c).dot(u)});
            placed.push_back(std::move(p));
        }
    v.contours->setShapes(std::move(placed), kContourDepth, 4 * mm);
    const double w = m->width(plane), h = m->height(plane);
    v.contours->placeLabels([&](double x, double y) { return std::array<double, 2>{w / 2 + x / mm, h / 2 + y / mm}; });
}

} // namespace hf
