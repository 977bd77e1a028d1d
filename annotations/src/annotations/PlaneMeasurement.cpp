#include "PlaneMeasurement.h"

#include "ValueUnit.h"

#include "hf/annotations/Geometry.h"
#include "hf/annotations/PlaneSampling.h"
#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace hf {
namespace {

constexpr double kPi = 3.14159265358979323846;
// A region larger than this many samples is refused rather than resampled for seconds.
constexpr double kMaxRegionSamples = 4e6;

struct PlanePoint {
    double u, v;  // mm along the plane's row and column axes from its origin
};

const char* slabName(const std::string& mode)
{
    return mode == "mip" ? "MIP" : mode == "minip" ? "MinIP" : "average";
}

std::string number(double v, const char* format)
{
    char s[32];
    std::snprintf(s, sizeof s, format, v);
    return s;
}

// Statistics over the samples whose centres are inside the shape; samples lie on the lattice of
// the plane's origin, `step` apart.
Measurement regionOnPlane(const Volume& volume, const AnnotationPlane& plane, double step, double minU, double maxU, double minV,
                          double maxV, const std::function<bool(double, double)>& inside, std::string& refusal)
{
    const long u0 = long(std::ceil(minU / step)), u1 = long(std::floor(maxU / step));
    const long v0 = long(std::ceil(minV / step)), v1 = long(std::floor(maxV / step));
    Measurement m;
    if (double(u1 - u0 + 1) * double(v1 - v0 + 1) > kMaxRegionSamples) {
        refusal = "not measured: the region is larger than " + number(kMaxRegionSamples, "%.0f") + " samples";
        return m;
    }
    const ValueUnit unit = valueUnitOf(volume);
    double sum = 0, sumSquares = 0, lo = 0, hi = 0;
    long n = 0;
    for (long b = v0; b <= v1; ++b)
        for (long a = u0; a <= u1; ++a) {
            const double u = a * step, v = b * step;
            if (!inside(u, v))
                continue;
            const auto value = planeValueAt(volume, plane, plane.origin + plane.row * u + plane.column * v);
            if (!value)
                continue;  // outside the volume: not part of what is shown
            lo = n ? std::min(lo, *value) : *value;
            hi = n ? std::max(hi, *value) : *value;
            sum += *value;
            sumSquares += *value * *value;
            ++n;
        }
    const double mean = n ? sum / double(n) : 0;
    const double variance = n > 1 ? std::max(0.0, (sumSquares - double(n) * mean * mean) / double(n - 1)) : 0;
    m.values = {{"mean", mean * unit.factor, unit.unit, unit.calibration},
                {"sd", std::sqrt(variance) * unit.factor, unit.unit, unit.calibration},
                {"min", lo * unit.factor, unit.unit, unit.calibration},
                {"max", hi * unit.factor, unit.unit, unit.calibration},
                {"pixels", double(n), "", {}}};
    return m;
}

bool insidePolygon(const std::vector<PlanePoint>& polygon, double u, double v)
{
    bool inside = false;
    for (size_t a = 0, b = polygon.size() - 1; a < polygon.size(); b = a++) {
        const PlanePoint &p = polygon[a], &q = polygon[b];
        if ((p.v > v) != (q.v > v) && u < (q.u - p.u) * (v - p.v) / (q.v - p.v) + p.u)
            inside = !inside;
    }
    return inside;
}

} // namespace

Measurement measureOnPlane(const Annotation& a, const Volume& volume)
{
    const AnnotationPlane& plane = *a.plane;
    const double step = planeSampleSpacing(volume);
    std::vector<PlanePoint> q;
    for (const Vec3& p : a.points)
        q.push_back({(p - plane.origin).dot(plane.row), (p - plane.origin).dot(plane.column)});
    auto flat = [](const PlanePoint& p) { return Vec3{p.u, p.v, 0}; };
    const ValueUnit unit = valueUnitOf(volume);
    // Values named by how the plane shows them: a slab's values are its MIP (or ...) values.
    const std::string valueCalibration =
        plane.slab() ? std::string(slabName(plane.slabMode)) + " values of a " + number(plane.slabThickness, "%.1f") + " mm slab" : "";
    auto withSlab = [&](Measurement& m) {
        for (MeasuredValue& v : m.values)
            if (v.name == "mean" || v.name == "sd" || v.name == "min" || v.name == "max" || v.name == "value")
                v.calibration = v.calibration.empty() ? valueCalibration : v.calibration + "; " + valueCalibration;
    };

    Measurement m;
    std::string refusal;
    switch (a.kind) {
    case AnnotationKind::Length:
        m.values.push_back({"length", lengthMm(flat(q[0]), flat(q[1])), "mm"});
        break;
    case AnnotationKind::Angle:
        m.values.push_back({"angle", angleDegrees(flat(q[0]), flat(q[1]), flat(q[2])), "deg"});
        break;
    case AnnotationKind::CobbAngle: {
        const Vec3 u = flat(q[1]) - flat(q[0]), v = flat(q[3]) - flat(q[2]);
        const double c = std::abs(u.dot(v)) / std::max(1e-12, u.norm() * v.norm());
        m.values.push_back({"angle", std::acos(std::min(1.0, c)) * 180 / kPi, "deg"});
        break;
    }
    case AnnotationKind::Ellipse:
    case AnnotationKind::Rectangle: {
        const double minU = std::min(q[0].u, q[1].u), maxU = std::max(q[0].u, q[1].u);
        const double minV = std::min(q[0].v, q[1].v), maxV = std::max(q[0].v, q[1].v);
        const double cu = (minU + maxU) / 2, cv = (minV + maxV) / 2, au = (maxU - minU) / 2, av = (maxV - minV) / 2;
        if (a.kind == AnnotationKind::Ellipse)
            m = regionOnPlane(volume, plane, step, minU, maxU, minV, maxV, [&](double u, double v) {
                const double x = au > 0 ? (u - cu) / au : 0, y = av > 0 ? (v - cv) / av : 0;
                return x * x + y * y <= 1.0;
            }, refusal);
        else
            m = regionOnPlane(volume, plane, step, minU, maxU, minV, maxV, [](double, double) { return true; }, refusal);
        const double area = a.kind == AnnotationKind::Ellipse ? kPi * au * av : (maxU - minU) * (maxV - minV);
        m.values.insert(m.values.begin(), {"area", area, "mm2"});
        break;
    }
    case AnnotationKind::Polygon:
    case AnnotationKind::Freehand: {
        double minU = q[0].u, maxU = q[0].u, minV = q[0].v, maxV = q[0].v, twiceArea = 0;
        for (size_t n = 0; n < q.size(); ++n) {
            const PlanePoint &p = q[n], &r = q[(n + 1) % q.size()];
            minU = std::min(minU, p.u), maxU = std::max(maxU, p.u), minV = std::min(minV, p.v), maxV = std::max(maxV, p.v);
            twiceArea += p.u * r.v - r.u * p.v;
        }
        m = regionOnPlane(volume, plane, step, minU, maxU, minV, maxV, [&](double u, double v) { return insidePolygon(q, u, v); }, refusal);
        m.values.insert(m.values.begin(), {"area", std::abs(twiceArea) / 2, "mm2"});
        break;
    }
    case AnnotationKind::Point:
        if (const auto v = planeValueAt(volume, plane, a.points[0]))
            m.values.push_back({"value", *v * unit.factor, unit.unit, unit.calibration});
        break;
    case AnnotationKind::Arrow:
    case AnnotationKind::Text:
    case AnnotationKind::Sphere:
    case AnnotationKind::Path:
        break;
    }
    withSlab(m);
    m.slice = annotationSlice(a, volume);
    m.calibration = Calibration::PatientSpace;
    m.calibrationDetail = number(step, "%.2f") + " mm voxels";
    if (plane.slab())
        m.calibrationDetail += ", " + valueCalibration;
    if (!refusal.empty())
        m.warning = refusal;
    else if (volume.petValues && !volume.suv.ok)
        m.warning = "PET values in Bq/mL, no SUV: " + volume.suv.reason;
    else if (!volume.hasPixelSpacing)
        m.warning = "no pixel spacing in the images: the plane's millimetres are the volume's nominal 1 mm voxels";
    return m;
}

} // namespace hf
