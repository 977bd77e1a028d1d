// The network module's GDCM read (HeaderScanner::scanFileWithGdcm, which hf::dicomio defines
// beside GDCM in GdcmHeaderScan.cpp): it loads the full module and calls that module's copy.
// Defined here, it keeps the library's definition - and GDCM with it - out of this module: a
// static library's member is linked only for a symbol still undefined, and linking both would
// fail as a duplicate. The scanner calls it in a child process (GDCM's reads are isolated), so
// the full module loads there and goes with the child.
#include "CliModules.h"

#include "hf/dicomio/HeaderScanner.h"

#include <dlfcn.h>
#include <sys/stat.h>

namespace hf {

void HeaderScanner::scanFileWithGdcm(const std::string& path, ScanResult& result)
{
    using ScanFileWithGdcm = void (*)(const std::string&, ScanResult&);
    std::string tried;
    for (const std::string& place : cli::modulePlaces(cli::kFullModule)) {
        struct stat st {};
        if (stat(place.c_str(), &st) != 0) {
            tried += (tried.empty() ? "" : ", ") + place;
            continue;
        }
        void* module = dlopen(place.c_str(), RTLD_LAZY | RTLD_LOCAL);
        const auto scan = module ? reinterpret_cast<ScanFileWithGdcm>(dlsym(module, cli::kScanFileWithGdcm)) : nullptr;
        if (!scan) {
            result.errors.push_back({path, "needs GDCM, which could not be loaded from " + place + ": "
                                               + (module ? std::string("no ") + cli::kScanFileWithGdcm : std::string(dlerror()))});
            return;
        }
        scan(path, result);
        return;
    }
    result.errors.push_back({path, "needs GDCM, whose module is not installed: looked for " + tried});
}

} // namespace hf
