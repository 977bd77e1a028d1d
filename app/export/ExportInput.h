#pragma once
// Everything an export draws from: the loaded series, its study's description, the
// annotations with their measurements, the key images, tags and note. Value types.
#include "hf/annotations/Annotation.h"
#include "hf/annotations/Measurement.h"

#include "hf/dicomio/StudyModel.h"

#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace hf {
class Volume;
}

namespace hf::exporting {

// The exported series' patient, study and series, and what a Secondary Capture also says.
struct StudyDescription {
    SeriesContext context;
    std::string institution;
    std::string sourceSopClassUid;
    std::string stack;  // "Stack 2/2: TE 92.00 ms" when the series has several (hf::describeStack)
};

struct MeasuredAnnotation {
    Annotation annotation;
    Measurement measurement;
};

struct ExportInput {
    std::shared_ptr<const Volume> volume;
    StudyDescription study;
    std::vector<MeasuredAnnotation> annotations;
    std::vector<int> keySlices;  // 0-based slices flagged as key images
    QStringList tags;
    QString note;
};

enum class ExportFormat { Jpeg, Png, Tiff, Tiff16, Pdf, DicomSc };
std::optional<ExportFormat> exportFormatFromName(const QString& name);
QString exportFormatName(ExportFormat format);

struct ExportRequest {
    ExportFormat format = ExportFormat::Png;
    QString out;                // file; with several slices, pictures get -0001, -0002 ... before the suffix
    std::vector<int> slices;    // 0-based; empty: the middle slice (PDF: the key images)
    std::optional<double> windowCenter, windowWidth;
    bool annotations = false;   // draw them on pictures
    bool overlays = false;      // corner text (patient, study, image, window) on pictures
    bool anonymize = false;
    QSize size;                 // largest picture size; empty: one image pixel per picture pixel
    int jpegQuality = 92;
    bool tiffFilePerSlice = false;  // TIFF: numbered files instead of one multi-page file
    // The part of the slice the view shows (zoom and pan), in pixel index coordinates:
    // left, top, right, bottom edges. Empty: the whole slice.
    std::optional<QRectF> visibleRegion;
};

} // namespace hf::exporting
