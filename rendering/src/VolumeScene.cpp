#include "hf/rendering/VolumeScene.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/ImageDataWrap.h"
#include "hf/rendering/SegmentSurfaces.h"

#include "hf/dicomio/VolumeSampling.h"

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCoordinate.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPlane.h>
#include <vtkPlaneCollection.h>
#include <vtkPlanes.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hf {

struct VolumeScene::Impl {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkGPUVolumeRayCastMapper> mapper;
    vtkNew<vtkVolume> prop;
    vtkNew<vtkVolumeProperty> property;
    vtkNew<vtkColorTransferFunction> colors;
    vtkNew<vtkPiecewiseFunction> opacities;
    std::shared_ptr<const Volume> volume;
    vtkSmartPointer<vtkImageData> image;
    VolumeRenderingPreset preset;
    double shift = 0;
    vtkNew<vtkPlaneCollection> clipping;
    std::vector<vtkSmartPointer<vtkActor>> surfaces;
    std::optional<std::array<Vec3, 2>> ruler;
    vtkNew<vtkPolyData> rulerLine;
    // Drawn over the rendering (2D actors placed by world coordinates): a ruler on a surface
    // would be half hidden by it.
    vtkNew<vtkActor2D> rulerActor;
    vtkNew<vtkTextActor> rulerText;
    vtkNew<vtkTextActor> notice;  // top left: what the rendering lacks (slices still to come)
};

VolumeScene::VolumeScene()
    : m(std::make_unique<Impl>())
{
    m->renderer->SetBackground(0.08, 0.08, 0.1);
    m->property->SetColor(m->colors);
    m->property->SetScalarOpacity(m->opacities);
    m->property->SetInterpolationTypeToLinear();
    m->prop->SetMapper(m->mapper);
    m->prop->SetProperty(m->property);
    setPreset(VolumeRenderingPreset::ctBone());
    vtkNew<vtkPolyDataMapper2D> rulerMapper;
    rulerMapper->SetInputData(m->rulerLine);
    vtkNew<vtkCoordinate> worldCoordinates;
    worldCoordinates->SetCoordinateSystemToWorld();
    rulerMapper->SetTransformCoordinate(worldCoordinates);
    m->rulerActor->SetMapper(rulerMapper);
    m->rulerActor->GetProperty()->SetColor(1.0, 0.85, 0.2);
    m->rulerActor->GetProperty()->SetLineWidth(2.5);
    m->rulerActor->SetVisibility(false);
    m->rulerText->GetTextProperty()->SetColor(1.0, 0.85, 0.2);
    m->rulerText->GetTextProperty()->SetFontSize(16);
    m->rulerText->GetTextProperty()->SetJustificationToLeft();
    m->rulerText->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    m->rulerText->SetVisibility(false);
    m->renderer->AddActor2D(m->rulerActor);
    m->renderer->AddActor2D(m->rulerText);
    m->notice->GetTextProperty()->SetColor(0.55, 0.7, 1.0);
    m->notice->GetTextProperty()->SetFontSize(14);
    m->notice->GetTextProperty()->SetJustificationToLeft();
    m->notice->GetTextProperty()->SetVerticalJustificationToTop();
    m->notice->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    m->notice->GetPositionCoordinate()->SetValue(0.02, 0.97);
    m->notice->SetVisibility(false);
    m->renderer->AddActor2D(m->notice);
}

void VolumeScene::setNotice(const std::string& line)
{
    m->notice->SetInput(line.c_str());
    m->notice->SetVisibility(!line.empty());
}

std::string VolumeScene::notice() const
{
    return m->notice->GetVisibility() && m->notice->GetInput() ? m->notice->GetInput() : std::string();
}

std::optional<Vec3> VolumeScene::surfacePoint(double x, double y) const
{
    if (!m->volume)
        return std::nullopt;
    const int* size = m->renderer->GetSize();
    if (!size || size[1] <= 0)
        return std::nullopt;
    auto world = [&](double depth) {
        m->renderer->SetDisplayPoint(x, size[1] - 1 - y, depth);
        m->renderer->DisplayToWorld();
        const double* w = m->renderer->GetWorldPoint();
        return Vec3{w[0] / w[3], w[1] / w[3], w[2] / w[3]};
    };
    const Vec3 near = world(0), far = world(1);
    const Vec3 direction = (far - near).normalized();
    // Only where the ray is inside the volume's box.
    const std::array<double, 6> b = bounds();
    double enter = 0, leave = (far - near).norm();
    const double from[3] = {near.x, near.y, near.z}, along[3] = {direction.x, direction.y, direction.z};
    for (int a = 0; a < 3; ++a) {
        if (std::abs(along[a]) < 1e-12) {
            if (from[a] < b[2 * a] || from[a] > b[2 * a + 1])
                return std::nullopt;
            continue;
        }
        double t0 = (b[2 * a] - from[a]) / along[a], t1 = (b[2 * a + 1] - from[a]) / along[a];
        if (t0 > t1)
            std::swap(t0, t1);
        enter = std::max(enter, t0);
        leave = std::min(leave, t1);
    }
    if (enter > leave)
        return std::nullopt;
    // Composed front to back as the ray caster does: each step's opacity corrected for its length
    // against the property's unit distance.
    const double step = smallestSpacing(*m->volume) / 2, unit = m->property->GetScalarOpacityUnitDistance();
    double opacity = 0;
    for (double t = enter; t <= leave; t += step) {
        const Vec3 p = near + direction * t;
        if (clippedAway(p))
            continue;
        const auto v = interpolatedValueAt(*m->volume, p);
        if (!v)
            continue;
        const double a = std::clamp(m->opacities->GetValue(*v), 0.0, 1.0);
        opacity += (1 - opacity) * (1 - std::pow(1 - a, step / unit));
        if (opacity >= 0.5)
            return p;
    }
    return std::nullopt;
}

void VolumeScene::setRuler(std::optional<std::array<Vec3, 2>> ends)
{
    m->ruler = ends;
    m->rulerActor->SetVisibility(ends.has_value());
    m->rulerText->SetVisibility(ends.has_value());
    if (!ends)
        return;
    const Vec3 a = (*ends)[0], b = (*ends)[1];
    vtkNew<vtkPoints> points;
    points->InsertNextPoint(a.x, a.y, a.z);
    points->InsertNextPoint(b.x, b.y, b.z);
    vtkNew<vtkCellArray> line;
    const vtkIdType ids[2] = {0, 1};
    line->InsertNextCell(2, ids);
    m->rulerLine->Initialize();
    m->rulerLine->SetPoints(points);
    m->rulerLine->SetLines(line);
    m->rulerLine->Modified();
    char text[32];
    std::snprintf(text, sizeof text, "%.1f mm", (b - a).norm());
    m->rulerText->SetInput(text);
    // Beside its far end (the end on the right of the screen is as good as any).
    m->rulerText->GetPositionCoordinate()->SetValue(b.x, b.y, b.z);
}

std::optional<std::array<Vec3, 2>> VolumeScene::ruler() const { return m->ruler; }

VolumeScene::~VolumeScene() = default;

vtkRenderer* VolumeScene::renderer() const { return m->renderer; }
bool VolumeScene::hasVolume() const { return m->volume != nullptr; }

void VolumeScene::setVolume(std::shared_ptr<const Volume> volume)
{
    m->renderer->RemoveViewProp(m->prop);
    // A series filling in as it arrives keeps the reader's camera.
    const bool fillingIn = m->volume && volume && fillsIn(*m->volume, *volume);
    m->volume = std::move(volume);
    // Colour volumes are shown in 2D only; their 3D rendering needs another transfer function.
    if (!m->volume || isColour(m->volume->type())) {
        m->volume.reset();
        return;
    }
    m->image = wrapVolume(*m->volume);
    m->mapper->SetInputData(m->image);
    m->prop->SetUserMatrix(patientMatrix(*m->volume));
    m->renderer->AddViewProp(m->prop);
    if (!fillingIn)
        resetCamera();
}

void VolumeScene::setPreset(const VolumeRenderingPreset& preset)
{
    m->preset = preset;
    m->colors->RemoveAllPoints();
    for (const auto& c : preset.colors)
        m->colors->AddRGBPoint(c.value + m->shift, c.r, c.g, c.b);
    m->opacities->RemoveAllPoints();
    for (const auto& o : preset.opacities)
        m->opacities->AddPoint(o.value + m->shift, o.opacity);
    m->property->SetShade(preset.shade);
    m->property->SetAmbient(preset.ambient);
    m->property->SetDiffuse(preset.diffuse);
    m->property->SetSpecular(preset.specular);
    if (preset.maximumIntensity)
        m->mapper->SetBlendModeToMaximumIntensity();
    else
        m->mapper->SetBlendModeToComposite();
}

void VolumeScene::setTransferShift(double offset)
{
    m->shift = offset;
    setPreset(m->preset);
}

double VolumeScene::transferShift() const { return m->shift; }

void VolumeScene::setClippingBox(const Vec3& low, const Vec3& high)
{
    // Six planes whose normals point out of the box: the mapper keeps the inner side.
    const Vec3 corner[2] = {low, high};
    const Vec3 axes[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) {
            vtkNew<vtkPlane> plane;
            plane->SetOrigin(corner[side].x, corner[side].y, corner[side].z);
            const Vec3 n = axes[a] * (side ? -1.0 : 1.0);  // VTK keeps the half-space the normal points into
            plane->SetNormal(n.x, n.y, n.z);
            m->clipping->AddItem(plane);
        }
    m->mapper->SetClippingPlanes(m->clipping);
}

void VolumeScene::addCropPlane(const Vec3& point, const Vec3& normal)
{
    vtkNew<vtkPlane> plane;
    plane->SetOrigin(point.x, point.y, point.z);
    const Vec3 keep = normal * -1.0;  // remove the side the normal points to
    plane->SetNormal(keep.x, keep.y, keep.z);
    m->clipping->AddItem(plane);
    m->mapper->SetClippingPlanes(m->clipping);
}

void VolumeScene::clearClipping()
{
    m->clipping->RemoveAllItems();
    m->mapper->RemoveAllClippingPlanes();
}

void VolumeScene::setClippingPlanes(vtkPlanes* planes)
{
    m->clipping->RemoveAllItems();
    for (int i = 0; planes && i < planes->GetNumberOfPlanes(); ++i) {
        vtkNew<vtkPlane> copy;
        vtkPlane* p = planes->GetPlane(i);
        copy->SetOrigin(p->GetOrigin());
        copy->SetNormal(p->GetNormal());
        m->clipping->AddItem(copy);
    }
    m->mapper->SetClippingPlanes(m->clipping);
}

std::array<double, 6> VolumeScene::bounds() const
{
    std::array<double, 6> b{0, 0, 0, 0, 0, 0};
    if (m->volume)
        m->prop->GetBounds(b.data());
    return b;
}

bool VolumeScene::clippedAway(const Vec3& p) const
{
    for (int i = 0; i < m->clipping->GetNumberOfItems(); ++i) {
        double x[3] = {p.x, p.y, p.z};
        if (m->clipping->GetItem(i)->EvaluateFunction(x) < 0)
            return true;
    }
    return false;
}

int VolumeScene::clippingPlaneCount() const { return m->clipping->GetNumberOfItems(); }

void VolumeScene::resetCamera()
{
    if (!m->volume)
        return;
    double b[6];
    m->prop->GetBounds(b);  // in patient space: the user matrix is applied
    const double c[3] = {(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
    vtkCamera* camera = m->renderer->GetActiveCamera();
    // From the patient's front (anterior is -y in LPS), head up: the patient's right on screen left.
    camera->SetFocalPoint(c);
    camera->SetPosition(c[0], c[1] - 1000, c[2]);
    camera->SetViewUp(0, 0, 1);
    m->renderer->ResetCamera(b);
    camera->Zoom(1.3);  // ResetCamera fits the bounding sphere; the box's corners are mostly air
}

} // namespace hf

namespace hf {

void VolumeScene::setSurfaces(const std::vector<SurfaceMesh>& surfaces)
{
    for (auto& actor : m->surfaces)
        m->renderer->RemoveViewProp(actor);
    m->surfaces.clear();
    for (const SurfaceMesh& mesh : surfaces) {
        const vtkIdType count = vtkIdType(mesh.points.size() / 3);
        vtkNew<vtkPoints> points;
        points->SetDataTypeToFloat();
        points->SetNumberOfPoints(count);
        vtkNew<vtkFloatArray> normals;
        normals->SetNumberOfComponents(3);
        normals->SetNumberOfTuples(count);
        for (vtkIdType i = 0; i < count; ++i) {
            points->SetPoint(i, &mesh.points[size_t(3 * i)]);
            normals->SetTypedTuple(i, &mesh.normals[size_t(3 * i)]);
        }
        vtkNew<vtkCellArray> triangles;
        for (size_t t = 0; t + 2 < mesh.triangles.size(); t += 3) {
            const vtkIdType ids[3] = {mesh.triangles[t], mesh.triangles[t + 1], mesh.triangles[t + 2]};
            triangles->InsertNextCell(3, ids);
        }
        vtkNew<vtkPolyData> data;
        data->SetPoints(points);
        data->SetPolys(triangles);
        data->GetPointData()->SetNormals(normals);
        vtkNew<vtkPolyDataMapper> mapper;
        mapper->SetInputData(data);
        mapper->ScalarVisibilityOff();
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->GetProperty()->SetColor(mesh.colour[0] / 255.0, mesh.colour[1] / 255.0, mesh.colour[2] / 255.0);
        m->renderer->AddViewProp(actor);
        m->surfaces.push_back(actor);
    }
}

int VolumeScene::surfaceCount() const { return int(m->surfaces.size()); }

} // namespace hf
