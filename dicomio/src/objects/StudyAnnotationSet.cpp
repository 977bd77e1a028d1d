#include "hf/dicomio/StudyAnnotationSet.h"

#include "UidDigits.h"

#include <cctype>
#include <cstdint>

namespace hf {

// PS3.5 B.2: a UUID as one 128-bit decimal number under the root 2.25.
std::string uidFromUuid(const std::string& uuid)
{
    unsigned __int128 v = 0;
    int digits = 0;
    for (char c : uuid) {
        if (c == '-')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)) || ++digits > 32)
            return {};
        v = (v << 4) | unsigned(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10);
    }
    if (digits != 32)
        return {};
    return uidUnder225(v);
}

std::string uuidFromUid(const std::string& uid)
{
    if (uid.rfind("2.25.", 0) != 0 || uid.size() == 5 || uid.size() > 5 + 39)
        return {};
    unsigned __int128 v = 0;
    const unsigned __int128 max = ~static_cast<unsigned __int128>(0);
    for (size_t i = 5; i < uid.size(); ++i) {
        const char c = uid[i];
        if (c < '0' || c > '9')
            return {};
        if (v > (max - unsigned(c - '0')) / 10)
            return {};
        v = v * 10 + unsigned(c - '0');
    }
    static const char* hex = "0123456789abcdef";
    std::string out(36, '-');
    int shift = 124;
    for (size_t i = 0; i < out.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            continue;
        out[i] = hex[int((v >> shift) & 0xF)];
        shift -= 4;
    }
    return out;
}

std::string derivedUid(const std::string& seed)
{
    // Two FNV-1a hashes with different offsets make 128 bits.
    auto fnv = [&](std::uint64_t h) {
        for (unsigned char c : seed)
            h = (h ^ c) * 1099511628211ull;
        return h;
    };
    unsigned __int128 v = (static_cast<unsigned __int128>(fnv(14695981039346656037ull)) << 64) | fnv(0x9e3779b97f4a7c15ull);
    v >>= 6;  // as many random bits as a version 4 UUID
    return uidUnder225(v);
}

} // namespace hf
