#include "OriginalExport.h"

#include "AuditEvents.h"
#include "CliCommand.h"

#include "OriginalsExport.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/dicomio/InstanceDeidentifier.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace hf::cli {


int exportOriginals(const QCommandLineParser& parser, const QString& command, app::AuditTrail& trail)
{
    if (parser.isSet("series") == parser.isSet("study"))
        return fail(command, "--format dicom exports --series UID or --study UID", BadInput);
    DeidentifyOptions options;
    options.retainLongitudinalDates = parser.isSet("retain-dates");
    options.retainPatientCharacteristics = parser.isSet("retain-patient-characteristics");
    options.cleanDescriptors = parser.isSet("clean-descriptors");
    options.acceptBurnedIn = parser.isSet("accept-burned-in");
    QString why;
    const auto masks = exporting::parseMasks(parser.value("mask"), why);
    if (!masks)
        return fail(command, why, BadInput);
    options.masks = *masks;
    const bool anonymize = parser.isSet("anonymize");
    if (!anonymize && (options.retainLongitudinalDates || options.retainPatientCharacteristics || options.cleanDescriptors ||
                       options.acceptBurnedIn || !options.masks.empty()))
        return fail(command, "--retain-*, --clean-descriptors, --mask and --accept-burned-in go with --anonymize", BadInput);

    const std::string db = cachePathOf(parser).toStdString();
    const std::string out = QDir(parser.value("out")).absolutePath().toStdString();
    std::vector<std::string> files;
    AuditEvent exported;
    try {
        CacheDatabase database(db);
        std::string studyUid;
        files = exporting::cachedFilesOf(database, parser.value("series").toStdString(), parser.value("study").toStdString(), studyUid);
        if (files.empty())
            return fail(command, "nothing of that " + QString(parser.isSet("study") ? "study" : "series") + " is in the cache", BadInput);
        exported = app::studyEvent(AuditEventKind::Export, database, studyUid, 0);
    } catch (const std::exception& e) {
        return failWith(command, e, db);
    }
    const exporting::OriginalsResult result = exporting::exportOriginals(files, out, anonymize, options);
    for (const QString& file : result.written)
        std::printf("%s%s\n", qPrintable(file), result.masked.contains(file) ? "  (masked)" : "");
    result.describe(exported, out);
    trail.record(exported);
    for (const QString& r : result.refused)
        std::fprintf(stderr, "hounsfield-cli %s: %s\n", qPrintable(command), qPrintable(r));
    std::fprintf(stderr, "%d of %zu instance(s) written to %s%s%s\n", int(result.written.size()), files.size(), out.c_str(),
                 anonymize ? ", de-identified" : "", result.masked.isEmpty() ? "" : qPrintable(QString(", %1 masked").arg(result.masked.size())));
    return result.refused.isEmpty() ? Success : Failure;
}

} // namespace hf::cli
