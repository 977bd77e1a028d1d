#include "ExportCommand.h"

#include "hf/annotations/CachedSeries.h"

#include "CacheExportInput.h"
#include "Exporter.h"

#include "CliAudit.h"
#include "OriginalExport.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/dicomio/Volume.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace hf::cli {

int ExportCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"series", "Series Instance UID of a series in the cache.", "UID"},
                       {"study", "--format dicom: a whole cached study instead of a series.", "UID"},
                       {"format", "jpeg, png, tiff (8-bit, as shown), tiff16 (modality values), pdf (report), dicom-sc, or dicom "
                                  "(the original instances).", "FORMAT"},
                       {"out", "Output file (several slices: pictures get -NNNN before the suffix; TIFF gets pages); a folder for "
                               "--format dicom.", "FILE"},
                       {"slice", "Image number (1 = first; default: the middle one).", "N"},
                       {"stack", "Which stack of a series of several (1 = the first; echoes, b-values...).", "N"},
                       {"range", "Image numbers A-B, or 'all'.", "A-B"},
                       {"window", "Window centre and width, e.g. 40,400 (default: the file's).", "CENTER,WIDTH"},
                       {"size", "Largest picture size, e.g. 1024x1024 (default: one image pixel per picture pixel).", "WxH"},
                       {"quality", "JPEG quality 1-100 (default 92).", "Q", "92"},
                       {"annotations", "Draw the annotations on the pictures."},
                       {"separate", "TIFF: one file per slice instead of one multi-page file."},
                       {"overlays", "Draw the corner text (no identifying text when anonymized)."},
                       {"anonymize", "De-identify (PS3.15 basic profile; new UIDs consistent within the export)."},
                       {"retain-dates", "--format dicom --anonymize: keep dates and times (Retain Longitudinal Temporal Information)."},
                       {"retain-patient-characteristics", "--format dicom --anonymize: keep sex, age, size, weight, ethnic group, smoking, pregnancy."},
                       {"clean-descriptors", "--format dicom --anonymize: keep descriptions, the patient's names and ID cut out."},
                       {"mask", "--format dicom --anonymize: black out these rectangles on every frame of images with burned-in text.",
                        "X,Y,W,H;..."},
                       {"accept-burned-in", "--format dicom --anonymize: export images with burned-in text unmasked (you checked them)."}});
    describeAuditOptions(parser);
    if (const auto done = parseArguments(parser, *this, args, {"format", "out"}))
        return *done;
    if (parser.value("format").toLower() == "dicom") {
        QString auditProblem;
        const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem);
        if (!trail)
            return fail(name(), auditProblem, BadInput);
        return exportOriginals(parser, name(), *trail);
    }
    if (!parser.isSet("series"))
        return fail(name(), "--series is required", BadInput);
    exporting::ExportRequest request;
    const auto format = exporting::exportFormatFromName(parser.value("format").toLower());
    if (!format)
        return fail(name(), "--format must be one of jpeg, png, tiff, tiff16, pdf, dicom-sc, dicom", BadInput);
    request.format = *format;
    request.out = parser.value("out");
    request.annotations = parser.isSet("annotations");
    request.overlays = parser.isSet("overlays");
    request.anonymize = parser.isSet("anonymize");
    request.tiffFilePerSlice = parser.isSet("separate");
    bool ok = false;
    request.jpegQuality = parser.value("quality").toInt(&ok);
    if (!ok || request.jpegQuality < 1 || request.jpegQuality > 100)
        return fail(name(), "--quality must be 1 to 100", BadInput);
    if (parser.isSet("window")) {
        const QStringList parts = parser.value("window").split(',');
        bool okC = false, okW = false;
        if (parts.size() == 2) {
            request.windowCenter = parts[0].toDouble(&okC);
            request.windowWidth = parts[1].toDouble(&okW);
        }
        if (!okC || !okW || *request.windowWidth <= 0)
            return fail(name(), "--window must be CENTER,WIDTH with a positive width", BadInput);
    }
    if (parser.isSet("size")) {
        const auto m = QRegularExpression("^(\\d+)x(\\d+)$").match(parser.value("size"));
        if (!m.hasMatch() || m.captured(1).toInt() < 16 || m.captured(2).toInt() < 16)
            return fail(name(), "--size must be WIDTHxHEIGHT, at least 16x16", BadInput);
        request.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    QString auditProblem;
    const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem);
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    try {
        CacheDatabase database(db);
        int stack = -1;
        if (parser.isSet("stack")) {
            stack = parser.value("stack").toInt(&ok) - 1;
            if (!ok || stack < 0)
                return fail(name(), "--stack must be a stack number from 1", BadInput);
        }
        const CachedSeries series = loadCachedSeries(database, parser.value("series").toStdString(), std::nullopt, stack);
        if (stack >= series.stack.count)
            return fail(name(), QString("--stack %1: the series has %2").arg(stack + 1).arg(series.stack.count), BadInput);
        const int count = series.volume->geometry().slices;
        if (parser.isSet("slice")) {
            const int n = parser.value("slice").toInt(&ok);
            if (!ok || n < 1 || n > count)
                return fail(name(), QString("--slice must be 1 to %1").arg(count), BadInput);
            request.slices = {n - 1};
        } else if (parser.isSet("range")) {
            const auto m = QRegularExpression("^(\\d+)-(\\d+)$").match(parser.value("range"));
            int a = 1, b = count;
            if (parser.value("range") != "all") {
                if (!m.hasMatch())
                    return fail(name(), "--range must be A-B or all", BadInput);
                a = m.captured(1).toInt();
                b = m.captured(2).toInt();
            }
            if (a < 1 || b > count || a > b)
                return fail(name(), QString("--range must lie within 1-%1").arg(count), BadInput);
            for (int n = a; n <= b; ++n)
                request.slices.push_back(n - 1);
        }
        const exporting::StudyDescription study{series.context, {}, series.sopClassUid, describeStack(series.stack)};
        const exporting::ExportInput input = exporting::collectFromCache(database, series.volume, study);
        const auto result = exporting::runExport(request, input, [](int done, int total) {
            if (total > 1)
                std::fprintf(stderr, "\rexport: %d/%d", done, total);
            return true;
        });
        if (request.slices.size() > 1)
            std::fprintf(stderr, "\n");
        // What left the cache, and where to (an anonymized export still came from this patient).
        AuditEvent exported = studyEvent(AuditEventKind::Export, database, series.context.study.uid, int(result.files.size()));
        exported.peerAddress = QFileInfo(request.out).absoluteFilePath().toStdString();
        trail->record(exported);
        for (const QString& f : result.files)
            std::printf("%s\n", qPrintable(f));
    } catch (const std::exception& e) {
        return failWith(name(), e, db);
    }
    return Success;
}

} // namespace hf::cli
