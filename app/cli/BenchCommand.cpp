#include "BenchCommand.h"

#include "CliCommand.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/SeriesOpening.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

namespace hf::cli {
namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0, Clock::time_point t) { return std::chrono::duration<double>(t - t0).count(); }

const char* kUsage = "usage: hounsfield-cli bench load PATH [--json] | bench open --db FILE --series UID [--rescan] [--json]";
} // namespace

int BenchCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString(kUsage) + "\n" + summary());
    parser.addHelpOption();
    parser.addOptions({{"json", "Print one JSON document."},
                       {"db", "open: the cache holding the series.", "FILE"},
                       {"series", "open: the Series Instance UID.", "UID"},
                       {"rescan", "open: read every header from the files, as before the index kept them."}});
    parser.addPositionalArgument("load|open", "load: a series from files (scanned); open: a series of the cache.");
    parser.addPositionalArgument("PATH", "load: files or folders holding the series.");
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const bool open = !positional.isEmpty() && positional[0] == "open";
    if (positional.isEmpty() || (!open && (positional[0] != "load" || positional.size() < 2))
        || (open && (!parser.isSet("db") || !parser.isSet("series"))))
        return fail(name(), kUsage, BadInput);

    // The headers: scanned from PATHs (load), or as the workstation opens a cached series (open).
    const auto t0 = Clock::now();
    std::vector<FrameHeader> frames;
    std::string seriesUid;
    try {
        if (open) {
            CacheDatabase db(parser.value("db").toStdString());
            seriesUid = parser.value("series").toStdString();
            frames = parser.isSet("rescan") ? HeaderScanner().scan(StudyIndex(db).filesOf(seriesUid)).frames : cachedScan(db, seriesUid).frames;
        } else {
            std::vector<std::string> paths;
            for (const auto& p : positional.mid(1))
                paths.push_back(p.toStdString());
            frames = HeaderScanner().scan(paths).frames;
        }
    } catch (const std::exception& e) {
        return failWith(name(), e, parser.value("db").toStdString());
    }
    const auto headersRead = Clock::now();
    Clock::time_point first = headersRead;
    SeriesOpenRequest request;
    request.seriesUid = seriesUid;
    request.firstSliceReady = [&](const std::shared_ptr<Volume>&, int) { first = Clock::now(); };
    const LoadedSeries opened = openSeries(std::move(frames), request);
    const auto done = Clock::now();
    if (!opened.where)
        return fail(name(), (open ? "series " + parser.value("series") : positional.value(1)) + ": no images found", BadInput);
    const LoadResult& loaded = opened.loaded;
    if (!loaded.volume)
        return fail(name(), QString::fromStdString(loaded.errors.front().file + ": " + loaded.errors.front().reason), Failure);

    double fileBytes = 0;
    std::set<std::string> files;
    for (const auto& f : opened.where->stack->slices)
        if (files.insert(f.path).second)
            fileBytes += double(std::filesystem::file_size(f.path));
    rusage self{}, children{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    const QJsonObject report{
        {"files", qint64(files.size())},
        {"file_bytes", fileBytes},
        {"voxel_bytes", double(loaded.volume->byteCount())},
        {"headers_from", open && !parser.isSet("rescan") ? "index" : "files"},
        {"scan_s", since(t0, headersRead)},
        {"first_slice_s", since(t0, first)},
        {"total_s", since(t0, done)},
        {"mb_per_s", fileBytes / since(t0, done) / 1e6},
        {"errors", qint64(loaded.errors.size())},
        // Decoding happens in child processes writing into shared memory: the volume's pages
        // are counted in the children's resident sets, not the parent's.
        {"peak_rss_parent_bytes", double(self.ru_maxrss) * 1024},
        {"peak_rss_largest_child_bytes", double(children.ru_maxrss) * 1024},
    };
    if (parser.isSet("json")) {
        std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    } else {
        std::printf("%lld files, %.1f MB: headers (%s) %.3f s, first slice %.3f s, volume %.3f s (%.0f MB/s), %lld errors\n",
                    qint64(files.size()), fileBytes / 1e6, qPrintable(report["headers_from"].toString()), report["scan_s"].toDouble(),
                    report["first_slice_s"].toDouble(), report["total_s"].toDouble(), report["mb_per_s"].toDouble(),
                    report["errors"].toInteger());
    }
    return Success;
}

} // namespace hf::cli
