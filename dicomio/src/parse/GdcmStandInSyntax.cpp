#include "GdcmStandInSyntax.h"

#include "HtJ2kCodec.h"

namespace hf {

namespace {
const std::string kMpeg2 = "1.2.840.10008.1.2.4.100";
}

std::string gdcmStandInSyntax(const std::string& uid, unsigned long long valueLength)
{
    // MPEG-2 Main Profile: encapsulated, explicit VR little endian, and 23 characters like the
    // HTJ2K UIDs (24 bytes with the padding NUL). GDCM never decodes it for us.
    if (!isHtJ2kTransferSyntax(uid) || valueLength != kMpeg2.size() + 1)
        return {};
    return kMpeg2 + '\0';
}

bool findMetaTransferSyntax(const std::string& bytes, unsigned long long& offset, unsigned long long& length)
{
    // The meta group is explicit VR little endian; its elements come first after "DICM".
    auto byte = [&](size_t i) { return unsigned(static_cast<unsigned char>(bytes[i])); };
    size_t at = 132;
    while (at + 8 <= bytes.size() && byte(at) == 0x02 && byte(at + 1) == 0x00) {
        const unsigned element = byte(at + 2) | byte(at + 3) << 8;
        const std::string vr = bytes.substr(at + 4, 2);
        const bool longForm = vr == "OB" || vr == "OW" || vr == "UN" || vr == "SQ" || vr == "UT";
        size_t header = 8, valueLength = byte(at + 6) | byte(at + 7) << 8;
        if (longForm) {
            if (at + 12 > bytes.size())
                return false;
            header = 12;
            valueLength = byte(at + 8) | byte(at + 9) << 8 | byte(at + 10) << 16 | size_t(byte(at + 11)) << 24;
        }
        if (valueLength > bytes.size() - at - header)
            return false;
        if (element == 0x0010) {
            offset = at + header;
            length = valueLength;
            return true;
        }
        at += header + valueLength;
    }
    return false;
}

bool overwriteSyntaxValue(std::string& bytes, unsigned long long offset, const std::string& value)
{
    if (offset == 0 || offset > bytes.size() || value.size() > bytes.size() - offset)
        return false;
    bytes.replace(size_t(offset), value.size(), value);
    return true;
}

} // namespace hf
