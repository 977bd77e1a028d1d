#include "hf/rendering/ShapeLayer.h"

#include <vtkActor.h>
#include <vtkMatrix4x4.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <cmath>

namespace hf {
namespace {

constexpr unsigned char kNormal[3] = {120, 255, 120};   // green: never a grey of the image
constexpr unsigned char kSelected[3] = {255, 170, 40};  // orange

using XY = std::array<double, 2>;

// The outline to draw, as polylines (each a list of points).
std::vector<std::vector<XY>> outline(const ShapeLayer::Placed& s, double handle)
{
    std::vector<std::vector<XY>> lines;
    const auto& p = s.xy;
    switch (s.type) {
    case OverlayShape::Type::Polyline: lines.push_back(p); break;
    case OverlayShape::Type::Segments:
        for (size_t i = 0; i + 1 < p.size(); i += 2)
            lines.push_back({p[i], p[i + 1]});
        break;
    case OverlayShape::Type::ClosedPolyline: {
        auto closed = p;
        if (!closed.empty())
            closed.push_back(closed.front());
        lines.push_back(closed);
        break;
    }
    case OverlayShape::Type::Rectangle:
        if (p.size() >= 2)
            lines.push_back({p[0], {p[1][0], p[0][1]}, p[1], {p[0][0], p[1][1]}, p[0]});
        break;
    case OverlayShape::Type::Ellipse:
        if (p.size() >= 2) {
            const double cx = (p[0][0] + p[1][0]) / 2, cy = (p[0][1] + p[1][1]) / 2;
            const double ax = std::abs(p[1][0] - p[0][0]) / 2, ay = std::abs(p[1][1] - p[0][1]) / 2;
            std::vector<XY> ring;
            for (int n = 0; n <= 72; ++n) {
                const double t = n * 2 * 3.14159265358979323846 / 72;
                ring.push_back({cx + ax * std::cos(t), cy + ay * std::sin(t)});
            }
            lines.push_back(ring);
        }
        break;
    case OverlayShape::Type::Arrow:
        if (p.size() >= 2) {
            lines.push_back({p[0], p[1]});
            const double dx = p[1][0] - p[0][0], dy = p[1][1] - p[0][1], length = std::hypot(dx, dy);
            if (length > 0) {
                const double ux = dx / length, uy = dy / length, head = std::min(length / 3, 6 * handle);
                lines.push_back({{p[1][0] - head * (ux - 0.5 * uy), p[1][1] - head * (uy + 0.5 * ux)}, p[1],
                                 {p[1][0] - head * (ux + 0.5 * uy), p[1][1] - head * (uy - 0.5 * ux)}});
            }
        }
        break;
    case OverlayShape::Type::Marker:
        for (const XY& c : p) {
            lines.push_back({{c[0] - 2 * handle, c[1]}, {c[0] + 2 * handle, c[1]}});
            lines.push_back({{c[0], c[1] - 2 * handle}, {c[0], c[1] + 2 * handle}});
        }
        break;
    }
    if (s.selected)
        for (const XY& c : p)
            lines.push_back({{c[0] - handle, c[1] - handle}, {c[0] + handle, c[1] - handle}, {c[0] + handle, c[1] + handle},
                             {c[0] - handle, c[1] + handle}, {c[0] - handle, c[1] - handle}});
    return lines;
}

const unsigned char* colourOf(const ShapeLayer::Placed& s)
{
    if (s.selected)
        return kSelected;
    return s.colour ? s.colour->data() : kNormal;
}

} // namespace

struct ShapeLayer::Impl {
    vtkRenderer* renderer;
    vtkNew<vtkPolyData> lines;
    vtkNew<vtkActor> actor;
    std::vector<vtkSmartPointer<vtkTextActor>> labels;
    std::vector<Placed> shapes;
};

ShapeLayer::ShapeLayer(vtkRenderer* renderer)
    : m(std::make_unique<Impl>())
{
    m->renderer = renderer;
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(m->lines);
    m->actor->SetMapper(mapper);
    m->actor->GetProperty()->SetLineWidth(2);
    m->actor->GetProperty()->LightingOff();
    renderer->AddViewProp(m->actor);
}

ShapeLayer::~ShapeLayer()
{
    m->renderer->RemoveViewProp(m->actor);
    for (auto& label : m->labels)
        m->renderer->RemoveViewProp(label);
}

void ShapeLayer::setShapes(std::vector<Placed> shapes, double z, double handleSize)
{
    m->shapes = std::move(shapes);
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    for (const Placed& s : m->shapes)
        for (const auto& line : outline(s, handleSize)) {
            std::vector<vtkIdType> ids;
            for (const XY& p : line)
                ids.push_back(points->InsertNextPoint(p[0], p[1], z));
            cells->InsertNextCell(vtkIdType(ids.size()), ids.data());
            colours->InsertNextTypedTuple(colourOf(s));
        }
    m->lines->Initialize();
    m->lines->SetPoints(points);
    m->lines->SetLines(cells);
    m->lines->GetCellData()->SetScalars(colours);
    // One text actor per labelled shape, reused across updates.
    size_t needed = 0;
    for (const Placed& s : m->shapes)
        needed += !s.label.empty();
    while (m->labels.size() < needed) {
        auto label = vtkSmartPointer<vtkTextActor>::New();
        label->GetTextProperty()->SetFontSize(13);
        label->GetTextProperty()->SetShadow(true);
        m->renderer->AddViewProp(label);
        m->labels.push_back(label);
    }
    size_t n = 0;
    for (const Placed& s : m->shapes) {
        if (s.label.empty())
            continue;
        vtkTextActor* label = m->labels[n++];
        label->SetInput(s.label.c_str());
        const unsigned char* c = colourOf(s);
        label->GetTextProperty()->SetColor(c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
        label->SetVisibility(true);
    }
    for (; n < m->labels.size(); ++n)
        m->labels[n]->SetVisibility(false);
}

void ShapeLayer::setUserMatrix(vtkMatrix4x4* matrix) { m->actor->SetUserMatrix(matrix); }

void ShapeLayer::placeLabels(const std::function<std::array<double, 2>(double, double)>& toDisplay)
{
    size_t n = 0;
    for (const Placed& s : m->shapes) {
        if (s.label.empty() || s.xy.empty())
            continue;
        // Right of the shape's rightmost point on screen, at its height.
        std::array<double, 2> anchor = toDisplay(s.xy[0][0], s.xy[0][1]);
        for (const auto& p : s.xy) {
            const auto d = toDisplay(p[0], p[1]);
            if (d[0] > anchor[0])
                anchor = d;
        }
        m->labels[n++]->SetPosition(anchor[0] + 8, anchor[1] - 6);
    }
}

} // namespace hf
