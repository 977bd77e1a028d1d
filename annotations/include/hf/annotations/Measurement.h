#pragma once
// The numbers an annotation stands for, computed on the image it was drawn on, each with the
// calibration it used: Pixel Spacing (mm), Imager Pixel Spacing (mm at the detector, so objects
// measure larger than they are) or none (pixels, with a warning). Region statistics are over the
// pixels whose centres lie inside the shape, in modality units (HU for CT); on PET in SUV (the
// volume's kind, e.g. SUVbw, each such value naming its calibration), or Bq/mL with the reason
// when SUV cannot be computed. Any thread.
#include "hf/annotations/Annotation.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

class Volume;

// UltrasoundRegion: the Sequence of Ultrasound Regions' region holding every point (its units,
// e.g. cm, or s and cm/s on a Doppler strip).
// PatientSpace: on a reformatted plane, distances in patient millimetres and values resampled
// from the volume's voxels (calibrationDetail names their size).
enum class Calibration { PixelSpacing, ImagerPixelSpacing, Uncalibrated, UltrasoundRegion, PatientSpace };
const char* calibrationName(Calibration calibration);  // "Pixel Spacing", ...

struct MeasuredValue {
    std::string name;  // length, angle, area, dx and dy (a region whose axes differ in units), mean, sd, min, max, pixels, value; spheres: diameter, volume, voxels; on PET also peak (SUVpeak), mtv, tlg (41% of max), mtv_abs, tlg_abs (SUV 2.5)
    double value = 0;
    std::string unit;  // mm, mm2, px, px2, deg, HU, SUVbw, Bq/mL, mL, g, ""; in an ultrasound region its units (cm, cm2, s, cm/s)
    std::string calibration;  // what turned it into its unit, when not the geometry ("SUVbw from Radiopharmaceutical Information")
};

struct Measurement {
    std::vector<MeasuredValue> values;
    Calibration calibration = Calibration::PixelSpacing;
    std::string calibrationDetail;  // PatientSpace: "0.49 mm voxels"; a slab: "MIP of a 10.0 mm slab" too
    std::string warning;  // set for Imager Pixel Spacing and uncalibrated images, and when not measured (why)
    int slice = -1;       // the volume slice it was measured on
    std::optional<double> valueOf(const std::string& name) const;
    // The calibration's name with its detail: "patient space, 0.49 mm voxels".
    std::string calibrationText() const;
    // "Length 57.60 mm" style summary, first value first.
    std::string summary() const;
};

// The slice of `volume` an annotation belongs to: its SOP instance and frame. By the slice
// nearest its first point only when the volume has no per-slice images (resampled) or the
// annotation names no image; -1 when its image is not in the volume.
int annotationSlice(const Annotation& annotation, const Volume& volume);

// Throws std::invalid_argument when the annotation has the wrong number of points.
Measurement measure(const Annotation& annotation, const Volume& volume);

} // namespace hf
