// SliceScene, what is drawn on the slice: annotation shapes and other views' reference lines.
#include "SliceSceneImpl.h"

#include "hf/dicomio/ImageMarks.h"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkUnsignedCharArray.h>

#include <utility>

namespace hf {

void SliceScene::setShapes(std::vector<OverlayShape> shapes)
{
    m->shapes = std::move(shapes);
    placeShapes();
}

const std::vector<OverlayShape>& SliceScene::shapes() const { return m->shapes; }

void SliceScene::setContourShapes(const std::string& source, std::vector<OverlayShape> shapes)
{
    m->contourShapes[source] = std::move(shapes);
    placeShapes();
}

std::vector<OverlayShape> SliceScene::contourShapes() const
{
    std::vector<OverlayShape> all;
    for (const auto& [source, shapes] : m->contourShapes)
        all.insert(all.end(), shapes.begin(), shapes.end());
    return all;
}

void SliceScene::setLabelLayer(int layer, std::vector<std::uint8_t> rgba)
{
    const size_t size = m->volume ? size_t(m->geometry().columns) * size_t(m->geometry().rows) * 4 : 0;
    if (rgba.size() == size && size > 0)
        m->labelLayers[layer] = std::move(rgba);
    else if (m->labelLayers.erase(layer) == 0)
        return;  // none there, none wanted: scrolling asks every source each slice, most have nothing
    ++m->labelCompositions;
    m->hasLabels = !m->labelLayers.empty();
    m->labelActor->SetVisibility(m->hasLabels);
    if (!m->hasLabels)
        return;
    const StackGeometry& g = m->geometry();
    m->labelImage->SetDimensions(g.columns, g.rows, 1);
    m->labelImage->SetSpacing(g.columnSpacing, g.rowSpacing, 1);
    m->labelImage->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    auto* out = static_cast<std::uint8_t*>(m->labelImage->GetScalarPointer());
    composeLayers(m->labelLayers, out, size);
    m->labelImage->Modified();
    placeShapes();
}

bool SliceScene::hasLabelLayer() const { return m->hasLabels; }

SliceScene::ShapeBatch::ShapeBatch(SliceScene& scene)
    : m_scene(scene)
{
    ++m_scene.m->batches;
}

SliceScene::ShapeBatch::~ShapeBatch()
{
    if (--m_scene.m->batches == 0 && std::exchange(m_scene.m->placingWanted, false))
        m_scene.placeShapes();
}

int SliceScene::shapePlacements() const { return m->placements; }
int SliceScene::labelCompositions() const { return m->labelCompositions; }

void SliceScene::placeShapes()
{
    if (m->batches > 0) {
        m->placingWanted = true;
        return;
    }
    ++m->placements;
    if (!m->volume) {
        m->shapeLayer->setShapes({}, 0, 1);
        m->contourLayer->setShapes({}, 0, 1);
        return;
    }
    const StackGeometry& g = m->volume->geometry();
    auto place = [&](const std::vector<OverlayShape>& shapes) {
        std::vector<ShapeLayer::Placed> placed;
        for (const OverlayShape& s : shapes) {
            ShapeLayer::Placed p{s.type, {}, s.label, s.selected, s.colour};
            for (const Vec3& point : s.points) {
                const Vec3 index = g.toIndex(point);
                p.xy.push_back({index.x * g.columnSpacing, index.y * g.rowSpacing});
            }
            placed.push_back(std::move(p));
        }
        return placed;
    };
    const double sliceSpacing = g.sliceSpacing > 0 ? g.sliceSpacing : 1.0;
    const double mm = m->mmPerPixel();
    // In front of the slice (and of the reference lines), handles 4 screen pixels across;
    // contours of other systems' objects just behind the annotations.
    m->shapeLayer->setShapes(place(m->shapes), m->sliceZ() - m->towardsSceneZ * 0.4 * sliceSpacing, 4 * mm);
    m->contourLayer->setShapes(place(contourShapes()), m->sliceZ() - m->towardsSceneZ * 0.3 * sliceSpacing, 4 * mm);
    m->labelImage->SetOrigin(0, 0, m->sliceZ() - m->towardsSceneZ * 0.2 * sliceSpacing);
    const auto f = m->focal();
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const double w = m->width(), h = m->height();
    const auto toDisplay = [&](double x, double y) {
        const double dx = x - f[0], dy = y - f[1];
        return std::array<double, 2>{w / 2 + (dx * r.x + dy * r.y) / mm, h / 2 + (dx * u.x + dy * u.y) / mm};
    };
    m->shapeLayer->placeLabels(toDisplay);
    m->contourLayer->placeLabels(toDisplay);
}

void SliceScene::setReferenceLines(const std::vector<Segment>& lines, const std::vector<std::array<double, 3>>& colours)
{
    m->referenceSegments = lines;
    m->referenceLines->Initialize();
    if (!m->volume || lines.empty())
        return;
    const StackGeometry& g = m->volume->geometry();
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkUnsignedCharArray> rgb;
    rgb->SetNumberOfComponents(3);
    for (size_t n = 0; n < lines.size(); ++n) {
        vtkIdType ids[2];
        for (int end = 0; end < 2; ++end) {
            const Vec3 index = g.toIndex(end ? lines[n].to : lines[n].from);
            ids[end] = points->InsertNextPoint(index.x * g.columnSpacing, index.y * g.rowSpacing, m->sliceZ());
        }
        cells->InsertNextCell(2, ids);
        const auto c = n < colours.size() ? colours[n] : std::array<double, 3>{0.3, 0.8, 1.0};
        rgb->InsertNextTuple3(c[0] * 255, c[1] * 255, c[2] * 255);
    }
    m->referenceLines->SetPoints(points);
    m->referenceLines->SetLines(cells);
    m->referenceLines->GetCellData()->SetScalars(rgb);
}

size_t SliceScene::referenceLineCount() const { return m->referenceSegments.size(); }

} // namespace hf
