// The network module's GDCM read (HeaderScanner::scanFileWithGdcm and prepareGdcm, which
// hf::dicomio defines beside GDCM in GdcmHeaderScan.cpp): the full module's copy, loaded once.
// Defined here, they keep the library's definitions - and GDCM with them - out of this module:
// a static library's member is linked only for a symbol still undefined, and linking both would
// fail as a duplicate. The scanner calls prepareGdcm() before it forks the children that read
// with GDCM, so the module is loaded in this process and they inherit it.
#include "CliModules.h"

#include "hf/dicomio/HeaderScanner.h"

#include <dlfcn.h>

namespace hf {
namespace {

using ScanFileWithGdcm = void (*)(const std::string&, ScanResult&);

struct FullModule {
    ScanFileWithGdcm scan = nullptr;
    std::string error;  // why scan is null
};

FullModule load()
{
    FullModule loaded;
    const cli::LoadedModule module = cli::loadModule(cli::kFullModule, RTLD_LAZY | RTLD_LOCAL);
    if (module.place.empty()) {
        loaded.error = "needs GDCM, whose module is not installed: looked for " + module.tried;
        return loaded;
    }
    loaded.scan = module.handle ? reinterpret_cast<ScanFileWithGdcm>(dlsym(module.handle, cli::kScanFileWithGdcm)) : nullptr;
    if (!loaded.scan)
        loaded.error = "needs GDCM, which could not be loaded from " + module.place + ": "
                       + (module.handle ? std::string("no ") + cli::kScanFileWithGdcm : module.error);
    return loaded;
}

// Loaded at most once in a process: a loaded library is the whole process's anyway.
const FullModule& fullModule()
{
    static const FullModule loaded = load();
    return loaded;
}

} // namespace

void HeaderScanner::prepareGdcm()
{
    fullModule();
}

void HeaderScanner::scanFileWithGdcm(const std::string& path, ScanResult& result)
{
    const FullModule& module = fullModule();
    if (module.scan)
        module.scan(path, result);
    else
        result.errors.push_back({path, module.error});
}

} // namespace hf
