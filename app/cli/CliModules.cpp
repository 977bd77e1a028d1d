#include "CliModules.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <climits>
#include <cstdlib>

namespace hf::cli {

std::vector<std::string> modulePlaces(const std::string& file)
{
    char resolved[PATH_MAX];
    std::string bin = realpath("/proc/self/exe", resolved) ? resolved : "";
    bin = bin.substr(0, bin.find_last_of('/') == std::string::npos ? 0 : bin.find_last_of('/'));
    return {bin + "/" + file, bin + "/" HF_MODULES_FROM_BINDIR "/" + file};
}

LoadedModule loadModule(const std::string& file, int dlopenFlags)
{
    LoadedModule loaded;
    for (const std::string& place : modulePlaces(file)) {
        struct stat st {};
        if (stat(place.c_str(), &st) != 0) {
            loaded.tried += (loaded.tried.empty() ? "" : ", ") + place;
            continue;
        }
        loaded.place = place;
        loaded.handle = dlopen(place.c_str(), dlopenFlags);
        if (!loaded.handle)
            loaded.error = dlerror();
        break;
    }
    return loaded;
}

} // namespace hf::cli
