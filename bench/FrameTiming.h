#pragma once
// What the frame benchmarks share: timing frames, their median, and their integer options.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

inline double ms(Clock::time_point from) { return std::chrono::duration<double, std::milli>(Clock::now() - from).count(); }

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Each frame's milliseconds.
inline std::vector<double> frames(int n, const std::function<void(int)>& frame)
{
    std::vector<double> t;
    for (int i = 0; i < n; ++i) {
        const auto start = Clock::now();
        frame(i);
        t.push_back(ms(start));
    }
    return t;
}

// "--name N" pairs into the named integers; false (said on stderr) for anything else.
inline bool readIntOptions(int argc, char** argv, const std::map<std::string, int*>& options)
{
    for (int i = 1; i < argc; i += 2) {
        const auto option = options.find(argv[i]);
        if (option == options.end() || i + 1 >= argc) {
            std::fprintf(stderr, "%s: unknown option or missing value '%s'\n", argv[0], argv[i]);
            return false;
        }
        try {
            *option->second = std::stoi(argv[i + 1]);
        } catch (const std::exception&) {
            std::fprintf(stderr, "%s: %s needs a whole number, not '%s'\n", argv[0], argv[i], argv[i + 1]);
            return false;
        }
    }
    return true;
}
