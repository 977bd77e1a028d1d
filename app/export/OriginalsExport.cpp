#include "OriginalsExport.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"

#include <QRegularExpression>

#include <filesystem>
#include <set>

namespace hf::exporting {

std::vector<std::string> cachedFilesOf(CacheDatabase& database, const std::string& seriesUid, const std::string& studyUid,
                                       std::string& studyOfThem)
{
    std::vector<std::string> files;
    if (!studyUid.empty()) {
        studyOfThem = studyUid;
        for (const auto& f : StudyIndex(database).instancesOfStudy(studyUid))
            files.push_back(f.path);
        return files;
    }
    const ScanResult scan = cachedScan(database, seriesUid);
    std::set<std::string> seen;
    for (const auto* list : {&scan.frames, &scan.objects})
        for (const FrameHeader& f : *list)
            if (seen.insert(f.path).second) {
                files.push_back(f.path);
                studyOfThem = f.studyUid;
            }
    return files;
}

std::optional<std::vector<DeidentifyOptions::Rect>> parseMasks(const QString& text, QString& why)
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

void OriginalsResult::describe(AuditEvent& exported, const std::string& folder) const
{
    exported.instances = int(written.size());
    exported.peerAddress = folder;
    exported.success = refused.isEmpty();
    exported.outcome = refused.isEmpty() ? std::string() : std::to_string(refused.size()) + " file(s) not exported";
}

OriginalsResult exportOriginals(const std::vector<std::string>& files, const std::string& folder, bool anonymize,
                                const DeidentifyOptions& options, const std::function<bool(int, int)>& progress)
{
    OriginalsResult result;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    Deidentifier uids;  // one per export: UIDs consistent across its files
    InstanceDeidentifier deidentifier(options, uids);
    int done = 0;
    for (const std::string& file : files) {
        if (progress && !progress(done, int(files.size())))
            break;
        ++done;
        if (!anonymize) {
            const std::string target = folder + "/" + std::filesystem::path(file).filename().string();
            if (std::filesystem::copy_file(file, target, std::filesystem::copy_options::overwrite_existing, ec))
                result.written << QString::fromStdString(target);
            else
                result.refused << QString::fromStdString(file + ": cannot be copied (" + ec.message() + ")");
            continue;
        }
        const DeidentifyOutcome outcome = deidentifier.write(file, folder);
        if (!outcome.written) {
            result.refused << QString::fromStdString(outcome.reason);
            continue;
        }
        result.written << QString::fromStdString(outcome.file);
        if (outcome.masked)
            result.masked << QString::fromStdString(outcome.file);
    }
    if (progress)
        progress(done, int(files.size()));
    return result;
}

} // namespace hf::exporting
