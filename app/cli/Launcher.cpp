// hounsfield-cli: loads the module that runs the asked command (CliModules.h) and hands it the
// command line. The program itself links no library of ours, nor Qt.
#include "CliModules.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cstdio>

int main(int argc, char** argv)
{
    const bool network = argc > 1 && hf::cli::isNetworkCommand(argv[1]);
    const std::string file = network ? hf::cli::kNetworkModule : hf::cli::kFullModule;
    std::string tried;
    for (const std::string& place : hf::cli::modulePlaces(file)) {
        struct stat st {};
        if (stat(place.c_str(), &st) != 0) {
            tried += (tried.empty() ? "" : ", ") + place;
            continue;
        }
        void* module = dlopen(place.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (!module) {
            std::fprintf(stderr, "hounsfield-cli: cannot load %s: %s\n", place.c_str(), dlerror());
            return 1;
        }
        const auto entry = reinterpret_cast<hf::cli::CliEntry>(dlsym(module, hf::cli::kCliEntry));
        if (!entry) {
            std::fprintf(stderr, "hounsfield-cli: %s is not this program's module (no %s)\n", place.c_str(), hf::cli::kCliEntry);
            return 1;
        }
        return entry(argc, argv);
    }
    std::fprintf(stderr, "hounsfield-cli: its commands are not installed: looked for %s\n", tried.c_str());
    return 1;
}
