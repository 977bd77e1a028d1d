// hounsfield-cli: loads the module that runs the asked command (CliModules.h) and hands it the
// command line. The program itself links no library of ours, nor Qt.
#include "CliModules.h"

#include <dlfcn.h>

#include <cstdio>

int main(int argc, char** argv)
{
    const bool network = argc > 1 && hf::cli::isNetworkCommand(argv[1]);
    const std::string file = network ? hf::cli::kNetworkModule : hf::cli::kFullModule;
    const hf::cli::LoadedModule module = hf::cli::loadModule(file, RTLD_LAZY | RTLD_LOCAL);
    if (module.place.empty()) {
        std::fprintf(stderr, "hounsfield-cli: its commands are not installed: looked for %s\n", module.tried.c_str());
        return 1;
    }
    if (!module.handle) {
        std::fprintf(stderr, "hounsfield-cli: cannot load %s: %s\n", module.place.c_str(), module.error.c_str());
        return 1;
    }
    const auto entry = reinterpret_cast<hf::cli::CliEntry>(dlsym(module.handle, hf::cli::kCliEntry));
    if (!entry) {
        std::fprintf(stderr, "hounsfield-cli: %s is not this program's module (no %s)\n", module.place.c_str(), hf::cli::kCliEntry);
        return 1;
    }
    return entry(argc, argv);
}
