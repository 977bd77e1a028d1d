#include "hf/annotations/Measurement.h"

#include "PlaneMeasurement.h"
#include "ValueUnit.h"

#include "hf/annotations/Geometry.h"
#include "hf/dicomio/CurvedPath.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <array>
#include <map>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace hf {
namespace {

// The absolute metabolic-volume threshold most PET/CT reads use beside 41% of the maximum.
constexpr double kAbsoluteSuvThreshold = 2.5;

constexpr double kPi = 3.14159265358979323846;

struct Pixel2 {
    double i, j;  // continuous (column, row) index on the slice
};

using Voxel = std::array<int, 3>;  // column, row, slice

// PERCIST's SUVpeak: the highest mean of a 1 mL sphere (radius 6.2 mm) centred on any of the
// region's voxels, over the volume's voxels whose centres lie in the sphere (in 3D). Nothing
// when the work would be too large (a whole-body region) or the region is empty.
std::optional<double> peakMean(const Volume& volume, const std::vector<Voxel>& region)
{
    const StackGeometry& g = volume.geometry();
    const double radius = std::cbrt(3.0 / (4.0 * 3.14159265358979323846)) * 10;  // mm, 1 cm3
    std::vector<std::array<int, 3>> offsets;
    const int ri = int(radius / g.columnSpacing), rj = int(radius / g.rowSpacing);
    const int rk = g.sliceSpacing > 0 ? int(radius / g.sliceSpacing) : 0;
    for (int dk = -rk; dk <= rk; ++dk)
        for (int dj = -rj; dj <= rj; ++dj)
            for (int di = -ri; di <= ri; ++di) {
                const double x = di * g.columnSpacing, y = dj * g.rowSpacing, z = dk * g.sliceSpacing;
                if (x * x + y * y + z * z <= radius * radius)
                    offsets.push_back({di, dj, dk});
            }
    if (region.empty() || double(region.size()) * double(offsets.size()) > 5e7)
        return std::nullopt;
    double best = -1e300;
    for (const auto& [i, j, k] : region) {
        double sum = 0;
        long n = 0;
        for (const auto& o : offsets) {
            const int a = i + o[0], b = j + o[1], c = k + o[2];
            if (a < 0 || b < 0 || c < 0 || a >= g.columns || b >= g.rows || c >= g.slices)
                continue;
            sum += volume.valueAt(a, b, c);
            ++n;
        }
        if (n > 0)
            best = std::max(best, sum / double(n));
    }
    return best > -1e300 ? std::optional<double>(best) : std::nullopt;
}

// Statistics of a region's voxels (one slice's pixels, or a 3D volume of interest): in SUV on
// PET, with SUVpeak, metabolic volumes and TLG; `count` names the number ("pixels", "voxels").
Measurement voxelStatistics(const Volume& volume, const std::vector<Voxel>& voxels, const char* count)
{
    const StackGeometry& g = volume.geometry();
    double sum = 0, sumSquares = 0, lo = 0, hi = 0;
    long n = 0;
    for (const auto& [i, j, k] : voxels) {
        const double v = volume.valueAt(i, j, k);
        lo = n ? std::min(lo, v) : v;
        hi = n ? std::max(hi, v) : v;
        sum += v;
        sumSquares += v * v;
        ++n;
    }
    Measurement m;
    const ValueUnit u = valueUnitOf(volume);
    const double mean = n ? sum / double(n) : 0;
    // Sample standard deviation (n - 1), as the statistics of a region usually are.
    const double variance = n > 1 ? std::max(0.0, (sumSquares - double(n) * mean * mean) / double(n - 1)) : 0;
    m.values = {{"mean", mean * u.factor, u.unit, u.calibration},
                {"sd", std::sqrt(variance) * u.factor, u.unit, u.calibration},
                {"min", lo * u.factor, u.unit, u.calibration},
                {"max", hi * u.factor, u.unit, u.calibration},
                {count, double(n), "", {}}};
    if (volume.petValues && volume.suv.ok) {
        if (const auto peak = peakMean(volume, voxels))
            m.values.insert(m.values.begin() + 4, {"peak", *peak * u.factor, u.unit, u.calibration});
        // Metabolic volume: the region's voxels at 41% of its maximum or more (EANM), and those
        // at SUV 2.5 or more (the absolute threshold), each standing for its voxel (pixel area x
        // slice spacing); TLG = that volume x their mean SUV.
        const double voxelMl = g.columnSpacing * g.rowSpacing * (g.sliceSpacing > 0 ? g.sliceSpacing : 1.0) / 1000;
        const auto metabolic = [&](double threshold, const char* volumeName, const char* tlgName, const char* rule) {
            double hot = 0, hotSum = 0;
            for (const auto& [i, j, k] : voxels)
                if (const double v = volume.valueAt(i, j, k); v >= threshold) {
                    ++hot;
                    hotSum += v;
                }
            if (hot == 0)
                return;
            const double mtv = hot * voxelMl;
            m.values.push_back({volumeName, mtv, "mL", rule});
            m.values.push_back({tlgName, mtv * hotSum / hot * u.factor, "g", u.calibration});
        };
        metabolic(0.41 * hi, "mtv", "tlg", "41% of the region's maximum");
        metabolic(kAbsoluteSuvThreshold / u.factor, "mtv_abs", "tlg_abs", "SUV 2.5 or more");
    }
    return m;
}

// The region's pixels on a slice, by a test on pixel centres.
template <class Inside>
Measurement regionStatistics(const Volume& volume, int slice, double minI, double maxI, double minJ, double maxJ, Inside inside)
{
    const StackGeometry& g = volume.geometry();
    const int i0 = std::max(0, int(std::ceil(minI))), i1 = std::min(g.columns - 1, int(std::floor(maxI)));
    const int j0 = std::max(0, int(std::ceil(minJ))), j1 = std::min(g.rows - 1, int(std::floor(maxJ)));
    std::vector<Voxel> pixels;
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i)
            if (inside(double(i), double(j)))
                pixels.push_back({i, j, slice});
    return voxelStatistics(volume, pixels, "pixels");
}

// The voxels whose centres lie within a sphere (patient space), for a 3D volume of interest.
std::vector<Voxel> sphereVoxels(const Volume& volume, const Vec3& centre, double radius)
{
    const StackGeometry& g = volume.geometry();
    // The sphere's box in index space, from its patient-space box's corners (shear included).
    double lo[3] = {1e300, 1e300, 1e300}, hi[3] = {-1e300, -1e300, -1e300};
    for (int c = 0; c < 8; ++c) {
        const Vec3 corner = centre + Vec3{c & 1 ? radius : -radius, c & 2 ? radius : -radius, c & 4 ? radius : -radius};
        const Vec3 index = g.toIndex(corner);
        const double v[3] = {index.x, index.y, index.z};
        for (int a = 0; a < 3; ++a)
            lo[a] = std::min(lo[a], v[a]), hi[a] = std::max(hi[a], v[a]);
    }
    std::vector<Voxel> voxels;
    const int n[3] = {g.columns, g.rows, g.slices};
    int from[3], to[3];
    for (int a = 0; a < 3; ++a) {
        from[a] = std::max(0, int(std::ceil(lo[a])));
        to[a] = std::min(n[a] - 1, int(std::floor(hi[a])));
    }
    for (int k = from[2]; k <= to[2]; ++k)
        for (int j = from[1]; j <= to[1]; ++j)
            for (int i = from[0]; i <= to[0]; ++i)
                if ((g.toPatient(i, j, k) - centre).norm() <= radius)
                    voxels.push_back({i, j, k});
    return voxels;
}

bool insidePolygon(const std::vector<Pixel2>& polygon, double i, double j)
{
    bool inside = false;
    for (size_t a = 0, b = polygon.size() - 1; a < polygon.size(); b = a++) {
        const Pixel2 &p = polygon[a], &q = polygon[b];
        if ((p.j > j) != (q.j > j) && i < (q.i - p.i) * (j - p.j) / (q.j - p.j) + p.i)
            inside = !inside;
    }
    return inside;
}

std::string format(double v)
{
    char s[32];
    std::snprintf(s, sizeof s, std::abs(v) >= 100 ? "%.1f" : "%.2f", v);
    return s;
}

} // namespace

namespace {

struct UltrasoundRegionChoice {
    const UltrasoundRegion* region = nullptr;  // calibrated, holding every point
    std::string refusal;                       // why not measured
};

UltrasoundRegionChoice ultrasoundRegionFor(const Volume& volume, const std::vector<Pixel2>& px, AnnotationKind kind)
{
    UltrasoundRegionChoice choice;
    if (volume.ultrasoundRegions.empty() || px.empty() || kind == AnnotationKind::Text || kind == AnnotationKind::Sphere)
        return choice;
    std::vector<const UltrasoundRegion*> regions;
    bool anyCalibrated = false, allCalibrated = true;
    for (const Pixel2& p : px) {
        const UltrasoundRegion* r = ultrasoundRegionAt(volume.ultrasoundRegions, p.i, p.j);
        const bool calibrated = r && r->calibrated();
        anyCalibrated = anyCalibrated || calibrated;
        allCalibrated = allCalibrated && calibrated;
        regions.push_back(r);
    }
    if (!anyCalibrated)
        return choice;  // outside every calibrated region: the image's own spacing, if any
    if (!allCalibrated) {
        choice.refusal = "not measured: it leaves its ultrasound region (its points must lie in one calibrated region)";
        return choice;
    }
    for (const UltrasoundRegion* r : regions)
        if (!r->sameCalibration(*regions.front())) {
            choice.refusal = "not measured: its points lie in ultrasound regions with different calibrations ("
                             + ultrasoundUnitName(regions.front()->unitsX) + "/" + ultrasoundUnitName(regions.front()->unitsY)
                             + " and " + ultrasoundUnitName(r->unitsX) + "/" + ultrasoundUnitName(r->unitsY) + ")";
            return choice;
        }
    choice.region = regions.front();
    return choice;
}

} // namespace

const char* calibrationName(Calibration c)
{
    switch (c) {
    case Calibration::PixelSpacing: return "Pixel Spacing";
    case Calibration::ImagerPixelSpacing: return "Imager Pixel Spacing";
    case Calibration::Uncalibrated: return "uncalibrated (pixels)";
    case Calibration::UltrasoundRegion: return "US region";
    case Calibration::PatientSpace: return "patient space";
    }
    return "";
}

std::optional<double> Measurement::valueOf(const std::string& name) const
{
    for (const auto& v : values)
        if (v.name == name)
            return v.value;
    return std::nullopt;
}

std::string Measurement::calibrationText() const
{
    return std::string(calibrationName(calibration)) + (calibrationDetail.empty() ? "" : ", " + calibrationDetail);
}

std::string Measurement::summary() const
{
    std::string out;
    for (const auto& v : values) {
        if (v.name == "pixels" || v.name == "voxels" || v.name == "min" || v.name == "max")
            continue;
        // What a reader calls them; the metabolic volumes say their threshold.
        static const std::map<std::string, std::string> kShown{{"sd", "SD"},           {"mtv", "MTV (41%)"},   {"tlg", "TLG (41%)"},
                                                               {"mtv_abs", "MTV (SUV 2.5)"}, {"tlg_abs", "TLG (SUV 2.5)"}};
        const auto shown = kShown.find(v.name);
        const std::string name = shown != kShown.end() ? shown->second
                                                       : std::string(1, char(std::toupper(static_cast<unsigned char>(v.name[0])))) + v.name.substr(1);
        out += (out.empty() ? "" : ", ") + name + " " + format(v.value) + (v.unit.empty() ? "" : " " + v.unit);
    }
    if (out.empty() && warning.rfind("not measured", 0) == 0)
        return "N" + warning.substr(1);  // what the reader sees instead of a value
    return out;
}

int annotationSlice(const Annotation& a, const Volume& volume)
{
    for (size_t k = 0; k < volume.sliceSopInstanceUids.size(); ++k)
        if (volume.sliceSopInstanceUids[k] == a.sopInstanceUid && (k >= volume.sliceFrames.size() || volume.sliceFrames[k] == a.frame))
            return int(k);
    // The annotated image is known but not in this volume (its file gone, another stack): no
    // slice, rather than a neighbour measured and shown as if it were that image. By position
    // only where the volume has no images of its own (resampled) or the annotation names none.
    if (a.points.empty() || (!a.sopInstanceUid.empty() && !volume.sliceSopInstanceUids.empty()))
        return -1;
    return nearestSlice(volume.geometry(), a.points.front()).value_or(-1);
}

Measurement measure(const Annotation& a, const Volume& volume)
{
    const size_t need = size_t(requiredPoints(a.kind));
    if (variablePointCount(a.kind) ? a.points.size() < need : a.points.size() != need)
        throw std::invalid_argument(std::string("a ") + annotationKindName(a.kind) + " needs " + (variablePointCount(a.kind) ? "at least " : "") +
                                    std::to_string(need) + " points, not " + std::to_string(a.points.size()));
    if (a.kind == AnnotationKind::Path) {
        // Along the curve through its points, in patient space, whatever slices it crosses.
        Measurement m;
        m.values.push_back({"length", CurvedPath(a.points).length(), "mm", {}});
        m.slice = annotationSlice(a, volume);
        m.calibration = Calibration::PatientSpace;
        m.calibrationDetail = "along the path";
        return m;
    }
    if (a.plane && a.kind != AnnotationKind::Sphere)
        return measureOnPlane(a, volume);
    const StackGeometry& g = volume.geometry();
    const int slice = annotationSlice(a, volume);
    Calibration calibration = !volume.hasPixelSpacing   ? Calibration::Uncalibrated
                              : volume.spacingFromImager ? Calibration::ImagerPixelSpacing
                                                         : Calibration::PixelSpacing;
    const bool pixels = calibration == Calibration::Uncalibrated;
    std::string lengthUnit = pixels ? "px" : "mm", areaUnit = pixels ? "px2" : "mm2";
    // In-plane positions as continuous pixel indices of the slice (the points' own slice, so a
    // point slightly off the plane still measures in it).
    // Rounded to a millionth of a pixel: a point clicked on a pixel centre then stays exactly on
    // it whichever way its index was computed (the whole sheared stack, or its one image for
    // the sync), so which pixels a region holds never depends on rounding noise.
    auto snap = [](double v) { return std::round(v * 1e6) / 1e6; };
    std::vector<Pixel2> px;
    for (const Vec3& p : a.points) {
        const Vec3 index = g.toIndex(p);
        px.push_back({snap(index.x), snap(index.y)});
    }
    // Distances in the slice plane: pixel offsets times their spacing (1 when uncalibrated).
    double si = pixels ? 1.0 : g.columnSpacing, sj = pixels ? 1.0 : g.rowSpacing;
    auto planar = [&](const Pixel2& p) { return Vec3{p.i * si, p.j * sj, 0}; };

    Measurement m;
    // Ultrasound: the region holding every point calibrates the measurement; points in regions
    // calibrated differently cannot be measured together (a B-mode and a Doppler strip).
    const UltrasoundRegionChoice us = ultrasoundRegionFor(volume, px, a.kind);
    if (!us.refusal.empty()) {
        m.slice = slice;
        m.calibration = Calibration::UltrasoundRegion;
        m.warning = us.refusal;
        return m;
    }
    if (us.region) {
        calibration = Calibration::UltrasoundRegion;
        si = us.region->deltaX;
        sj = us.region->deltaY;
        lengthUnit = ultrasoundUnitName(us.region->unitsX);
        areaUnit = lengthUnit + "2";
        if (us.region->unitsX != us.region->unitsY && a.kind == AnnotationKind::Length) {
            // Time against velocity (a Doppler spectrum): each axis in its own units.
            m.values.push_back({"dx", std::abs(px[1].i - px[0].i) * si, lengthUnit});
            m.values.push_back({"dy", std::abs(px[1].j - px[0].j) * sj, ultrasoundUnitName(us.region->unitsY)});
            m.slice = slice;
            m.calibration = calibration;
            return m;
        }
        const bool needsOneUnit = a.kind != AnnotationKind::Point && a.kind != AnnotationKind::Arrow;
        if (us.region->unitsX != us.region->unitsY && needsOneUnit) {
            m.slice = slice;
            m.calibration = calibration;
            m.warning = "not measured: its ultrasound region has " + lengthUnit + " across and " + ultrasoundUnitName(us.region->unitsY)
                        + " down; only a line (each axis apart) or a point can be measured there";
            return m;
        }
    }
    switch (a.kind) {
    case AnnotationKind::Length:
    case AnnotationKind::Arrow:
        if (a.kind == AnnotationKind::Length)
            m.values.push_back({"length", lengthMm(planar(px[0]), planar(px[1])), lengthUnit});
        break;
    case AnnotationKind::Angle:
        m.values.push_back({"angle", angleDegrees(planar(px[0]), planar(px[1]), planar(px[2])), "deg"});
        break;
    case AnnotationKind::CobbAngle: {
        // The angle between two lines, 0..90 degrees, whichever way they were drawn.
        const Vec3 u = planar(px[1]) - planar(px[0]), v = planar(px[3]) - planar(px[2]);
        const double c = std::abs(u.dot(v)) / std::max(1e-12, u.norm() * v.norm());
        m.values.push_back({"angle", std::acos(std::min(1.0, c)) * 180 / kPi, "deg"});
        break;
    }
    case AnnotationKind::Ellipse:
    case AnnotationKind::Rectangle: {
        const double minI = std::min(px[0].i, px[1].i), maxI = std::max(px[0].i, px[1].i);
        const double minJ = std::min(px[0].j, px[1].j), maxJ = std::max(px[0].j, px[1].j);
        const double ci = (minI + maxI) / 2, cj = (minJ + maxJ) / 2, ai = (maxI - minI) / 2, aj = (maxJ - minJ) / 2;
        if (slice >= 0) {
            if (a.kind == AnnotationKind::Ellipse)
                m = regionStatistics(volume, slice, minI, maxI, minJ, maxJ, [&](double i, double j) {
                    const double x = ai > 0 ? (i - ci) / ai : 0, y = aj > 0 ? (j - cj) / aj : 0;
                    return x * x + y * y <= 1.0;
                });
            else
                m = regionStatistics(volume, slice, minI, maxI, minJ, maxJ, [](double, double) { return true; });
        }
        const double area = a.kind == AnnotationKind::Ellipse ? kPi * ai * si * aj * sj : (maxI - minI) * si * (maxJ - minJ) * sj;
        m.values.insert(m.values.begin(), {"area", area, areaUnit});
        break;
    }
    case AnnotationKind::Polygon:
    case AnnotationKind::Freehand: {
        double minI = px[0].i, maxI = px[0].i, minJ = px[0].j, maxJ = px[0].j, twiceArea = 0;
        for (size_t n = 0; n < px.size(); ++n) {
            const Pixel2 &p = px[n], &q = px[(n + 1) % px.size()];
            minI = std::min(minI, p.i), maxI = std::max(maxI, p.i), minJ = std::min(minJ, p.j), maxJ = std::max(maxJ, p.j);
            twiceArea += (p.i * si) * (q.j * sj) - (q.i * si) * (p.j * sj);
        }
        if (slice >= 0)
            m = regionStatistics(volume, slice, minI, maxI, minJ, maxJ, [&](double i, double j) { return insidePolygon(px, i, j); });
        m.values.insert(m.values.begin(), {"area", std::abs(twiceArea) / 2, areaUnit});
        break;
    }
    case AnnotationKind::Point: {
        const int i = int(std::lround(px[0].i)), j = int(std::lround(px[0].j));
        if (slice >= 0 && i >= 0 && j >= 0 && i < g.columns && j < g.rows)
        {
            const ValueUnit u = valueUnitOf(volume);
            m.values.push_back({"value", volume.valueAt(i, j, slice) * u.factor, u.unit, u.calibration});
        }
        break;
    }
    case AnnotationKind::Sphere: {
        // A volume of interest: every voxel within the radius, on every slice it reaches.
        const double radius = (a.points[1] - a.points[0]).norm();
        m = voxelStatistics(volume, sphereVoxels(volume, a.points[0], radius), "voxels");
        m.values.insert(m.values.begin(), {"volume", 4.0 / 3.0 * kPi * radius * radius * radius / 1000, "mL"});
        m.values.insert(m.values.begin(), {"diameter", 2 * radius, "mm"});
        break;
    }
    case AnnotationKind::Text:
    case AnnotationKind::Path:  // measured above
        break;
    }
    m.slice = slice;
    m.calibration = calibration;
    if (slice < 0)
        m.warning = "the image it was drawn on is not among the loaded images: no pixel values";
    else if (calibration == Calibration::ImagerPixelSpacing)
        m.warning = "calibrated with Imager Pixel Spacing: millimetres at the detector, larger than the patient by the "
                    "geometric magnification";
    else if (calibration == Calibration::Uncalibrated)
        m.warning = "no pixel spacing in the image: values are in pixels, not millimetres";
    else if (volume.petValues && !volume.suv.ok)
        m.warning = "PET values in Bq/mL, no SUV: " + volume.suv.reason;
    return m;
}

} // namespace hf
