#pragma once
// "2.25.<decimal>": a 128-bit number as a UID under the UUID root (PS3.5 B.2). Internal.
#include <string>

namespace hf {

inline std::string uidUnder225(unsigned __int128 v)
{
    std::string digits;
    do {
        digits.insert(digits.begin(), char('0' + int(v % 10)));
        v /= 10;
    } while (v);
    return "2.25." + digits;
}

} // namespace hf
