// SliceScene: the volume, its window, the view (zoom, pan, rotation, anchor) and the camera;
// the shapes and reference lines drawn on it are in SliceSceneMarks.cpp.
#include "SliceSceneImpl.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/PatientOrientation.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkImageProperty.h>
#include <vtkPointData.h>
#include <vtkProperty.h>

#include <cmath>
#include <utility>

namespace hf {
namespace {

constexpr double kCameraDistance = 1000;

// An image-axis direction (columns, rows) as a patient direction.
Vec3 patientDirection(const StackGeometry& g, ImageAxes2 a)
{
    return g.rowDirection * double(a.x) + g.columnDirection * double(a.y);
}

} // namespace

SliceScene::SliceScene()
    : m(std::make_unique<Impl>())
{
    m->renderer->SetBackground(0, 0, 0);
    m->mapper->SetOrientationToZ();
    m->mapper->SliceAtFocalPointOff();
    m->mapper->SliceFacesCameraOff();
    m->slice->SetMapper(m->mapper);
    m->slice->GetProperty()->SetInterpolationTypeToLinear();
    // MONOCHROME1 (or inverted on demand): low values are white. The LUT spans the window, so
    // window/level still applies.
    m->invertedGray->SetValueRange(1, 0);
    m->invertedGray->SetSaturationRange(0, 0);
    m->invertedGray->SetRampToLinear();
    m->invertedGray->Build();
    vtkNew<vtkPolyDataMapper> lineMapper;
    lineMapper->SetInputData(m->referenceLines);
    m->referenceActor->SetMapper(lineMapper);
    m->referenceActor->GetProperty()->SetLineWidth(1.5);
    m->referenceActor->GetProperty()->LightingOff();
    m->renderer->AddViewProp(m->referenceActor);
    m->overlay = std::make_unique<SliceOverlay>(m->renderer);
    m->shapeLayer = std::make_unique<ShapeLayer>(m->renderer);
    m->contourLayer = std::make_unique<ShapeLayer>(m->renderer);
    m->labelActor->SetInputData(m->labelImage);
    m->labelActor->InterpolateOff();  // a mask's edges stay the pixels' edges
    m->labelActor->SetVisibility(false);
    m->renderer->AddViewProp(m->labelActor);
    m->overlay->setVisible(false);
    // The fitted scale and the overlay depend on the view's size, which is only known for sure
    // when it renders: refit then if it changed since the last layout.
    m->beforeRender->SetClientData(this);
    m->beforeRender->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        auto* scene = static_cast<SliceScene*>(self);
        if (scene->m->width() != scene->m->laidOutWidth || scene->m->height() != scene->m->laidOutHeight)
            scene->updateCamera();
    });
    m->renderer->AddObserver(vtkCommand::StartEvent, m->beforeRender);
}

SliceScene::~SliceScene() = default;

vtkRenderer* SliceScene::renderer() const { return m->renderer; }
SliceOverlay& SliceScene::overlay() const { return *m->overlay; }
const Volume* SliceScene::volume() const { return m->volume.get(); }
bool SliceScene::hasVolume() const { return m->volume != nullptr; }
int SliceScene::sliceCount() const { return m->volume ? m->volume->geometry().slices : 0; }
int SliceScene::slice() const { return m->k; }
double SliceScene::windowCenter() const { return m->slice->GetProperty()->GetColorLevel(); }
double SliceScene::windowWidth() const { return m->slice->GetProperty()->GetColorWindow(); }
bool SliceScene::isColour() const { return m->volume && hf::isColour(m->volume->type()); }
bool SliceScene::windowsColour() const { return isColour() && m->volume->type() != VoxelType::Rgb8; }
const SliceViewState& SliceScene::viewState() const { return m->state; }

SlicePlane SliceScene::plane() const
{
    return m->volume ? SlicePlane::of(m->volume->geometry(), m->k) : SlicePlane{};
}

void SliceScene::setVolume(std::shared_ptr<const Volume> volume)
{
    // A series filling in as it arrives (reloaded after every batch) keeps the reader's window,
    // zoom, pan and turns; the window lives in the image property, which stays.
    const bool fillingIn = m->volume && volume && fillsIn(*m->volume, *volume);
    m->volume = std::move(volume);
    m->referenceSegments.clear();
    m->referenceLines->Initialize();
    m->shapes.clear();
    m->contourShapes.clear();
    m->hasLabels = false;
    m->labelLayers.clear();
    m->labelActor->SetVisibility(false);
    if (!m->volume) {
        m->renderer->RemoveViewProp(m->slice);
        m->overlay->setVisible(false);
        return;
    }
    m->wrap();
    if (fillingIn) {
        updateLookupTable();
    } else {
        m->state = SliceViewState();
        m->anchor = 0;
        chooseFirstWindow();
    }
    if (!m->renderer->HasViewProp(m->slice))
        m->renderer->AddViewProp(m->slice);
    m->overlay->setVisible(true);
    m->k = -1;
    setSlice(m->volume->geometry().slices / 2);
    updateCamera();
}

void SliceScene::chooseFirstWindow()
{
    if (windowsColour()) {
        // 16- and 32-bit colour: every channel through one window, at first over all its values.
        const VolumeStatistics s = computeStatistics(*m->volume);
        setWindow((s.min + s.max) / 2, std::max(1.0, s.max - s.min));
    } else if (isColour())
        setWindow(127.5, 255);
    else if (m->volume->windows.empty() && hasVoiLut())
        useVoiLut();
    else if (!m->volume->windows.empty())
        setWindow(m->volume->windows.front().center, m->volume->windows.front().width);
    else {
        // No window in the files (common in MR): 1st..99th percentile of the middle slice, the
        // one shown first, so a few bright pixels do not leave the picture grey.
        const WindowPreset w = autoWindow(*m->volume, m->volume->geometry().slices / 2);
        setWindow(w.center, w.width);
    }
}

bool SliceScene::replaceVolume(std::shared_ptr<const Volume> volume)
{
    if (!m->volume || !volume)
        return false;
    const StackGeometry &now = m->volume->geometry(), &next = volume->geometry();
    if (now.columns != next.columns || now.rows != next.rows || now.slices != next.slices)
        return false;
    m->volume = std::move(volume);
    m->wrap();
    const int k = std::exchange(m->k, -1);  // shown again from the new data
    setSlice(k);
    updateCamera();
    return true;
}

void SliceScene::setSlice(int k)
{
    if (!m->volume)
        return;
    const int clamped = std::clamp(k, 0, m->volume->geometry().slices - 1);
    if (clamped == m->k)
        return;
    m->k = clamped;
    m->mapper->SetSliceNumber(m->k);
    // Reference lines and annotations belong to the slice they were given for.
    m->referenceSegments.clear();
    m->referenceLines->Initialize();
    m->shapes.clear();
    m->contourShapes.clear();
    m->hasLabels = false;
    m->labelLayers.clear();
    m->labelActor->SetVisibility(false);
    // Scrolling moves the camera to the new plane only: the overlay and the fit do not change.
    vtkCamera* camera = m->renderer->GetActiveCamera();
    double focal[3], position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    const double dz = m->sliceZ() - focal[2];
    camera->SetFocalPoint(focal[0], focal[1], focal[2] + dz);
    camera->SetPosition(position[0], position[1], position[2] + dz);
    placeShapes();
}

void SliceScene::setWindow(double center, double width)
{
    vtkImageProperty* property = m->slice->GetProperty();
    m->usingVoiLut = false;
    property->UseLookupTableScalarRangeOff();
    property->SetColorLevel(center);
    property->SetColorWindow(std::max(width, 1e-3));
    updateLookupTable();
}

bool SliceScene::hasVoiLut() const
{
    return m->volume && !m->volume->voiLut.empty() && !isColour();
}

bool SliceScene::usingVoiLut() const { return m->usingVoiLut; }

void SliceScene::useVoiLut()
{
    if (!hasVoiLut())
        return;
    m->activeLut = m->volume->voiLut;
    m->usingVoiLut = true;
    updateLookupTable();
}

void SliceScene::useVoiLut(const VoiLut& lut)
{
    if (lut.empty() || !m->volume || isColour())
        return;
    m->activeLut = lut;
    m->usingVoiLut = true;
    updateLookupTable();
}

void SliceScene::updateLookupTable()
{
    vtkImageProperty* property = m->slice->GetProperty();
    // Shown inverted when exactly one of "MONOCHROME1" and "invert" holds.
    const bool monochrome1 = m->volume && m->volume->photometric == Photometric::Monochrome1;
    const bool inverted = !isColour() && (monochrome1 != m->state.inverted());
    if (!m->usingVoiLut) {
        // Window mode: VTK maps [level - window/2, level + window/2] to black..white, or through
        // the inverted table (low values white).
        property->SetLookupTable(inverted ? m->invertedGray.GetPointer() : nullptr);
        return;
    }
    const VoiLut& lut = m->activeLut;
    const double top = double((1 << lut.bits) - 1);
    const auto n = vtkIdType(lut.data.size());
    m->voiLut->SetNumberOfTableValues(n);
    for (vtkIdType i = 0; i < n; ++i) {
        double g = std::min(1.0, double(lut.data[size_t(i)]) / top);
        g = inverted ? 1.0 - g : g;
        m->voiLut->SetTableValue(i, g, g, g, 1.0);
    }
    // Values outside the table take its end entries, as PS3.3 C.11.2.1.2 asks.
    m->voiLut->SetTableRange(lut.firstMapped, lut.firstMapped + double(n - 1));
    m->voiLut->UseBelowRangeColorOff();
    m->voiLut->UseAboveRangeColorOff();
    m->voiLut->Modified();
    property->SetLookupTable(m->voiLut);
    property->UseLookupTableScalarRangeOn();
}

void SliceScene::rotateClockwise() { m->state.rotateClockwise(); updateCamera(); }
void SliceScene::rotateCounterClockwise() { m->state.rotateCounterClockwise(); updateCamera(); }
void SliceScene::flipHorizontal() { m->state.flipHorizontal(); updateCamera(); }
void SliceScene::flipVertical() { m->state.flipVertical(); updateCamera(); }

void SliceScene::setInverted(bool inverted)
{
    m->state.setInverted(inverted);
    updateLookupTable();
}

void SliceScene::setZoom(double zoom)
{
    m->state.setZoom(zoom);
    updateCamera();
}

void SliceScene::zoomToActualPixels()
{
    if (!m->volume)
        return;
    const StackGeometry& g = m->volume->geometry();
    // One pixel of the finer spacing per screen pixel: parallel scale = height/2 * spacing.
    const double scale = m->height() / 2.0 * std::min(g.columnSpacing, g.rowSpacing);
    setZoom(m->fitScale() / scale);
}

void SliceScene::panByPixels(double dx, double dy)
{
    if (!m->volume)
        return;
    // Dragging moves the image with the mouse: the view centre moves the other way.
    const double mm = m->mmPerPixel();
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const auto pan = m->state.pan();
    m->state.setPan(pan[0] - (r.x * dx - u.x * dy) * mm, pan[1] - (r.y * dx - u.y * dy) * mm);
    updateCamera();
}

std::array<int, 2> SliceScene::viewSize() const { return {m->width(), m->height()}; }

void SliceScene::fit()
{
    m->state.resetZoomAndPan();
    updateCamera();
}

void SliceScene::setHorizontalAnchor(int side)
{
    m->anchor = side < 0 ? -1 : side > 0 ? 1 : 0;
    updateCamera();
}

void SliceScene::resetView()
{
    m->anchor = 0;
    m->state = SliceViewState();
    updateLookupTable();
    updateCamera();
}

double SliceScene::millimetresPerPixel() const { return m->volume ? m->mmPerPixel() : 0; }

void SliceScene::viewResized() { updateCamera(); }

void SliceScene::updateCamera()
{
    if (!m->volume)
        return;
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const Vec3 right{double(r.x), double(r.y), 0}, up{double(u.x), double(u.y), 0};
    const Vec3 towardsScene = up.cross(right);  // VTK: right = direction of projection x view up
    const auto f = m->focal();
    const Vec3 focal{f[0], f[1], m->sliceZ()};
    const Vec3 position = focal - towardsScene * kCameraDistance;
    vtkCamera* camera = m->renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(focal.x, focal.y, focal.z);
    camera->SetPosition(position.x, position.y, position.z);
    camera->SetViewUp(up.x, up.y, up.z);
    camera->SetParallelScale(m->fitScale() / m->state.zoom());
    camera->SetClippingRange(kCameraDistance / 2, kCameraDistance * 1.5);
    // Reference lines just in front of the slice, so they are never hidden by it.
    m->referenceActor->SetPosition(0, 0, -towardsScene.z * 0.25 * (m->geometry().sliceSpacing > 0 ? m->geometry().sliceSpacing : 1.0));
    m->overlay->setSideLabels(sideLabels());
    m->towardsSceneZ = towardsScene.z;
    relayoutOverlay();
    placeShapes();
}

void SliceScene::relayoutOverlay()
{
    m->laidOutWidth = m->width();
    m->laidOutHeight = m->height();
    // No scale bar without Pixel Spacing: the millimetres would be invented.
    m->overlay->layout(m->width(), m->height(), m->volume && m->volume->hasPixelSpacing ? m->mmPerPixel() : 0);
}

void SliceScene::volumeDataChanged()
{
    if (m->image)
        m->image->GetPointData()->GetScalars()->Modified();
}

std::array<std::string, 4> SliceScene::sideLabels() const
{
    if (!m->volume || !m->volume->hasPatientGeometry)
        return {};  // no orientation in the files: no letters rather than wrong ones
    const StackGeometry& g = m->volume->geometry();
    const Vec3 right = patientDirection(g, m->state.screenRight()), up = patientDirection(g, m->state.screenUp());
    return {orientationLabel(right * -1.0), orientationLabel(right), orientationLabel(up), orientationLabel(up * -1.0)};
}

std::optional<SliceProbe> SliceScene::probe(double x, double y) const
{
    if (!m->volume)
        return std::nullopt;
    const StackGeometry& g = m->volume->geometry();
    const double mm = m->mmPerPixel();
    const double sx = (x - m->width() / 2.0) * mm, sy = (m->height() / 2.0 - y) * mm;  // screen mm, y up
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const auto f = m->focal();
    const double wx = f[0] + r.x * sx + u.x * sy, wy = f[1] + r.y * sx + u.y * sy;
    const double fi = wx / g.columnSpacing, fj = wy / g.rowSpacing;
    const int i = int(std::lround(fi)), j = int(std::lround(fj));
    if (i < 0 || j < 0 || i >= g.columns || j >= g.rows)
        return std::nullopt;
    SliceProbe p;
    p.i = i;
    p.j = j;
    p.k = m->k;
    p.value = m->volume->valueAt(i, j, m->k);
    p.patient = g.toPatient(fi, fj, m->k);
    return p;
}

std::array<double, 2> SliceScene::viewPosition(const Vec3& patient) const
{
    if (!m->volume)
        return {0, 0};
    const StackGeometry& g = m->volume->geometry();
    const Vec3 index = g.toIndex(patient);
    const auto f = m->focal();
    const double dx = index.x * g.columnSpacing - f[0], dy = index.y * g.rowSpacing - f[1];
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const double mm = m->mmPerPixel();
    return {m->width() / 2.0 + (dx * r.x + dy * r.y) / mm, m->height() / 2.0 - (dx * u.x + dy * u.y) / mm};
}

Vec3 SliceScene::patientPosition(double x, double y) const
{
    if (!m->volume)
        return {};
    const StackGeometry& g = m->volume->geometry();
    const double mm = m->mmPerPixel();
    const double sx = (x - m->width() / 2.0) * mm, sy = (m->height() / 2.0 - y) * mm;
    const ImageAxes2 r = m->state.screenRight(), u = m->state.screenUp();
    const auto f = m->focal();
    return g.toPatient((f[0] + r.x * sx + u.x * sy) / g.columnSpacing, (f[1] + r.y * sx + u.y * sy) / g.rowSpacing, m->k);
}

} // namespace hf
