#include "Exporter.h"

#include "ReportWriter.h"
#include "SliceRenderer.h"

#include "hf/dicomio/Deidentifier.h"
#include "hf/dicomio/NewUid.h"
#include "hf/dicomio/SecondaryCapture.h"
#include "hf/dicomio/TiffWriter.h"
#include "hf/dicomio/Volume.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace hf::exporting {
namespace {

QString numbered(const QString& out, int slice, bool several)
{
    if (!several)
        return out;
    const QFileInfo info(out);
    const QString suffix = info.suffix().isEmpty() ? QString() : "." + info.suffix();
    return info.path() + "/" + info.completeBaseName() + QString("-%1").arg(slice + 1, 4, 10, QChar('0')) + suffix;
}

std::vector<std::uint8_t> rgbBytes(const QImage& picture)
{
    const QImage rgb = picture.convertToFormat(QImage::Format_RGB888);
    std::vector<std::uint8_t> bytes;
    bytes.reserve(size_t(rgb.width()) * size_t(rgb.height()) * 3);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = rgb.constScanLine(y);
        bytes.insert(bytes.end(), line, line + rgb.width() * 3);
    }
    return bytes;
}

CaptureIdentity identityOf(const StudyDescription& s)
{
    CaptureIdentity id;
    id.patient = s.context.patient;
    id.study = s.context.study;
    id.institutionName = s.institution;
    return id;
}

// The study as an anonymized export shows it: only the de-identified values.
StudyDescription shownStudy(const StudyDescription& s, const CaptureIdentity& anonymous)
{
    StudyDescription out;
    out.context.patient = anonymous.patient;
    out.context.study = anonymous.study;
    out.context.series.modality = s.context.series.modality;
    out.context.series.number = s.context.series.number;
    out.stack = s.stack;
    return out;
}

void savePicture(const QImage& picture, const QString& path, const char* format, int quality)
{
    const QString temporary = path + ".partial";
    QImageWriter writer(temporary, format);
    if (quality >= 0)
        writer.setQuality(quality);
    if (!writer.write(picture)) {
        QFile::remove(temporary);
        throw std::runtime_error(path.toStdString() + ": cannot write (" + writer.errorString().toStdString() + ")");
    }
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        throw std::runtime_error(path.toStdString() + ": cannot write");
    }
}

TiffPage modalityPage(const Volume& volume, int slice)
{
    const StackGeometry& g = volume.geometry();
    TiffPage page;
    page.width = g.columns;
    page.height = g.rows;
    page.bitsPerSample = 16;
    page.signedSamples = volume.type() != VoxelType::UInt16;
    page.data.resize(size_t(g.columns) * size_t(g.rows) * 2);
    for (int j = 0; j < g.rows; ++j)
        for (int i = 0; i < g.columns; ++i) {
            const double v = volume.valueAt(i, j, slice);
            const size_t at = (size_t(j) * size_t(g.columns) + size_t(i)) * 2;
            if (page.signedSamples) {
                const auto s = std::int16_t(std::clamp(std::lround(v), -32768L, 32767L));
                std::memcpy(&page.data[at], &s, 2);
            } else {
                const auto u = std::uint16_t(std::clamp(std::lround(v), 0L, 65535L));
                std::memcpy(&page.data[at], &u, 2);
            }
        }
    // Pixel spacing as resolution: pixels per centimetre along x (columns) and y (rows).
    if (volume.hasPixelSpacing) {
        page.pixelsPerCmX = 10.0 / g.columnSpacing;
        page.pixelsPerCmY = 10.0 / g.rowSpacing;
    }
    page.description = "Hounsfield tiff16: modality values" + std::string(volume.modality == "CT" ? " (HU)" : "");
    return page;
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    static const std::pair<const char*, ExportFormat> names[] = {{"jpeg", ExportFormat::Jpeg}, {"png", ExportFormat::Png},
                                                                {"tiff", ExportFormat::Tiff},  {"tiff16", ExportFormat::Tiff16},
                                                                {"pdf", ExportFormat::Pdf},    {"dicom-sc", ExportFormat::DicomSc}};
    for (const auto& [n, f] : names)
        if (name == n)
            return f;
    return std::nullopt;
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Jpeg: return "jpeg";
    case ExportFormat::Png: return "png";
    case ExportFormat::Tiff: return "tiff";
    case ExportFormat::Tiff16: return "tiff16";
    case ExportFormat::Pdf: return "pdf";
    case ExportFormat::DicomSc: return "dicom-sc";
    }
    return {};
}

ExportResult runExport(const ExportRequest& request, const ExportInput& input, const ExportProgress& progress)
{
    if (!input.volume)
        throw std::invalid_argument("no series to export");
    const Volume& volume = *input.volume;
    const int count = volume.geometry().slices;
    std::vector<int> slices = request.slices;
    if (slices.empty())
        slices.push_back(count / 2);
    for (int k : slices)
        if (k < 0 || k >= count)
            throw std::invalid_argument("slice " + std::to_string(k + 1) + " is not in the series (1.." + std::to_string(count) + ")");
    Deidentifier deidentifier;
    const CaptureIdentity original = identityOf(input.study);
    const CaptureIdentity identity = request.anonymize ? deidentifier.apply(original) : original;
    const StudyDescription shown = request.anonymize ? shownStudy(input.study, identity) : input.study;

    ExportResult result;
    auto removeWritten = [&] {
        for (const QString& f : result.files)
            QFile::remove(f);
    };
    try {
        if (request.format == ExportFormat::Pdf) {
            writeReport(request.out, input, request, shown);
            result.files << request.out;
            return result;
        }
        const bool several = slices.size() > 1;
        std::vector<TiffPage> pages;
        const std::string seriesUid = newUid();
        int done = 0;
        for (int k : slices) {
            if (progress && !progress(done, int(slices.size())))
                throw std::runtime_error("export cancelled");
            double center = 0, width = 0;
            chooseWindow(volume, k, request, center, width);
            RenderOptions options{center, width, request.annotations, {}, request.size, request.visibleRegion};
            if (request.overlays) {
                // Identifying text only when not anonymized.
                if (!request.anonymize)
                    options.cornerText << QString::fromStdString(displayName(shown.context.patient)) << QString::fromStdString(shown.context.patient.id)
                                       << QDate::fromString(QString::fromStdString(shown.context.study.date), "yyyyMMdd").toString("yyyy-MM-dd");
                if (!shown.stack.empty())  // a part of a series is never exported as if it were all
                    options.cornerText << QString::fromStdString(shown.stack);
                options.cornerText << QString("Im %1/%2").arg(k + 1).arg(count)
                                   << QString("W %1 L %2").arg(width, 0, 'f', 0).arg(center, 0, 'f', 0);
            }
            const QString path = numbered(request.out, k, several);
            switch (request.format) {
            case ExportFormat::Jpeg: savePicture(renderSlice(volume, k, input.annotations, options), path, "jpeg", request.jpegQuality); result.files << path; break;
            case ExportFormat::Png: savePicture(renderSlice(volume, k, input.annotations, options), path, "png", -1); result.files << path; break;
            case ExportFormat::Tiff: {
                const QImage picture = renderSlice(volume, k, input.annotations, options);
                TiffPage page{picture.width(), picture.height(), 3, 8, false, rgbBytes(picture), 0, 0, "Hounsfield picture"};
                const StackGeometry& g = volume.geometry();
                if (volume.hasPixelSpacing) {
                    page.pixelsPerCmX = 10.0 / (g.columns * g.columnSpacing / picture.width());
                    page.pixelsPerCmY = 10.0 / (g.rows * g.rowSpacing / picture.height());
                }
                pages.push_back(std::move(page));
                break;
            }
            case ExportFormat::Tiff16: pages.push_back(modalityPage(volume, k)); break;
            case ExportFormat::DicomSc: {
                const QImage picture = renderSlice(volume, k, input.annotations, options);
                CaptureImage image;
                image.width = picture.width();
                image.height = picture.height();
                image.rgb = rgbBytes(picture);
                image.seriesUid = seriesUid;
                image.sopInstanceUid = newUid();
                image.seriesDescription = "Hounsfield export";
                image.instanceNumber = done + 1;
                image.burnedInAnnotation = request.annotations || !options.cornerText.isEmpty();
                if (!request.anonymize && size_t(k) < volume.sliceSopInstanceUids.size()) {
                    image.sourceSopClassUid = input.study.sourceSopClassUid;
                    image.sourceSopInstanceUid = volume.sliceSopInstanceUids[size_t(k)];
                }
                writeSecondaryCapture(path.toStdString(), identity, image);
                result.files << path;
                break;
            }
            case ExportFormat::Pdf: break;
            }
            ++done;
        }
        if (!pages.empty() && request.tiffFilePerSlice) {
            for (size_t n = 0; n < pages.size(); ++n) {
                const QString path = numbered(request.out, slices[n], several);
                writeTiff(path.toStdString(), {pages[n]});
                result.files << path;
            }
        } else if (!pages.empty()) {
            writeTiff(request.out.toStdString(), pages);  // one file, a page per slice
            result.files << request.out;
        }
        if (progress)
            progress(done, int(slices.size()));
    } catch (...) {
        removeWritten();
        throw;
    }
    return result;
}

} // namespace hf::exporting
