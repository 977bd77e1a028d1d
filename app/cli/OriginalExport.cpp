#include "OriginalExport.h"

#include "AuditEvents.h"
#include "CliCommand.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/InstanceDeidentifier.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>
#include <filesystem>
#include <set>

namespace hf::cli {

namespace {

// "X,Y,W,H;X,Y,W,H": nothing (and why) when malformed.
std::optional<std::vector<DeidentifyOptions::Rect>> masksOf(const QString& text, QString& why)
{
    std::vector<DeidentifyOptions::Rect> rects;
    const QRegularExpression rect("^\\s*(\\d+),(\\d+),(\\d+),(\\d+)\\s*$");
    for (const QString& part : text.split(';', Qt::SkipEmptyParts)) {
        const auto m = rect.match(part);
        if (!m.hasMatch() || m.captured(3).toInt() < 1 || m.captured(4).toInt() < 1) {
            why = "--mask: '" + part + "' is not X,Y,WIDTH,HEIGHT in pixels";
            return std::nullopt;
        }
        rects.push_back({m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt()});
    }
    return rects;
}

} // namespace

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
    const auto masks = masksOf(parser.value("mask"), why);
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
    std::string studyUid;
    AuditEvent exported;
    try {
        CacheDatabase database(db);
        if (parser.isSet("study")) {
            studyUid = parser.value("study").toStdString();
            for (const auto& f : StudyIndex(database).instancesOfStudy(studyUid))
                files.push_back(f.path);
        } else {
            const ScanResult scan = cachedScan(database, parser.value("series").toStdString());
            std::set<std::string> seen;
            for (const auto* list : {&scan.frames, &scan.objects})
                for (const FrameHeader& f : *list)
                    if (seen.insert(f.path).second) {
                        files.push_back(f.path);
                        studyUid = f.studyUid;
                    }
        }
        if (files.empty())
            return fail(command, "nothing of that " + QString(parser.isSet("study") ? "study" : "series") + " is in the cache", BadInput);
        exported = app::studyEvent(AuditEventKind::Export, database, studyUid, 0);
    } catch (const std::exception& e) {
        return failWith(command, e, db);
    }

    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    Deidentifier uids;  // one per export: UIDs consistent across its files
    InstanceDeidentifier deidentifier(options, uids);
    int written = 0, masked = 0;
    QStringList refused;
    for (const std::string& file : files) {
        if (!anonymize) {
            const std::string target = out + "/" + std::filesystem::path(file).filename().string();
            if (std::filesystem::copy_file(file, target, std::filesystem::copy_options::overwrite_existing, ec)) {
                std::printf("%s\n", target.c_str());
                ++written;
            } else {
                refused << QString::fromStdString(file + ": cannot be copied (" + ec.message() + ")");
            }
            continue;
        }
        const DeidentifyOutcome result = deidentifier.write(file, out);
        if (!result.written) {
            refused << QString::fromStdString(result.reason);
            continue;
        }
        ++written;
        masked += result.masked;
        std::printf("%s%s\n", result.file.c_str(), result.masked ? "  (masked)" : "");
    }
    exported.instances = written;
    exported.peerAddress = out;
    exported.success = refused.isEmpty();
    exported.outcome = refused.isEmpty() ? std::string() : std::to_string(refused.size()) + " file(s) not exported";
    if (written > 0 || !refused.isEmpty())
        trail.record(exported);
    for (const QString& r : refused)
        std::fprintf(stderr, "hounsfield-cli %s: %s\n", qPrintable(command), qPrintable(r));
    std::fprintf(stderr, "%d of %zu instance(s) written to %s%s%s\n", written, files.size(), out.c_str(), anonymize ? ", de-identified" : "",
                 masked ? qPrintable(QString(", %1 masked").arg(masked)) : "");
    return refused.isEmpty() ? Success : Failure;
}

} // namespace hf::cli
