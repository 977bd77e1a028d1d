// Cache indexing and search speed (docs/performance.md):
//   bench_index scan DIR DB      files/s: our import (scan in child processes + SQLite) against a
//                                bare gdcm::Scanner over the same tags, in the same run
//   bench_index search DB N      builds an index of N synthetic instances, then times searches
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/GdcmDiagnostics.h"
#include "hf/dicomio/HeaderScanner.h"

#include <gdcmScanner.h>
#include <gdcmDirectory.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int scan(const std::string& dir, const std::string& db)
{
    std::filesystem::remove(db);
    gdcm::Directory directory;
    const auto files = directory.Load(dir, true);
    (void)files;
    const double count = double(directory.GetFilenames().size());

    auto t = Clock::now();
    gdcm::Scanner scanner;
    for (auto tag : {gdcm::Tag(0x0010, 0x0010), gdcm::Tag(0x0010, 0x0020), gdcm::Tag(0x0020, 0x000d), gdcm::Tag(0x0020, 0x000e),
                     gdcm::Tag(0x0008, 0x0018), gdcm::Tag(0x0008, 0x0060), gdcm::Tag(0x0008, 0x0020), gdcm::Tag(0x0020, 0x0032),
                     gdcm::Tag(0x0020, 0x0037), gdcm::Tag(0x0028, 0x0010), gdcm::Tag(0x0028, 0x0011)})
        scanner.AddTag(tag);
    scanner.Scan(directory.GetFilenames());
    const double gdcmSeconds = since(t);

    t = Clock::now();
    const std::string dcmdump = "dcmdump --scan-directories --recurse -M -q +P 0008,0018 '" + dir + "' > /dev/null 2>&1";
    if (std::system(dcmdump.c_str()) != 0)
        std::fprintf(stderr, "dcmdump failed\n");
    const double dcmtkSeconds = since(t);

    t = Clock::now();
    hf::ScanResult result = hf::HeaderScanner().scan({dir});
    const double scanSeconds = since(t);
    t = Clock::now();
    hf::CacheDatabase database(db);
    hf::CacheImporter(database).import({dir});  // what `hounsfield-cli import` runs
    const double importSeconds = since(t);

    std::printf("| %.0f files | gdcm::Scanner %.0f files/s | dcmdump --scan-directories %.0f files/s | "
                "hounsfield scan %.0f files/s | hounsfield scan + SQLite index %.0f files/s |\n",
                count, count / gdcmSeconds, count / dcmtkSeconds, count / scanSeconds, count / importSeconds);
    return 0;
}

int search(const std::string& db, long instances)
{
    std::filesystem::remove(db);
    hf::CacheDatabase database(db);
    hf::StudyIndex index(database);
    const char* names[] = {"SMITH^JOHN", "JONES^MARY", "MILLER^ANNA", "GARCIA^LUIS", "MÜLLER^JÖRG", "NGUYEN^AN"};
    const char* modalities[] = {"CT", "MR", "CR", "US", "PT"};
    std::vector<hf::FrameHeader> frames;
    const long perStudy = 50;
    for (long i = 0; i < instances; ++i) {
        const long study = i / perStudy;
        hf::FrameHeader f;
        f.patientName = std::string(names[study % 6]) + std::to_string(study % 997);
        f.patientId = "ID" + std::to_string(study % 5000);
        f.studyUid = "2.25." + std::to_string(study);
        f.seriesUid = "2.25." + std::to_string(study) + "." + std::to_string((i % perStudy) / 10);
        f.sopInstanceUid = "2.25." + std::to_string(study) + ".1." + std::to_string(i);
        f.modality = modalities[study % 5];
        f.studyDate = std::to_string(20000101 + (study % 20) * 10000 + (study % 12) * 100 + study % 28);
        f.accessionNumber = "ACC" + std::to_string(study);
        f.path = "/nonexistent/" + f.sopInstanceUid;
        frames.push_back(std::move(f));
    }
    auto t = Clock::now();
    index.add(frames);
    std::printf("indexed %ld synthetic instances in %.2f s\n", instances, since(t));
    struct Query { const char* what; hf::StudyFilter filter; } queries[] = {
        {"all studies", {}},
        {"name SMITH*", {"SMITH*", "", "", "", "", "", ""}},
        {"substring jones", {"jones", "", "", "", "", "", ""}},
        {"ID exact", {"ID42", "", "", "", "", "", ""}},
        {"accession", {"", "ACC1234", "", "", "", "", ""}},
        {"modality CT", {"", "", "CT", "", "", "", ""}},
        {"date range 2010", {"", "", "", "20100101", "20101231", "", ""}},
    };
    std::printf("| search over %ld instances | studies found | milliseconds (best of 5) |\n|---|---|---|\n", instances);
    for (auto& q : queries) {
        double best = 1e9;
        size_t found = 0;
        for (int r = 0; r < 5; ++r) {
            t = Clock::now();
            found = index.studies(q.filter).size();
            best = std::min(best, since(t));
        }
        std::printf("| %s | %zu | %.1f |\n", q.what, found, best * 1000);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    hf::silenceGdcmDiagnostics();
    if (argc >= 4 && std::string(argv[1]) == "scan")
        return scan(argv[2], argv[3]);
    if (argc >= 4 && std::string(argv[1]) == "search")
        return search(argv[2], std::atol(argv[3]));
    std::fprintf(stderr, "usage: bench_index scan DIR DB | bench_index search DB INSTANCES\n");
    return 2;
}
