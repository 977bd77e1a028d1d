#include "hf/viewer/AnnotationEditing.h"

#include "hf/annotations/Geometry.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/viewer/AnnotationCanvas.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace hf {
namespace {

constexpr double kHitPixels = 6;

AnnotationEditing::Outcome outcome(AnnotationEditing::Outcome::Kind kind, AnnotationKind drawn = AnnotationKind::Length,
                                   std::vector<Vec3> points = {}, std::string id = {})
{
    AnnotationEditing::Outcome o;
    o.kind = kind;
    o.drawnKind = drawn;
    o.points = std::move(points);
    o.id = std::move(id);
    return o;
}

OverlayShape::Type shapeType(AnnotationKind kind, bool closed)
{
    switch (kind) {
    case AnnotationKind::Length:
    case AnnotationKind::Angle:
    case AnnotationKind::Path: return OverlayShape::Type::Polyline;
    case AnnotationKind::CobbAngle: return OverlayShape::Type::Segments;
    case AnnotationKind::Ellipse:
    case AnnotationKind::Sphere: return OverlayShape::Type::Ellipse;
    case AnnotationKind::Rectangle: return OverlayShape::Type::Rectangle;
    case AnnotationKind::Polygon:
    case AnnotationKind::Freehand: return closed ? OverlayShape::Type::ClosedPolyline : OverlayShape::Type::Polyline;
    case AnnotationKind::Arrow: return OverlayShape::Type::Arrow;
    case AnnotationKind::Point:
    case AnnotationKind::Text: return OverlayShape::Type::Marker;
    }
    return OverlayShape::Type::Polyline;
}

bool dragKind(AnnotationKind k)
{
    return k == AnnotationKind::Length || k == AnnotationKind::Arrow || k == AnnotationKind::Ellipse || k == AnnotationKind::Rectangle ||
           k == AnnotationKind::Sphere;
}

// What a shape being drawn shows of `points` on a plane: a sphere its cut circle (its box's
// corners; nothing where the plane misses it), anything else its points.
std::optional<std::vector<Vec3>> drawnPoints(AnnotationKind kind, const std::vector<Vec3>& points, const SlicePlane& plane)
{
    if (kind != AnnotationKind::Sphere || points.size() != 2)
        return points;
    const auto cut = sphereCut(points[0], points[1], plane.origin, plane.rowDirection, plane.columnDirection);
    if (!cut)
        return std::nullopt;
    return std::vector<Vec3>{(*cut)[0], (*cut)[1]};
}

double distanceToSegment(double px, double py, const std::array<double, 2>& a, const std::array<double, 2>& b)
{
    const double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((px - a[0]) * dx + (py - a[1]) * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

} // namespace

AnnotationEditing::AnnotationEditing(AnnotationCanvas& canvas)
    : m_canvas(canvas)
{
}

void AnnotationEditing::setTool(std::optional<AnnotationKind> tool)
{
    m_tool = tool;
    m_points.clear();
    m_drag = Drag::None;
    refresh();
}

void AnnotationEditing::setAnnotations(std::vector<ViewAnnotation> annotations)
{
    m_annotations = std::move(annotations);
    if (!find(m_selected))
        m_selected.clear();
    if (m_drag == Drag::Move || m_drag == Drag::Handle)
        m_drag = Drag::None;
    refresh();
}

void AnnotationEditing::select(const std::string& id)
{
    m_selected = find(id) ? id : std::string();
    refresh();
}

const ViewAnnotation* AnnotationEditing::find(const std::string& id) const
{
    for (const auto& a : m_annotations)
        if (!id.empty() && a.annotation.id == id)
            return &a;
    return nullptr;
}

std::optional<DrawnAnnotation> AnnotationEditing::drawnHere(const ViewAnnotation& a, const std::vector<Vec3>* points) const
{
    if (!m_canvas.ready() || a.annotation.deleted || a.annotation.points.empty())
        return std::nullopt;
    return m_canvas.drawn(a, points ? *points : a.annotation.points);
}

std::vector<std::string> AnnotationEditing::shownIds() const
{
    std::vector<std::string> ids;
    for (const auto& a : m_annotations)
        if (drawnHere(a))
            ids.push_back(a.annotation.id);
    return ids;
}

std::string AnnotationEditing::hit(double x, double y) const
{
    std::string found;
    for (const auto& a : m_annotations) {
        const auto drawn = drawnHere(a);
        if (!drawn || drawn->cut || drawn->points.empty())  // a cut is not the shape to pick
            continue;
        std::vector<std::array<double, 2>> p;
        for (const Vec3& point : drawn->points)
            p.push_back(m_canvas.viewPosition(point));
        bool inside = false;
        const AnnotationKind k = a.annotation.kind;
        if (k == AnnotationKind::Ellipse || k == AnnotationKind::Rectangle || k == AnnotationKind::Sphere) {
            inside = x >= std::min(p[0][0], p[1][0]) - kHitPixels && x <= std::max(p[0][0], p[1][0]) + kHitPixels &&
                     y >= std::min(p[0][1], p[1][1]) - kHitPixels && y <= std::max(p[0][1], p[1][1]) + kHitPixels;
        } else if (p.size() == 1) {
            inside = std::hypot(x - p[0][0], y - p[0][1]) <= 2 * kHitPixels;
        } else {
            const bool closed = k == AnnotationKind::Polygon || k == AnnotationKind::Freehand;
            for (size_t n = 0; n + 1 < p.size() + (closed ? 1 : 0); ++n)
                inside |= distanceToSegment(x, y, p[n], p[(n + 1) % p.size()]) <= kHitPixels;
        }
        if (inside && (found.empty() || a.annotation.id == m_selected))
            found = a.annotation.id;
    }
    return found;
}

int AnnotationEditing::handleAt(double x, double y) const
{
    const ViewAnnotation* a = find(m_selected);
    const auto drawn = a ? drawnHere(*a) : std::nullopt;
    if (!drawn || drawn->cut)
        return -1;
    for (size_t n = 0; n < a->annotation.points.size(); ++n) {
        const auto p = m_canvas.viewPosition(a->annotation.points[n]);
        if (std::hypot(x - p[0], y - p[1]) <= kHitPixels)
            return int(n);
    }
    return -1;
}

AnnotationEditing::Outcome AnnotationEditing::press(double x, double y, bool doubleClick)
{
    if (!m_canvas.ready())
        return {};
    m_pressX = x;
    m_pressY = y;
    const Vec3 p = m_canvas.patientPosition(x, y);
    if (m_tool) {
        const AnnotationKind k = *m_tool;
        if (k == AnnotationKind::Point || k == AnnotationKind::Text)
            return outcome(Outcome::Drawn, k, {p});
        if (dragKind(k)) {
            m_points = {p, p};
            m_drag = Drag::NewShape;
        } else if (k == AnnotationKind::Freehand) {
            m_points = {p};
            m_drag = Drag::Freehand;
        } else if (m_points.empty()) {
            m_points = {p, p};  // the last point follows the mouse until the next click
        } else if ((k == AnnotationKind::Polygon || k == AnnotationKind::Path) && doubleClick) {
            return finish();
        } else {
            m_points.back() = p;
            if (!variablePointCount(k) && int(m_points.size()) == requiredPoints(k))
                return complete();
            m_points.push_back(p);
        }
        refresh();
        return outcome(Outcome::Consumed);
    }
    const int handle = handleAt(x, y);
    const std::string id = handle >= 0 ? m_selected : hit(x, y);
    if (id.empty()) {
        if (!m_selected.empty()) {
            m_selected.clear();
            refresh();
        }
        return {};
    }
    m_selected = id;
    m_editPoints = find(id)->annotation.points;
    m_handle = handle;
    m_drag = handle >= 0 ? Drag::Handle : Drag::Move;
    m_dragStart = p;
    refresh();
    return outcome(Outcome::Consumed);
}

AnnotationEditing::Outcome AnnotationEditing::move(double x, double y)
{
    const Vec3 p = m_canvas.patientPosition(x, y);
    switch (m_drag) {
    case Drag::Freehand: {
        const auto last = m_canvas.viewPosition(m_points.back());
        if (std::hypot(x - last[0], y - last[1]) >= 3)
            m_points.push_back(p);
        break;
    }
    case Drag::Move: {
        const ViewAnnotation* a = find(m_selected);
        if (!a)
            return {};
        const Vec3 delta = p - m_dragStart;
        m_editPoints = a->annotation.points;
        for (Vec3& point : m_editPoints)
            point = point + delta;
        break;
    }
    case Drag::Handle: m_editPoints[size_t(m_handle)] = p; break;
    case Drag::NewShape:
    case Drag::None:
        if (m_points.empty())
            return {};
        m_points.back() = p;
        break;
    }
    refresh();
    return outcome(Outcome::Consumed);
}

AnnotationEditing::Outcome AnnotationEditing::release(double x, double y)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    switch (drag) {
    case Drag::NewShape:
        move(x, y);
        if (std::hypot(x - m_pressX, y - m_pressY) < 3) {  // a click, not a drag: nothing drawn
            cancel();
            return outcome(Outcome::Consumed);
        }
        return complete();
    case Drag::Freehand:
        if (m_points.size() >= 3)
            return complete();
        cancel();
        return outcome(Outcome::Consumed);
    case Drag::Move:
    case Drag::Handle: {
        if (std::hypot(x - m_pressX, y - m_pressY) < 2) {
            refresh();
            return outcome(Outcome::Consumed);
        }
        // Shown where it was dropped at once; the stored revision replaces it when it comes back.
        for (auto& a : m_annotations)
            if (a.annotation.id == m_selected)
                a.annotation.points = m_editPoints;
        refresh();
        return outcome(Outcome::Edited, AnnotationKind::Length, m_editPoints, m_selected);
    }
    case Drag::None: return m_points.empty() ? Outcome{} : outcome(Outcome::Consumed);
    }
    return {};
}

AnnotationEditing::Outcome AnnotationEditing::finish()
{
    if (!m_tool || m_points.size() < 2 || !variablePointCount(*m_tool))
        return {};
    m_points.pop_back();  // the point following the mouse
    if (int(m_points.size()) < requiredPoints(*m_tool)) {
        m_points.push_back(m_points.back());
        return outcome(Outcome::Consumed);
    }
    return complete();
}

AnnotationEditing::Outcome AnnotationEditing::complete()
{
    Outcome o = outcome(Outcome::Drawn, *m_tool, std::move(m_points));
    m_points.clear();
    m_drag = Drag::None;
    refresh();
    return o;
}

bool AnnotationEditing::cancel()
{
    const bool had = !m_points.empty();
    m_points.clear();
    m_drag = Drag::None;
    refresh();
    return had;
}

void AnnotationEditing::refresh()
{
    std::vector<OverlayShape> shapes;
    for (const auto& a : m_annotations) {
        const bool selected = a.annotation.id == m_selected;
        const bool editing = selected && (m_drag == Drag::Move || m_drag == Drag::Handle);
        const auto drawn = drawnHere(a, editing ? &m_editPoints : nullptr);
        if (!drawn)
            continue;
        std::string label = a.annotation.kind == AnnotationKind::Text ? a.annotation.label : a.summary;
        if (!a.annotation.label.empty() && a.annotation.kind != AnnotationKind::Text)
            label = a.annotation.label + ": " + label;
        if (!drawn->cut)
            shapes.push_back({a.annotation.id, shapeType(a.annotation.kind, true), drawn->points, label, selected});
        else if (drawn->points.size() == 1)  // where a line pierces the plane
            shapes.push_back({a.annotation.id, OverlayShape::Type::Marker, drawn->points, label, selected});
        else  // chords across the plane, in pairs
            shapes.push_back({a.annotation.id, OverlayShape::Type::Segments,
                              {drawn->points.begin(), drawn->points.begin() + long(drawn->points.size() / 2 * 2)}, label, selected});
    }
    if (!m_points.empty() && m_tool)
        if (const auto drawn = drawnPoints(*m_tool, m_points, m_canvas.plane()))
            shapes.push_back({"", shapeType(*m_tool, false), *drawn, "", true});
    m_canvas.setShapes(std::move(shapes));
}

} // namespace hf
