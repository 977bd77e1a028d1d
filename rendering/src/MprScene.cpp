#include "hf/rendering/MprScene.h"

#include "MprSceneImpl.h"


#include "hf/dicomio/PatientOrientation.h"
#include "hf/dicomio/SliceResampling.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/ImageDataWrap.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToWindowLevelColors.h>
#include <vtkImageMapper3D.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

constexpr double kDistance = 1000;
constexpr std::array<std::array<unsigned char, 3>, 3> kPlaneColours{{{80, 160, 255}, {80, 255, 120}, {255, 140, 60}}};

Vec3 rotateAbout(const Vec3& v, const Vec3& axis, double radians)
{
    // Rodrigues' rotation formula.
    const Vec3 k = axis.normalized();
    return v * std::cos(radians) + k.cross(v) * std::sin(radians) + k * (k.dot(v) * (1 - std::cos(radians)));
}

} // namespace

MprScene::MprScene()
    : m(std::make_unique<Impl>())
{
    for (size_t p = 0; p < 3; ++p) {
        auto& v = m->views[p];
        v.renderer->SetBackground(0, 0, 0);
        v.owner = this;
        v.plane = MprPlane(p);
        v.reslice->SetInterpolationModeToLinear();
        v.reslice->SetOutputDimensionality(2);
        v.reslice->SetResliceAxes(v.axes);
        v.colours->SetInputData(v.sampled);
        v.colours->SetOutputFormatToRGB();
        v.slice->GetMapper()->SetInputConnection(v.colours->GetOutputPort());
        v.slice->InterpolateOff();  // already at screen resolution
        v.slice->SetUserMatrix(v.placement);
        // The view's size is known for sure only when it renders: follow it then.
        v.beforeRender->SetClientData(&v);
        v.beforeRender->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
            auto* view = static_cast<Impl::View*>(client);
            view->owner->renderStarting(view->plane);
        });
        v.renderer->AddObserver(vtkCommand::StartEvent, v.beforeRender);
        vtkNew<vtkPolyDataMapper> lineMapper;
        lineMapper->SetInputData(v.lines);
        v.crosshair->SetMapper(lineMapper);
        v.crosshair->GetProperty()->SetLineWidth(1.5);
        v.crosshair->GetProperty()->LightingOff();
        v.renderer->AddViewProp(v.crosshair);
        v.labelActor->SetInputData(v.labelImage);
        v.labelActor->InterpolateOff();  // a mask's edges stay the pixels' edges
        v.labelActor->SetVisibility(false);
        v.renderer->AddViewProp(v.labelActor);
        v.contours = std::make_unique<ShapeLayer>(v.renderer);
        v.contours->setUserMatrix(v.placement);
    }
}

MprScene::~MprScene() = default;

const Volume* MprScene::volume() const { return m->volume.get(); }
bool MprScene::resampled() const { return m->resampled != nullptr; }
vtkRenderer* MprScene::renderer(MprPlane plane) const { return m->view(plane).renderer; }
Vec3 MprScene::crosshair() const { return m->crosshair; }
Vec3 MprScene::right(MprPlane p) const { return m->right[size_t(p)]; }
Vec3 MprScene::up(MprPlane p) const { return m->up[size_t(p)]; }
Vec3 MprScene::normal(MprPlane p) const { return up(p).cross(right(p)).normalized(); }
double MprScene::windowCenter() const { return m->windowCenter; }
double MprScene::windowWidth() const { return m->windowWidth; }
SlabMode MprScene::slabMode() const { return m->slab; }
double MprScene::slabThickness() const { return m->slabThickness; }

void MprScene::setVolume(std::shared_ptr<const Volume> volume)
{
    // A series filling in as it arrives keeps the reader's crosshair, planes and window: it is
    // reloaded after every batch, and starting over each time would make MPR unusable meanwhile.
    const bool fillingIn = m->given && volume && fillsIn(*m->given, *volume);
    m->given = volume;
    m->volume = std::move(volume);
    for (auto& v : m->views)
        v.renderer->RemoveViewProp(v.slice);
    m->resampled.reset();
    if (!m->volume)
        return;
    // Uneven spacing: reformat a regular-grid copy built from the true slice positions.
    if (auto regular = resampleUnevenSlices(*m->volume)) {
        m->resampled = regular;
        m->volume = regular;
    }
    m->image = wrapVolume(*m->volume);
    m->dataFromPatient = vtkSmartPointer<vtkMatrix4x4>::New();
    vtkMatrix4x4::Invert(patientMatrix(*m->volume), m->dataFromPatient);
    const StackGeometry& g = m->volume->geometry();
    // Bounding box of the voxel centres in patient space.
    m->low = {1e30, 1e30, 1e30};
    m->high = {-1e30, -1e30, -1e30};
    for (int corner = 0; corner < 8; ++corner) {
        const Vec3 p = g.toPatient(corner & 1 ? g.columns - 1 : 0, corner & 2 ? g.rows - 1 : 0, corner & 4 ? g.slices - 1 : 0);
        m->low = {std::min(m->low.x, p.x), std::min(m->low.y, p.y), std::min(m->low.z, p.z)};
        m->high = {std::max(m->high.x, p.x), std::max(m->high.y, p.y), std::max(m->high.z, p.z)};
    }
    m->inverted = m->volume->photometric == Photometric::Monochrome1;
    m->ownSampling = !isColour(m->volume->type());
    for (auto& v : m->views) {
        v.sampledVolume = nullptr;  // made again for this volume
        if (m->ownSampling)
            v.colours->SetInputData(v.sampled);
        else
            v.colours->SetInputConnection(v.reslice->GetOutputPort());
        v.reslice->SetInputData(m->image);
        // Outside the volume is black, whichever way the greys run.
        v.reslice->SetBackgroundLevel(m->inverted ? m->image->GetScalarTypeMax() : m->image->GetScalarTypeMin());
        v.renderer->AddViewProp(v.slice);
    }
    if (fillingIn) {
        // Crosshair, planes and window as they were (nothing above touches them); the new
        // colour maps take the window.
        setWindow(m->windowCenter, m->windowWidth);
        update();
        return;
    }
    if (!m->volume->windows.empty())
        setWindow(m->volume->windows.front().center, m->volume->windows.front().width);
    else {
        double range[2];
        m->image->GetScalarRange(range);
        setWindow((range[0] + range[1]) / 2, std::max(1.0, range[1] - range[0]));
    }
    resetOrientation();
    m->crosshair = (m->low + m->high) * 0.5;
    update();
}

void MprScene::setCrosshair(const Vec3& p)
{
    m->crosshair = {std::clamp(p.x, m->low.x, m->high.x), std::clamp(p.y, m->low.y, m->high.y), std::clamp(p.z, m->low.z, m->high.z)};
    update();
}

void MprScene::scroll(MprPlane plane, double millimetres)
{
    setCrosshair(m->crosshair + normal(plane) * millimetres);
}

void MprScene::rotate(MprPlane about, double degrees)
{
    const Vec3 axis = normal(about);
    const double radians = degrees * 3.14159265358979323846 / 180;
    for (size_t p = 0; p < 3; ++p) {
        if (p == size_t(about))
            continue;
        m->right[p] = rotateAbout(m->right[p], axis, radians);
        m->up[p] = rotateAbout(m->up[p], axis, radians);
    }
    update();
}

void MprScene::showPlane(MprPlane plane, const Vec3& right, const Vec3& down, const Vec3& point)
{
    // The rotation taking this plane's frame (right, up, right x up) to the wanted one, applied
    // to every plane keeps them at right angles to each other.
    const size_t p = size_t(plane);
    const Vec3 r1 = m->right[p], u1 = m->up[p], n1 = r1.cross(u1);
    const Vec3 r2 = right.normalized(), u2 = (down * -1.0).normalized(), n2 = r2.cross(u2);
    auto turn = [&](const Vec3& v) { return r2 * r1.dot(v) + u2 * u1.dot(v) + n2 * n1.dot(v); };
    for (size_t q = 0; q < 3; ++q) {
        m->right[q] = turn(m->right[q]);
        m->up[q] = turn(m->up[q]);
    }
    setCrosshair(point);
    update();
}

void MprScene::resetOrientation()
{
    m->right = {Vec3{1, 0, 0}, Vec3{1, 0, 0}, Vec3{0, 1, 0}};
    m->up = {Vec3{0, -1, 0}, Vec3{0, 0, 1}, Vec3{0, 0, 1}};
    update();
}

void MprScene::setWindow(double center, double width)
{
    m->windowCenter = center;
    m->windowWidth = std::max(width, 1e-3);
    for (auto& v : m->views) {
        v.colours->SetLevel(center);
        v.colours->SetWindow(m->inverted ? -m->windowWidth : m->windowWidth);  // MONOCHROME1: white is low
    }
}

void MprScene::setSlab(SlabMode mode, double thicknessMm)
{
    m->slab = mode;
    m->slabThickness = mode == SlabMode::None ? 0 : std::max(0.0, thicknessMm);
    for (auto& v : m->views) {
        switch (mode) {
        case SlabMode::None:
        case SlabMode::Mean: v.reslice->SetSlabModeToMean(); break;
        case SlabMode::Maximum: v.reslice->SetSlabModeToMax(); break;
        case SlabMode::Minimum: v.reslice->SetSlabModeToMin(); break;
        }
    }
    update();
}

void MprScene::updateReslice()
{
    if (!m->volume)
        return;
    const StackGeometry& g = m->volume->geometry();
    // Slab samples every half voxel across its thickness.
    const double step = std::max(1e-3, std::min({g.columnSpacing, g.rowSpacing, g.sliceSpacing}) / 2);
    const int slabSamples = m->slabThickness > 0 ? std::max(1, int(std::lround(m->slabThickness / step))) : 1;
    for (size_t p = 0; p < 3; ++p) {
        const auto plane = MprPlane(p);
        auto& v = m->views[p];
        const int w = m->width(plane), h = m->height(plane);
        const double mm = millimetresPerPixel(plane);
        const Vec3 r = right(plane), u = up(plane), n = normal(plane), c = viewCentre(plane);
        // Plane coordinates (mm along right, up, normal from the view centre) -> patient LPS.
        const double place[16] = {r.x, u.x, n.x, c.x, r.y, u.y, n.y, c.y, r.z, u.z, n.z, c.z, 0, 0, 0, 1};
        // Only a changed plane reslices again (a window change only maps colours again).
        const bool moved = !std::equal(place, place + 16, &v.placement->GetData()[0]) || v.axes->GetMTime() < m->dataFromPatient->GetMTime();
        const bool rescaled = w != v.resliceWidth || h != v.resliceHeight || mm != v.resliceMm;
        if (moved) {
            v.placement->DeepCopy(place);
            vtkMatrix4x4::Multiply4x4(m->dataFromPatient, v.placement, v.axes);
            v.axes->Modified();
            v.labelActor->SetVisibility(false);  // drawn for the plane it was made for
        }
        const double slabSpacing = slabSamples > 1 ? m->slabThickness / slabSamples : 1.0;
        v.reslice->SetOutputSpacing(mm, mm, slabSpacing);
        v.reslice->SetOutputOrigin(-(w - 1) / 2.0 * mm, -(h - 1) / 2.0 * mm, 0);
        v.reslice->SetOutputExtent(0, w - 1, 0, h - 1, 0, 0);
        v.reslice->SetSlabNumberOfSlices(slabSamples);
        v.resliceWidth = w;
        v.resliceHeight = h;
        v.resliceMm = mm;
        // Every render starts here: the outlines are placed again only when the plane moved or rescaled.
        if (moved || rescaled)
            placeContours(plane);
    }
}

void MprScene::viewResized(MprPlane) { update(); }

double MprScene::millimetresPerPixel(MprPlane p) const { return 2 * m->scale(p) / m->height(p); }

void MprScene::update()
{
    if (!m->volume)
        return;
    for (size_t p = 0; p < 3; ++p) {
        const auto plane = MprPlane(p);
        auto& v = m->views[p];
        const Vec3 n = normal(plane), u = up(plane);
        const Vec3 centre = viewCentre(plane);
        const Vec3 position = centre - n * kDistance;
        vtkCamera* camera = v.renderer->GetActiveCamera();
        camera->ParallelProjectionOn();
        camera->SetFocalPoint(centre.x, centre.y, centre.z);
        camera->SetPosition(position.x, position.y, position.z);
        camera->SetViewUp(u.x, u.y, u.z);
        camera->SetParallelScale(m->scale(plane));
        camera->SetClippingRange(kDistance / 2, kDistance * 1.5);
        // The other two planes cross this one through the crosshair: lines in their colours.
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> cells;
        vtkNew<vtkUnsignedCharArray> colours;
        colours->SetNumberOfComponents(3);
        const double reach = 2 * m->extent();
        const Vec3 front = m->crosshair - n * 1.0;  // just in front of the slice
        for (size_t q = 0; q < 3; ++q) {
            if (q == p)
                continue;
            Vec3 along = n.cross(normal(MprPlane(q)));
            if (along.norm() < 1e-6)
                continue;
            along = along.normalized();
            const Vec3 a = front - along * reach, b = front + along * reach;
            const vtkIdType ids[2] = {points->InsertNextPoint(a.x, a.y, a.z), points->InsertNextPoint(b.x, b.y, b.z)};
            cells->InsertNextCell(2, ids);
            colours->InsertNextTypedTuple(kPlaneColours[q].data());
        }
        v.lines->Initialize();
        v.lines->SetPoints(points);
        v.lines->SetLines(cells);
        v.lines->GetCellData()->SetScalars(colours);
    }
    updateReslice();
}

Vec3 MprScene::viewCentre(MprPlane plane) const
{
    const auto& pan = m->pan[size_t(plane)];
    return m->crosshair + right(plane) * pan[0] + up(plane) * pan[1];
}

void MprScene::setZoom(MprPlane plane, double zoom)
{
    m->zoom[size_t(plane)] = std::clamp(zoom, 0.1, 50.0);
    update();
}

double MprScene::zoom(MprPlane plane) const { return m->zoom[size_t(plane)]; }

void MprScene::panByPixels(MprPlane plane, double dx, double dy)
{
    const double mm = millimetresPerPixel(plane);
    auto& pan = m->pan[size_t(plane)];
    pan[0] -= dx * mm;
    pan[1] += dy * mm;
    update();
}

void MprScene::resetView(MprPlane plane)
{
    m->zoom[size_t(plane)] = 1;
    m->pan[size_t(plane)] = {0, 0};
    update();
}

std::optional<double> MprScene::valueAt(const Vec3& lps) const
{
    if (!m->volume)
        return std::nullopt;
    const StackGeometry& g = m->volume->geometry();
    const Vec3 index = g.toIndex(lps);
    const int i = int(std::lround(index.x)), j = int(std::lround(index.y)), k = int(std::lround(index.z));
    if (i < 0 || j < 0 || k < 0 || i >= g.columns || j >= g.rows || k >= g.slices)
        return std::nullopt;
    return m->volume->valueAt(i, j, k);
}

Vec3 MprScene::patientPosition(MprPlane plane, double x, double y) const
{
    const double mm = millimetresPerPixel(plane);
    return viewCentre(plane) + right(plane) * ((x - m->width(plane) / 2.0) * mm) + up(plane) * ((m->height(plane) / 2.0 - y) * mm);
}

std::array<double, 2> MprScene::viewPosition(MprPlane plane, const Vec3& lps) const
{
    const double mm = millimetresPerPixel(plane);
    const Vec3 d = lps - viewCentre(plane);
    return {m->width(plane) / 2.0 + d.dot(right(plane)) / mm, m->height(plane) / 2.0 - d.dot(up(plane)) / mm};
}

std::array<std::string, 4> MprScene::sideLabels(MprPlane plane) const
{
    const Vec3 r = right(plane), u = up(plane);
    return {orientationLabel(r * -1.0), orientationLabel(r), orientationLabel(u), orientationLabel(u * -1.0)};
}

} // namespace hf
