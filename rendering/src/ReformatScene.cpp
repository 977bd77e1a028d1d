#include "hf/rendering/ReformatScene.h"

#include "hf/dicomio/CurvedReformat.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToWindowLevelColors.h>
#include <vtkImageMapper3D.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

namespace hf {
namespace {
// Outside the volume: below any window, shown black.
constexpr float kOutside = -1e6f;
} // namespace

struct ReformatScene::Impl {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> image;
    vtkNew<vtkImageMapToWindowLevelColors> colours;
    vtkNew<vtkImageActor> actor;
    vtkNew<vtkPolyData> marks;
    vtkNew<vtkActor> marksActor;
    int rows = 0, columns = 0;
    double spacing = 1;
    double markedRow = -1;
    std::vector<double> pathColumns;
    int width() const { const int* s = renderer->GetSize(); return std::max(1, s ? s[0] : 1); }
    int height() const { const int* s = renderer->GetSize(); return std::max(1, s ? s[1] : 1); }
    // mm per view pixel when the image fits.
    double scale() const
    {
        const double w = std::max(1, columns) * spacing, h = std::max(1, rows) * spacing;
        return std::max(w / width(), h / height());
    }
};

ReformatScene::ReformatScene()
    : m(std::make_unique<Impl>())
{
    m->renderer->SetBackground(0, 0, 0);
    m->colours->SetInputData(m->image);
    m->colours->SetOutputFormatToRGB();
    m->actor->GetMapper()->SetInputConnection(m->colours->GetOutputPort());
    m->actor->InterpolateOff();
    m->actor->SetVisibility(false);
    m->renderer->AddActor(m->actor);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(m->marks);
    m->marksActor->SetMapper(mapper);
    m->marksActor->GetProperty()->SetColor(1.0, 0.75, 0.2);
    m->marksActor->GetProperty()->SetLineWidth(1.5);
    m->marksActor->GetProperty()->LightingOff();
    m->renderer->AddActor(m->marksActor);
}

ReformatScene::~ReformatScene() = default;

vtkRenderer* ReformatScene::renderer() const { return m->renderer; }

bool ReformatScene::hasImage() const { return m->rows > 0; }
int ReformatScene::imageRows() const { return m->rows; }
int ReformatScene::imageColumns() const { return m->columns; }

void ReformatScene::setImage(const ReformatImage& image)
{
    m->rows = image.height;
    m->columns = image.width;
    m->spacing = image.spacing;
    m->pathColumns = image.pathColumn;
    // In the scene's plane x right, y up (mm): image row 0 goes at the top.
    m->image->SetDimensions(image.width, image.height, 1);
    m->image->SetSpacing(image.spacing, image.spacing, 1);
    m->image->SetOrigin(0, 0, 0);
    m->image->AllocateScalars(VTK_FLOAT, 1);
    auto* out = static_cast<float*>(m->image->GetScalarPointer());
    for (int r = 0; r < image.height; ++r)
        for (int c = 0; c < image.width; ++c) {
            const float v = image.at(c, r);
            out[size_t(image.height - 1 - r) * size_t(image.width) + size_t(c)] = std::isnan(v) ? kOutside : v;
        }
    m->image->Modified();
    m->actor->SetVisibility(image.height > 0 && image.width > 0);
    place();
}

void ReformatScene::setWindow(double center, double width)
{
    m->colours->SetLevel(center);
    m->colours->SetWindow(std::max(width, 1e-3));
}

void ReformatScene::setMarkedRow(double row)
{
    m->markedRow = row;
    place();
}

void ReformatScene::viewResized() { place(); }

double ReformatScene::millimetresPerPixel() const { return m->scale(); }

std::array<double, 2> ReformatScene::imagePosition(double x, double y) const
{
    const double mm = m->scale();
    const double cx = (m->columns - 1) * m->spacing / 2, cy = (m->rows - 1) * m->spacing / 2;
    const double px = cx + (x - m->width() / 2.0) * mm, py = cy - (y - m->height() / 2.0) * mm;  // scene mm, y up
    return {px / m->spacing, (m->rows - 1) - py / m->spacing};
}

std::array<double, 2> ReformatScene::viewPosition(double column, double row) const
{
    const double mm = m->scale();
    const double cx = (m->columns - 1) * m->spacing / 2, cy = (m->rows - 1) * m->spacing / 2;
    const double px = column * m->spacing, py = ((m->rows - 1) - row) * m->spacing;
    return {m->width() / 2.0 + (px - cx) / mm, m->height() / 2.0 - (py - cy) / mm};
}

void ReformatScene::place()
{
    const double cx = (m->columns - 1) * m->spacing / 2, cy = (m->rows - 1) * m->spacing / 2;
    vtkCamera* camera = m->renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(cx, cy, 0);
    camera->SetPosition(cx, cy, 1000);
    camera->SetViewUp(0, 1, 0);
    camera->SetParallelScale(m->scale() * m->height() / 2);
    camera->SetClippingRange(1, 2000);
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    auto line = [&](double x0, double y0, double x1, double y1) {
        const vtkIdType ids[2] = {points->InsertNextPoint(x0, y0, 1), points->InsertNextPoint(x1, y1, 1)};
        cells->InsertNextCell(2, ids);
    };
    const double s = m->spacing;
    if (m->markedRow >= 0 && m->rows > 0) {  // the station: a tick either side of the path
        const double y = ((m->rows - 1) - m->markedRow) * s;
        const double column = m->pathColumns.empty() ? (m->columns - 1) / 2.0
                                                     : m->pathColumns[size_t(std::clamp(int(std::lround(m->markedRow)), 0, m->rows - 1))];
        const double gap = std::min(8.0, m->columns / 6.0) * s;
        line(0, y, column * s - gap, y);
        line(column * s + gap, y, (m->columns - 1) * s, y);
    }
    m->marks->Initialize();
    m->marks->SetPoints(points);
    m->marks->SetLines(cells);
    m->marks->Modified();
}

} // namespace hf
