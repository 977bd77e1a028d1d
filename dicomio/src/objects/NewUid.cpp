#include "hf/dicomio/NewUid.h"

#include "UidDigits.h"

#include <random>

namespace hf {

// Its own file, apart from the writers: a program that only makes UIDs (the CLI's network
// commands) then links no GDCM.
std::string newUid()
{
    std::random_device random;
    unsigned __int128 v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 32) | random();
    v >>= 6;  // 122 bits, as a version 4 UUID
    return uidUnder225(v);
}

} // namespace hf
