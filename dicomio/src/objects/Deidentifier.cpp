#include "hf/dicomio/Deidentifier.h"

#include <cstdio>
#include <random>

namespace hf {
namespace {

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string decimal(unsigned __int128 v)
{
    std::string digits;
    do {
        digits.insert(digits.begin(), char('0' + int(v % 10)));
        v /= 10;
    } while (v);
    return digits;
}

} // namespace

Deidentifier::Deidentifier()
{
    std::random_device random;
    m_key[0] = (std::uint64_t(random()) << 32) ^ random();
    m_key[1] = (std::uint64_t(random()) << 32) ^ random();
}

const char* Deidentifier::method()
{
    return "PS3.15 E.1 Basic Profile, Hounsfield";  // LO: at most 64 characters
}

std::string Deidentifier::uid(const std::string& original)
{
    if (original.empty())
        return {};
    auto it = m_uids.find(original);
    if (it != m_uids.end())
        return it->second;
    // A keyed hash of the original: the same within this export, unrelated across exports.
    std::uint64_t a = m_key[0], b = m_key[1];
    for (unsigned char c : original) {
        a = mix(a ^ c);
        b = mix(b ^ (c + 0x51u));
    }
    const unsigned __int128 value = ((static_cast<unsigned __int128>(a) << 64) | b) >> 6;  // < 2^122: at most 37 digits
    return m_uids[original] = "2.25." + decimal(value);
}

CaptureIdentity Deidentifier::apply(const CaptureIdentity& in)
{
    CaptureIdentity out;
    // Dummy values where the IOD needs something (type 1/2), nothing where it does not.
    out.patient.name = "ANONYMOUS";
    char id[32];
    std::snprintf(id, sizeof id, "ANON%010llu", (unsigned long long)(mix(m_key[0] ^ std::hash<std::string>{}(in.patient.id)) % 10000000000ULL));
    out.patient.id = id;
    out.study.uid = uid(in.study.uid);
    out.deidentified = true;
    out.deidentificationMethod = method();
    return out;
}

} // namespace hf
