#include "hf/viewer/ReportDisplay.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

constexpr std::array<std::uint8_t, 3> kForeignColour{110, 190, 255};  // light blue: not ours (green)

// CIRCLE (centre, a point on it) and ELLIPSE (major axis ends, minor axis ends) as polygons, in
// whichever coordinates they come (image pixels or patient mm).
std::vector<Vec3> outline(const SrRegion& region)
{
    const auto& p = region.points;
    constexpr int kSteps = 48;
    std::vector<Vec3> ring;
    if (region.graphicType == "CIRCLE" && p.size() >= 2) {
        const Vec3 radius = p[1] - p[0];
        // A circle in image pixels lies in the image plane (z = 0); in patient space its plane
        // is unknown from two points: drawn in the image plane the view shows (x, y).
        Vec3 u = radius, v = region.patientSpace ? Vec3{-radius.y, radius.x, 0} : Vec3{-radius.y, radius.x, 0};
        for (int i = 0; i < kSteps; ++i) {
            const double t = 2 * M_PI * i / kSteps;
            ring.push_back(p[0] + u * std::cos(t) + v * std::sin(t));
        }
    } else if (region.graphicType == "ELLIPSE" && p.size() >= 4) {
        const Vec3 centre = (p[0] + p[1]) * 0.5, a = (p[1] - p[0]) * 0.5, b = (p[3] - p[2]) * 0.5;
        for (int i = 0; i < kSteps; ++i) {
            const double t = 2 * M_PI * i / kSteps;
            ring.push_back(centre + a * std::cos(t) + b * std::sin(t));
        }
    } else {
        ring = p;
    }
    return ring;
}

OverlayShape::Type shapeType(const std::string& graphicType)
{
    if (graphicType == "POINT" || graphicType == "MULTIPOINT")
        return OverlayShape::Type::Marker;
    if (graphicType == "POLYLINE")
        return OverlayShape::Type::Polyline;
    return OverlayShape::Type::ClosedPolyline;  // POLYGON, CIRCLE, ELLIPSE (as polygons)
}

std::string labelOf(const SrMeasurementGroup& g)
{
    std::string label = !g.finding.empty() ? g.finding : g.trackingId;
    for (const std::string& v : g.values)
        label += (label.empty() ? "" : "; ") + v;
    return label;
}

} // namespace

ReportDisplay::ReportDisplay(SliceScene& scene)
    : m_scene(scene)
{
}

void ReportDisplay::setReports(std::vector<std::shared_ptr<const SrDocument>> reports)
{
    m_reports = std::move(reports);
    refresh();
}

void ReportDisplay::setVisible(const std::string& reportSopInstanceUid, int group, bool visible)
{
    if (visible)
        m_hidden.erase({reportSopInstanceUid, group});
    else
        m_hidden.insert({reportSopInstanceUid, group});
    refresh();
}

bool ReportDisplay::isVisible(const std::string& reportSopInstanceUid, int group) const
{
    return !m_hidden.count({reportSopInstanceUid, group});
}

bool ReportDisplay::drawable(const SrDocument& report) const
{
    const Volume* volume = m_scene.volume();
    if (!volume)
        return false;
    for (const SrMeasurementGroup& g : report.groups)
        for (const SrRegion& r : g.regions) {
            if (r.patientSpace && !r.frameOfReferenceUid.empty() && r.frameOfReferenceUid == volume->frameOfReferenceUid)
                return true;
            for (const std::string& sop : volume->sliceSopInstanceUids)
                if (!r.patientSpace && sop == r.sopInstanceUid)
                    return true;
        }
    return false;
}

std::vector<Vec3> ReportDisplay::outlineOnSlice(const SrRegion& region) const
{
    const Volume* volume = m_scene.volume();
    const StackGeometry& g = volume->geometry();
    const int k = m_scene.slice();
    std::vector<Vec3> out;
    if (region.patientSpace) {
        if (region.frameOfReferenceUid != volume->frameOfReferenceUid)
            return {};
        const SlicePlane plane = m_scene.plane();
        const double half = (g.sliceSpacing > 0 ? g.sliceSpacing : 1.0) / 2;
        for (const Vec3& p : region.points)
            if (std::abs((p - plane.origin).dot(plane.normal)) > half)
                return {};
        return outline(region);
    }
    // On an image: only when it is the shown slice (and frame).
    const auto& sops = volume->sliceSopInstanceUids;
    if (size_t(k) >= sops.size() || sops[size_t(k)] != region.sopInstanceUid)
        return {};
    if (region.frame > 0 && size_t(k) < volume->sliceFrames.size() && volume->sliceFrames[size_t(k)] + 1 != region.frame)
        return {};
    // Pixel (0, 0) is the top-left pixel's corner: its centre, voxel index 0, is at 0.5.
    for (const Vec3& p : outline(region))
        out.push_back(g.toPatient(p.x - 0.5, p.y - 0.5, k));
    return out;
}

std::vector<ReportDisplay::AsAnnotation> ReportDisplay::asAnnotations(const std::string& reportSopInstanceUid, int group) const
{
    std::vector<AsAnnotation> out;
    if (!m_scene.volume())
        return out;
    const SlicePlane plane = m_scene.plane();
    for (const auto& report : m_reports) {
        if (report->sopInstanceUid != reportSopInstanceUid || group < 0 || size_t(group) >= report->groups.size())
            continue;
        for (const SrRegion& region : report->groups[size_t(group)].regions) {
            const std::vector<Vec3> outlinePoints = outlineOnSlice(region);
            if (outlinePoints.empty())
                continue;
            // The region's own points, in patient space on this slice.
            SrRegion asDrawn = region;
            asDrawn.graphicType = "POLYLINE";  // no sampling: the points as given
            const std::vector<Vec3> p = outlineOnSlice(asDrawn);
            const std::string& type = region.graphicType;
            if (type == "POINT" || type == "MULTIPOINT") {
                for (const Vec3& point : p)
                    out.push_back({AnnotationKind::Point, {point}});
            } else if (type == "POLYLINE" && p.size() == 2) {
                out.push_back({AnnotationKind::Length, p});
            } else if (type == "POLYLINE" && p.size() == 3) {
                out.push_back({AnnotationKind::Angle, p});
            } else if ((type == "CIRCLE" || type == "ELLIPSE") && !outlinePoints.empty()) {
                // Our ellipse is held by two opposite corners of its box on the slice's axes.
                double minU = INFINITY, maxU = -INFINITY, minV = INFINITY, maxV = -INFINITY;
                for (const Vec3& q : outlinePoints) {
                    minU = std::min(minU, plane.u(q));
                    maxU = std::max(maxU, plane.u(q));
                    minV = std::min(minV, plane.v(q));
                    maxV = std::max(maxV, plane.v(q));
                }
                out.push_back({AnnotationKind::Ellipse,
                               {plane.origin + plane.rowDirection * minU + plane.columnDirection * minV,
                                plane.origin + plane.rowDirection * maxU + plane.columnDirection * maxV}});
            } else if (p.size() >= 3) {
                std::vector<Vec3> ring = p;
                if (ring.size() > 3 && (ring.front() - ring.back()).norm() < 1e-6)
                    ring.pop_back();  // closed by repeating the first point
                out.push_back({type == "POLYGON" ? AnnotationKind::Polygon : AnnotationKind::Freehand, ring});
            }
        }
    }
    // On the slice exactly, as an annotation drawn there would be (3D regions lie within it).
    for (AsAnnotation& a : out)
        for (Vec3& p : a.points)
            p = p - plane.normal * (p - plane.origin).dot(plane.normal);
    return out;
}

void ReportDisplay::refresh()
{
    m_drawn.clear();
    std::vector<OverlayShape> shapes;
    if (m_scene.volume())
        for (const auto& report : m_reports)
            for (size_t gi = 0; gi < report->groups.size(); ++gi) {
                if (!isVisible(report->sopInstanceUid, int(gi)))
                    continue;
                const SrMeasurementGroup& group = report->groups[gi];
                bool labelled = false;
                for (const SrRegion& region : group.regions) {
                    std::vector<Vec3> points = outlineOnSlice(region);
                    if (points.empty())
                        continue;
                    OverlayShape shape;
                    shape.id = "sr:" + report->sopInstanceUid + ":" + std::to_string(gi);
                    shape.type = shapeType(region.graphicType);
                    shape.colour = kForeignColour;
                    if (!labelled)
                        shape.label = labelOf(group);
                    labelled = true;
                    shape.points = points;
                    m_drawn.push_back({report->sopInstanceUid, shape.label, int(gi), std::move(points)});
                    shapes.push_back(std::move(shape));
                }
            }
    m_scene.setContourShapes("reports", std::move(shapes));
}

} // namespace hf
