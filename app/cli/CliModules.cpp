#include "CliModules.h"

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

} // namespace hf::cli
