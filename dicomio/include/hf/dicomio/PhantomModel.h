#pragma once
// The synthetic study's ground truth: geometry and the exact modality value at any patient
// position. The writer samples it at voxel centres; tests use it as the expected answer.
// Value type, any thread.
#include "hf/dicomio/Vec3.h"

#include <string>
#include <vector>

namespace hf {

struct PhantomOptions {
    int columns = 128, rows = 128, slices = 64;
    double columnSpacing = 1.0;  // mm along a row (x)
    double rowSpacing = 1.0;     // mm between rows (y)
    double sliceSpacing = 2.0;   // table increment between slices (z)
    std::string syntax = "explicit";
    std::string modality = "CT";
    double tiltDegrees = 0;
    // "axial" (slices along z, the default), "coronal" (along y) or "sagittal" (along -x): the
    // objects stay where they are in patient space, only the images cut them differently.
    std::string orientation = "axial";
    bool monochrome1 = false;
    int seriesNumber = 1;
    // Which tag carries the pixel spacing: "pixel" (Pixel Spacing, the default), "imager" (only
    // Imager Pixel Spacing, as projection radiographs) or "none" (uncalibrated).
    std::string spacingTag = "pixel";  // another number (or orientation) makes another series of the same study  // stored as MONOCHROME1 (shown inverted), same modality values
    unsigned seed = 1;
    // Gaussian noise (standard deviation in modality units) added to the stored pixels, for
    // realistic compression and benchmarks; 0 keeps every value exact. valueAt() is noiseless.
    double noise = 0;
    // What hanging protocols match on; empty: the defaults ("Phantom CT explicit", no body part).
    std::string seriesDescription, studyDescription, bodyPart, contrastAgent;
    // Mammography (--modality MG): one projection image per series, "R" or "L" breast, "CC" or
    // "MLO" view. The breast is a half disc whose chest wall is the image's last column, and
    // Patient Orientation says so ("P\\L": columns run posterior) without mirroring either side,
    // as a detector that does not flip: the hanging protocol must mirror one side.
    std::string laterality = "R", viewPosition = "CC";
    // Another study of the same patient (a prior): the objects moved by a rigid transform,
    // rotated about the patient axes through the origin (x, then y, then z, degrees) and then
    // translated (mm); the images' grid stays. Its own study, Frame of Reference and date.
    Vec3 translate;
    Vec3 rotateDegrees;
    std::string studyDate;  // YYYYMMDD; empty: 20260101
    // A contrast-filled curved tube (PhantomTube) for curved reformats.
    bool tube = false;
    bool moved() const { return translate.norm() > 0 || rotateDegrees.norm() > 0 || !studyDate.empty(); }
    bool mammography() const { return modality == "MG"; }
    bool pet() const { return modality == "PT"; }
};

// The PET phantom's (--modality PT) acquisition: 18F, injected at 11:00:00, the series at
// 12:00:00 decay corrected to its start, a 70 kg patient. Its values are Bq/mL, so that SUVbw
// = value x kPetSuvFactor exactly (body weight over the dose decayed to the series start).
constexpr double kPetInjectedDoseBq = 370e6;
constexpr double kPetHalfLifeS = 6586.2;
constexpr double kPetWeightKg = 70;
constexpr double kPetUptakeS = 3600;
double petSuvFactor();

struct PhantomSphere {
    std::string name;
    Vec3 center;
    double radius;
    double value;
};

struct PhantomRod {
    Vec3 from, to;
    double radius;
    double value;
    double length() const { return (to - from).norm(); }
};

// A curved vessel: a tube of constant radius around half a turn of a helix about the patient's
// z axis, anterior (y <= 0) and above the spheres: centre(t) = (a cos t, a sin t, z0 + b (t - pi))
// for t in [pi, 2 pi], with rounded ends. Its centreline is known exactly, and so its length.
struct PhantomTube {
    double helixRadius = 0, pitch = 0, z0 = 0;  // a, b, z0 above
    double radius = 0, value = 0;
    Vec3 centre(double t) const;  // t in [pi, 2 pi]
    double length() const;        // of the centreline
    // `count` points along the centreline, from its start to its end (count >= 2).
    std::vector<Vec3> centreline(int count) const;
    double distance(const Vec3& p) const;  // from the centreline
};

class PhantomModel {
public:
    explicit PhantomModel(PhantomOptions options);

    const PhantomOptions& options() const { return m_options; }
    double valueAt(const Vec3& lps) const;
    // Where a point of the unmoved phantom is in this one (the identity unless moved).
    Vec3 movedPoint(const Vec3& lps) const;

    Vec3 rowDirection() const;
    Vec3 columnDirection() const;
    Vec3 stackDirection() const;  // table movement from one slice to the next (unit)
    Vec3 slicePosition(int k) const;  // Image Position (Patient) of slice k
    Vec3 voxelPosition(int i, int j, int k) const;

    double airValue() const { return m_air; }
    double waterValue() const { return m_water; }
    double cylinderRadius() const { return m_cylinderRadius; }
    const std::vector<PhantomSphere>& spheres() const { return m_spheres; }
    const PhantomSphere& sphere(const std::string& name) const;
    const PhantomRod& rod() const { return m_rod; }
    // A bone column along the whole z extent, posterior like a spine (for MPR and 3D views).
    const PhantomRod& spine() const { return m_spine; }
    // The curved tube (options().tube), or none.
    const PhantomTube* tube() const { return m_options.tube ? &m_tube : nullptr; }
    // z of the slice through the spheres' centres and the rod.
    double objectPlaneZ() const { return m_objectZ; }

private:
    PhantomOptions m_options;
    double m_air, m_water, m_cylinderRadius, m_objectZ;
    std::vector<PhantomSphere> m_spheres;
    PhantomRod m_rod;
    PhantomRod m_spine;
    PhantomTube m_tube;
};

} // namespace hf
