#include "ImportCommand.h"

#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/CacheRebuild.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <filesystem>
#include <cstdio>

namespace hf::cli {
namespace {

QJsonObject countsJson(const IndexCounts& c)
{
    return {{"patients", c.patients}, {"studies", c.studies}, {"series", c.series}, {"instances", c.instances}};
}

QJsonArray errorsJson(const std::vector<FileError>& errors)
{
    QJsonArray out;
    for (const auto& e : errors)
        out.append(QJsonObject{{"file", QString::fromStdString(e.file)}, {"reason", QString::fromStdString(e.reason)}});
    return out;
}

// Progress on stderr, at most a few times a second.
ProgressSink stderrProgress()
{
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return {[last](size_t done, size_t total) {
                const auto now = std::chrono::steady_clock::now();
                if (done != total && now - *last < std::chrono::milliseconds(250))
                    return;
                *last = now;
                std::fprintf(stderr, "\rreading %zu/%zu files", done, total);
                if (done == total)
                    std::fprintf(stderr, "\n");
            },
            nullptr};
}

} // namespace

int ImportCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"json", "Print one JSON document."},
                       {"copy", "Copy the files into the cache folder instead of linking to where they are."},
                       keepFreeOption(),
                       {"rebuild", "Rebuild a damaged index from every folder and file imported before."}});
    parser.addPositionalArgument("PATH", "Files, folders or DICOMDIRs.", "PATH...");
    describeAuditOptions(parser);
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const std::string db = cachePathOf(parser).toStdString();
    QString keepFreeProblem;
    const auto keepFree = keepFreeFromOptions(parser, keepFreeProblem);
    if (!keepFree)
        return fail(name(), keepFreeProblem, BadInput);
    QJsonObject report;
    std::vector<FileError> errors;
    try {
        if (parser.isSet("rebuild")) {
            const RebuildReport rebuilt = rebuildCache(db, HeaderScanner(), stderrProgress());
            errors = rebuilt.errors;
            report = {{"rebuilt", true}, {"damaged_copy", QString::fromStdString(rebuilt.damagedCopy)},
                      {"total", countsJson(rebuilt.counts)}};
        } else {
            if (parser.positionalArguments().isEmpty())
                return fail(name(), "give at least one PATH (or --rebuild)", BadInput);
            std::vector<std::string> paths;
            for (const auto& p : parser.positionalArguments())
                paths.push_back(p.toStdString());
            CacheDatabase database(db);
            const CacheFileStore store(std::filesystem::absolute(db).parent_path().string(), *keepFree);
            ImportResult imported = CacheImporter(database, parser.isSet("copy") ? &store : nullptr)
                                        .import(paths, stderrProgress());
            const ScanResult& scan = imported.scan;
            QString auditProblem;
            if (const auto trail = auditTrailOf(parser, cachePathOf(parser), auditProblem)) {
                std::vector<FrameHeader> all = scan.frames;
                all.insert(all.end(), scan.objects.begin(), scan.objects.end());
                for (AuditEvent& e : eventsPerStudy(AuditEventKind::Import, all)) {
                    e.peerAddress = parser.positionalArguments().join(", ").toStdString();
                    trail->record(e);
                }
            } else {
                return fail(name(), auditProblem, BadInput);
            }
            errors = scan.errors;
            const IndexCounts added = imported.added;
            StudyIndex index(database);
            // What earlier checks found (list --check looks at the files): checking every file of a
            // full cache here took seconds for an import of twenty.
            const long long missing = index.flaggedMissing();
            report = {{"added", countsJson(added)}, {"total", countsJson(index.counts())}, {"missing_files", missing},
                      {"files", qint64(scan.filesSeen)}};
            if (scan.frames.empty() && !errors.empty()) {
                for (const auto& e : errors)
                    std::fprintf(stderr, "%s: %s\n", e.file.c_str(), e.reason.c_str());
                return fail(name(), QString::fromStdString(errors.front().file + ": " + errors.front().reason), BadInput);
            }
        }
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    report["db"] = QString::fromStdString(db);
    report["errors"] = errorsJson(errors);
    if (parser.isSet("json")) {
        std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    } else {
        const QJsonObject total = report["total"].toObject();
        std::printf("%s: %lld patients, %lld studies, %lld series, %lld instances", db.c_str(),
                    total["patients"].toInteger(), total["studies"].toInteger(), total["series"].toInteger(),
                    total["instances"].toInteger());
        if (report.contains("added"))
            std::printf(" (%lld instances new)", report["added"].toObject()["instances"].toInteger());
        std::printf("\n");
        for (const auto& e : errors)
            std::printf("error: %s: %s\n", e.file.c_str(), e.reason.c_str());
    }
    return Success;
}

} // namespace hf::cli
