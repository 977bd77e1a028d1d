#include "BenchCommand.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

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
} // namespace

int BenchCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("bench load PATH: " + summary());
    parser.addHelpOption();
    parser.addOption({"json", "Print one JSON document."});
    parser.addPositionalArgument("load", "The benchmark to run (load).");
    parser.addPositionalArgument("PATH", "Files or folders holding the series.");
    if (!parser.parse(QStringList("bench") + args))
        return fail(name(), parser.errorText(), BadInput);
    if (parser.isSet("help")) {
        std::printf("%s", qPrintable(parser.helpText()));
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2 || positional[0] != "load")
        return fail(name(), "usage: hounsfield-cli bench load PATH [--json]", BadInput);
    std::vector<std::string> paths;
    for (const auto& p : positional.mid(1))
        paths.push_back(p.toStdString());

    const auto t0 = Clock::now();
    ScanResult scan = HeaderScanner().scan(paths);
    const auto scanned = Clock::now();
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    const Stack* stack = tree.firstStack();
    if (!stack)
        return fail(name(), QString::fromStdString(paths.front()) + ": no images found", BadInput);
    Clock::time_point first = scanned;
    const LoadResult loaded = VolumeLoader().load(*stack, {}, [&](const std::shared_ptr<Volume>&, int) { first = Clock::now(); });
    const auto done = Clock::now();
    if (!loaded.volume)
        return fail(name(), QString::fromStdString(loaded.errors.front().file + ": " + loaded.errors.front().reason), Failure);

    double fileBytes = 0;
    std::set<std::string> files;
    for (const auto& f : stack->slices)
        if (files.insert(f.path).second)
            fileBytes += double(std::filesystem::file_size(f.path));
    rusage self{}, children{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    const QJsonObject report{
        {"files", qint64(files.size())},
        {"file_bytes", fileBytes},
        {"voxel_bytes", double(loaded.volume->byteCount())},
        {"scan_s", since(t0, scanned)},
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
        std::printf("%lld files, %.1f MB: scan %.3f s, first slice %.3f s, volume %.3f s (%.0f MB/s), %lld errors\n",
                    qint64(files.size()), fileBytes / 1e6, report["scan_s"].toDouble(), report["first_slice_s"].toDouble(),
                    report["total_s"].toDouble(), report["mb_per_s"].toDouble(), report["errors"].toInteger());
    }
    return Success;
}

} // namespace hf::cli
