#include "hf/annotations/CacheRebuild.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/dicomio/HeaderScanner.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace hf {

void rememberSources(const std::string& dbPath, const std::vector<std::string>& paths)
{
    const auto known = rememberedSources(dbPath);
    std::set<std::string> seen(known.begin(), known.end());
    std::ofstream out(dbPath + ".sources", std::ios::app);
    for (const auto& p : paths) {
        std::error_code ec;
        const std::string absolute = fs::absolute(p, ec).string();
        if (seen.insert(absolute).second)
            out << absolute << '\n';
    }
}

std::vector<std::string> rememberedSources(const std::string& dbPath)
{
    std::vector<std::string> out;
    std::ifstream in(dbPath + ".sources");
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(line);
    return out;
}

RebuildReport rebuildCache(const std::string& dbPath, const HeaderScanner& scanner, const ProgressSink& progress)
{
    RebuildReport report;
    std::error_code ec;
    if (fs::exists(dbPath, ec)) {
        const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        report.damagedCopy = dbPath + ".damaged-" + std::to_string(stamp);
        fs::rename(dbPath, report.damagedCopy, ec);
        if (ec)
            throw CacheError(dbPath + ": cannot move the damaged index aside: " + ec.message());
        for (const char* suffix : {"-wal", "-shm"})
            fs::rename(dbPath + suffix, report.damagedCopy + suffix, ec);
    }
    CacheDatabase db(dbPath);
    StudyIndex index(db);
    const auto sources = rememberedSources(dbPath);
    ScanResult scan = scanner.scan(sources, progress);
    report.errors = scan.errors;
    index.add(scan.frames, scan.objects);
    report.counts = index.counts();
    return report;
}

} // namespace hf
