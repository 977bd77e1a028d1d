#include "hf/rendering/SliceScene.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/ImageDataWrap.h"

#include <vtkCamera.h>
#include <vtkCornerAnnotation.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkDataArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextProperty.h>

#include <algorithm>

namespace hf {

struct SliceScene::Impl {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkCornerAnnotation> corners;
    vtkNew<vtkLookupTable> invertedGray;
    vtkNew<vtkLookupTable> voiLut;
    bool usingVoiLut = false;
    std::shared_ptr<const Volume> volume;
    vtkSmartPointer<vtkImageData> image;
    int k = 0;
};

SliceScene::SliceScene()
    : m(std::make_unique<Impl>())
{
    m->renderer->SetBackground(0, 0, 0);
    m->mapper->SetOrientationToZ();
    m->mapper->SliceAtFocalPointOff();
    m->mapper->SliceFacesCameraOff();
    m->slice->SetMapper(m->mapper);
    m->slice->GetProperty()->SetInterpolationTypeToLinear();
    // MONOCHROME1: low values are white. The LUT spans the window, so window/level still applies.
    m->invertedGray->SetValueRange(1, 0);
    m->invertedGray->SetSaturationRange(0, 0);
    m->invertedGray->SetRampToLinear();
    m->invertedGray->Build();
    m->corners->SetMaximumFontSize(16);
    m->corners->SetMinimumFontSize(9);
    m->corners->GetTextProperty()->SetColor(0.9, 0.9, 0.6);
    m->renderer->AddViewProp(m->corners);
}

SliceScene::~SliceScene() = default;

vtkRenderer* SliceScene::renderer() const { return m->renderer; }
bool SliceScene::hasVolume() const { return m->volume != nullptr; }
int SliceScene::sliceCount() const { return m->volume ? m->volume->geometry().slices : 0; }
int SliceScene::slice() const { return m->k; }
double SliceScene::windowCenter() const { return m->slice->GetProperty()->GetColorLevel(); }
double SliceScene::windowWidth() const { return m->slice->GetProperty()->GetColorWindow(); }

void SliceScene::setVolume(std::shared_ptr<const Volume> volume)
{
    m->volume = std::move(volume);
    if (!m->volume) {
        m->renderer->RemoveViewProp(m->slice);
        return;
    }
    m->image = wrapVolume(*m->volume);
    m->mapper->SetInputData(m->image);
    if (m->volume->type() == VoxelType::Rgb8)
        setWindow(127.5, 255);
    else if (m->volume->windows.empty() && hasVoiLut())
        useVoiLut();
    else if (!m->volume->windows.empty())
        setWindow(m->volume->windows.front().center, m->volume->windows.front().width);
    else {
        // No window in the files: the full range of the data (one pass over the volume).
        double range[2];
        m->image->GetScalarRange(range);
        setWindow((range[0] + range[1]) / 2, std::max(1.0, range[1] - range[0]));
    }
    if (!m->renderer->HasViewProp(m->slice))
        m->renderer->AddViewProp(m->slice);
    setSlice(m->volume->geometry().slices / 2);
    resetCamera();
}

void SliceScene::setSlice(int k)
{
    if (!m->volume)
        return;
    m->k = std::clamp(k, 0, m->volume->geometry().slices - 1);
    m->mapper->SetSliceNumber(m->k);
    m->renderer->ResetCameraClippingRange();
}

void SliceScene::setWindow(double center, double width)
{
    vtkImageProperty* property = m->slice->GetProperty();
    // Window mode: VTK maps [level - window/2, level + window/2] to black..white, or through the
    // inverted table for MONOCHROME1 (low values white).
    const bool inverted = m->volume && m->volume->photometric == Photometric::Monochrome1;
    property->SetLookupTable(inverted ? m->invertedGray.GetPointer() : nullptr);
    property->UseLookupTableScalarRangeOff();
    m->usingVoiLut = false;
    property->SetColorLevel(center);
    property->SetColorWindow(std::max(width, 1e-3));
}

bool SliceScene::hasVoiLut() const
{
    return m->volume && !m->volume->voiLut.empty() && m->volume->type() != VoxelType::Rgb8;
}

bool SliceScene::usingVoiLut() const
{
    return m->usingVoiLut;
}

void SliceScene::useVoiLut()
{
    if (!hasVoiLut())
        return;
    const VoiLut& lut = m->volume->voiLut;
    const double top = double((1 << lut.bits) - 1);
    const bool inverted = m->volume->photometric == Photometric::Monochrome1;
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
    vtkImageProperty* property = m->slice->GetProperty();
    property->SetLookupTable(m->voiLut);
    property->UseLookupTableScalarRangeOn();
    m->usingVoiLut = true;
}

void SliceScene::resetCamera()
{
    if (!m->volume)
        return;
    const StackGeometry& g = m->volume->geometry();
    const double width = g.columns * g.columnSpacing, height = g.rows * g.rowSpacing;
    const double cx = (g.columns - 1) * g.columnSpacing / 2, cy = (g.rows - 1) * g.rowSpacing / 2;
    vtkCamera* camera = m->renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    // Look along +k with rows going down the screen: the image as the scanner stored it.
    camera->SetFocalPoint(cx, cy, 0);
    camera->SetPosition(cx, cy, -1000);
    camera->SetViewUp(0, -1, 0);
    const double aspect = std::max(1e-6, m->renderer->GetTiledAspectRatio());
    camera->SetParallelScale(std::max(height / 2, width / 2 / aspect));
    m->renderer->ResetCameraClippingRange();
}

void SliceScene::volumeDataChanged()
{
    if (m->image)
        m->image->GetPointData()->GetScalars()->Modified();
}

void SliceScene::setCornerText(int corner, const char* text)
{
    m->corners->SetText(corner, text);
}

} // namespace hf
