#pragma once
// What the scanner learns about one image frame from the tags alone (no pixel data).
// A single-frame file gives one FrameHeader; a multi-frame file gives one per frame.
#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/StudyModel.h"
#include "hf/dicomio/UltrasoundRegions.h"
#include "hf/dicomio/Vec3.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hf {

enum class Photometric { Monochrome1, Monochrome2, Rgb, YbrFull, YbrFull422, Palette, Other };

struct WindowPreset {
    double center = 0;
    double width = 0;
    std::string name;
};

// A VOI LUT (PS3.3 C.11.2): maps modality values from firstMapped on to display values of
// `bits` bits; values beyond either end take the end entries.
struct VoiLut {
    int firstMapped = 0;
    int bits = 8;
    std::vector<std::uint16_t> data;
    std::string explanation;
    bool empty() const { return data.empty(); }
};

// What a PET image says for SUV (PS3.3 C.8.9.1, C.8.9.4; QIBA's vendor-neutral SUV
// calculation): kept as written, computed in PetSuv.h. Empty units: not a PET image.
struct PetSuvTags {
    std::string units;            // Units (0054,1001): BQML, CNTS, GML...
    std::string decayCorrection;  // Decay Correction (0054,1102): START, ADMIN, NONE
    std::string correctedImage;   // Corrected Image (0028,0051), e.g. "NORM\\ATTN\\DECY"
    std::string seriesDate, seriesTime, acquisitionDate;  // acquisition time is FrameHeader's
    double patientWeightKg = 0, patientSizeM = 0;        // 0: not given
    double injectedDoseBq = 0, halfLifeS = 0;            // Radiopharmaceutical Information, first item
    std::string injectionTime, injectionDateTime;       // Radiopharmaceutical Start Time / DateTime
    double philipsSuvFactor = 0, philipsActivityScale = 0;  // Philips (7053,1000), (7053,1009); 0: absent
    bool present() const { return !units.empty(); }
};

struct FrameHeader {
    std::string path;
    int frameIndex = 0;        // frame inside the file (0 for single-frame files)
    int framesInFile = 1;

    std::string patientName, patientId, patientBirthDate, patientSex;
    std::string issuerOfPatientId;  // (0010,0021): who assigned the Patient ID (empty: not said)
    std::string studyUid, studyDate, studyTime, studyDescription, accessionNumber;
    std::string seriesUid, seriesDescription, modality;
    int seriesNumber = 0;
    std::string sopInstanceUid, sopClassUid, transferSyntax, frameOfReferenceUid;
    std::string imageType;
    std::string frameType;  // enhanced objects: per-frame Frame Type and Complex Image Component
    int instanceNumber = 0;
    int acquisitionNumber = 0;
    int temporalPosition = 0;
    // What tells volumes at the same positions apart (multi-echo, diffusion, cardiac phases).
    double echoTime = 0;  // ms; 0: not given
    bool hasBValue = false;
    double bValue = 0;  // s/mm2
    bool hasTriggerTime = false;
    double triggerTime = 0;  // ms
    // When the frame was acquired: Acquisition Time (or the enhanced Frame Acquisition
    // DateTime's time part), "HHMMSS.FFFFFF" as written; empty when absent. A 4D series' time
    // points say it in the corner text.
    std::string acquisitionTime;
    // What hanging protocols match on (series level in practice, kept per frame as read).
    std::string bodyPart;            // Body Part Examined, upper case as written ("CHEST")
    std::string contrastAgent;       // Contrast/Bolus Agent; empty: none stated
    std::string laterality;          // Image Laterality, else Laterality: "L", "R", "B" or empty
    std::string viewPosition;        // View Position: "CC", "MLO", "PA", "LAT", ...
    std::string patientOrientation;  // Patient Orientation (0020,0020), e.g. "P\\L": projection images

    int rows = 0, columns = 0;
    int samplesPerPixel = 1;
    int bitsAllocated = 0, bitsStored = 0, highBit = 0;
    bool pixelSigned = false;
    int planarConfiguration = 0;
    Photometric photometric = Photometric::Monochrome2;
    std::string photometricName;

    bool hasPosition = false;
    Vec3 position;               // Image Position (Patient)
    Vec3 rowDirection{1, 0, 0};  // first three of Image Orientation (Patient)
    Vec3 columnDirection{0, 1, 0};
    bool hasPixelSpacing = false;
    bool spacingFromImager = false;  // only Imager Pixel Spacing (detector plane) was given
    double rowSpacing = 1.0;     // mm between rows (Pixel Spacing[0])
    double columnSpacing = 1.0;  // mm between columns (Pixel Spacing[1])
    double sliceThickness = 0;
    double spacingBetweenSlices = 0;
    double gantryTilt = 0;

    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    // Modality LUT Sequence (0028,3000), first item: stored values map through this table instead
    // of rescale slope/intercept (XA, some CR/MG). Same shape as a VOI LUT.
    VoiLut modalityLut;
    // Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009): IEEE samples of Bits
    // Allocated 32 or 64 (parametric maps), mapped by the Real World Value Mapping when there is one.
    bool floatSamples = false;
    // Real World Value Mapping Sequence (0040,9096), first item with a slope: kept for float
    // samples, whose only mapping it is.
    bool hasRealWorldMapping = false;
    double realWorldSlope = 1, realWorldIntercept = 0;
    std::string realWorldUnits;  // its Measurement Units Code Value (UCUM), e.g. "mm2/s"
    // Ultrasound: the regions and their calibrations (Sequence of Ultrasound Regions).
    std::vector<UltrasoundRegion> ultrasoundRegions;
    // What the modality values are in, when the file says and it is not implied by the modality
    // (HU, Bq/mL): RT Dose in "Gy" (Dose Grid Scaling is its slope), "relative" dose.
    std::string valueUnits;
    std::vector<WindowPreset> windows;
    VoiLut voiLut;  // the first item of the VOI LUT Sequence, if any
    // Drawn over the image: overlay planes (Overlay Data) and the image's display shutter.
    std::vector<ImageOverlay> overlays;
    DisplayShutter shutter;
    PetSuvTags pet;

    // Where the Pixel Data value starts in the file (0: unknown, e.g. deflated) and the length
    // its header declares (0xFFFFFFFF: encapsulated). GDCM pads a value cut short by the end of
    // the file, so the loader checks these against the file size itself.
    std::uint64_t pixelDataOffset = 0;
    std::uint64_t pixelDataLength = 0;
    std::uint64_t fileSize = 0;
    // A stand-in for an instance the archive listed that has not arrived yet (no file): the
    // loader fills its slice with the lowest value and marks it (Volume::slicesToCome).
    bool toCome = false;

    bool isLocalizer() const;
    // The file's tags as the study model's values (this struct is the edge where tags come in).
    PatientIdentity patient() const { return {patientName, patientId, patientBirthDate, patientSex}; }
    StudyIdentity study() const { return {studyUid, studyDate, studyTime, studyDescription, accessionNumber, {}, {}}; }
    SeriesIdentity series() const { return {seriesUid, modality, seriesDescription, seriesNumber}; }
    Vec3 normal() const { return rowDirection.cross(columnDirection).normalized(); }
};

struct FileError {
    std::string file;
    std::string reason;
};

} // namespace hf
