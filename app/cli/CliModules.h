#pragma once
// How the launcher (hounsfield-cli) and its command modules meet. Each module exports one
// extern "C" entry point that runs a command line as main() would. The network commands run in
// a module that links neither GDCM nor Qt Gui nor ITK: GDCM builds its dictionaries as its
// library loads, ~35 ms of every process's start (docs/performance.md); the full module runs
// every command. Plain C++: the launcher uses this before any library is loaded.
#include <cstring>
#include <string>
#include <vector>

namespace hf::cli {

using CliEntry = int (*)(int argc, char** argv);
inline constexpr const char* kCliEntry = "hounsfieldCliMain";
inline constexpr const char* kFullModule = "hounsfield-cli-full.so";
inline constexpr const char* kNetworkModule = "hounsfield-cli-network.so";
// GDCM's read of one file, exported by the full module for the network one (whose own reader
// leaves big endian and deflated files to GDCM): void (const std::string&, hf::ScanResult&).
inline constexpr const char* kScanFileWithGdcm = "hounsfieldScanFileWithGdcm";

// The commands the network module runs; the full module runs them too.
inline bool isNetworkCommand(const char* name)
{
    for (const char* command : {"echo", "find", "retrieve"})
        if (std::strcmp(name, command) == 0)
            return true;
    return false;
}

// Where to look for a module, in order: beside the running program (the build tree), then
// LIBDIR/hounsfield/modules relative to its folder (installed).
std::vector<std::string> modulePlaces(const std::string& file);

// The first of modulePlaces(file) that exists, dlopen()ed with these flags. No handle: `place`
// empty when none exists (`tried` says where it looked), else dlopen's `error`. Each caller
// says it in its own words.
struct LoadedModule {
    void* handle = nullptr;
    std::string place, tried, error;
};
LoadedModule loadModule(const std::string& file, int dlopenFlags);

} // namespace hf::cli
