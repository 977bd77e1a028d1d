#include "PlainHeaderParser.h"

#include "VrCodes.h"

#include <cstring>
#include <string>

namespace hf {
namespace {

constexpr std::uint32_t kUndefined = 0xffffffffu;
constexpr int kMaxDepth = 64;  // the preflight's limit
constexpr std::uint32_t kItem = 0xfffee000u, kItemEnd = 0xfffee00du, kSequenceEnd = 0xfffee0ddu;

std::uint32_t u16(const char* p)
{
    return std::uint32_t((unsigned char)p[0]) | std::uint32_t((unsigned char)p[1]) << 8;
}

std::uint32_t u32(const char* p)
{
    return u16(p) | u16(p + 2) << 16;
}

bool looksExplicit(const char* element)
{
    return element[4] >= 'A' && element[4] <= 'Z' && element[5] >= 'A' && element[5] <= 'Z';
}

// The data set encodings read here; others (big endian, deflated, private syntaxes) go to GDCM.
enum class Encoding { Implicit, Explicit, Other };

Encoding encodingOf(std::string_view syntax)
{
    if (syntax == "1.2.840.10008.1.2")
        return Encoding::Implicit;
    if (syntax == "1.2.840.10008.1.2.4.95")
        return Encoding::Other;  // JPIP Referenced Deflate: the data set is deflated
    if (syntax == "1.2.840.10008.1.2.1" || syntax == "1.2.840.10008.1.2.5" || syntax == "1.2.840.10008.1.2.1.98"
        || (syntax.substr(0, 20) == "1.2.840.10008.1.2.4." && syntax.size() > 20))
        return Encoding::Explicit;
    return Encoding::Other;
}

class Parser {
public:
    Parser(std::string_view bytes, bool implicitVr) : m_bytes(bytes), m_implicit(implicitVr) {}

    // Elements from pos up to `end`, into `out`. Top level (depth 0) stops before `stopTag`;
    // an undefined-length item stops after its delimiter. False: left to GDCM.
    bool elements(size_t& pos, size_t end, ElementSet& out, int depth, bool untilItemEnd, std::uint32_t stopTag)
    {
        if (depth > kMaxDepth)
            return false;
        while (pos < end) {
            if (end - pos < 8)
                return false;
            const char* h = m_bytes.data() + pos;
            const std::uint32_t tag = u16(h) << 16 | u16(h + 2);
            if (tag == kItemEnd) {
                pos += 8;
                return untilItemEnd;
            }
            if (tag >> 16 == 0xfffe || tag == 0 || (depth == 0 && tag > stopTag))
                return false;
            if (depth == 0 && tag == stopTag)
                return !untilItemEnd;
            if (!out.empty() && tag <= out.lastTag())
                return false;  // GDCM sorts and drops repeats; rare enough to leave to it
            Element e;
            e.tag = tag;
            std::uint32_t length;
            bool sequence = false;  // an explicit SQ (implicit VR: only an undefined length says so)
            if (m_implicit) {
                length = u32(h + 4);
                pos += 8;
                // GDCM's repairs: a GE length of 13, a Siemens tag whose length is wrong.
                if ((length == 13 && tag != 0x00080070u && tag != 0x00080080u) || tag == 0x031e0324u)
                    return false;
            } else {
                const unsigned vr = vrCode(h[4], h[5]);
                if (!isKnownVr(vr) || tag == 0x00ff4aa5u)
                    return false;
                e.vr[0] = h[4];
                e.vr[1] = h[5];
                if (hasLongLength(vr)) {
                    if (end - pos < 12)
                        return false;
                    length = u32(h + 8);
                    pos += 12;
                } else {
                    length = u16(h + 6);
                    pos += 8;
                    if (vr == vrCode('U', 'L') && tag >> 16 == 0x0009 && length == 6)
                        return false;  // Siemens Leonardo, which GDCM reads as 4 bytes
                }
                sequence = vr == vrCode('S', 'Q');
                if (length == kUndefined && !sequence)
                    return false;  // a UN sequence (CP-246) or worse
            }
            if (length == kUndefined) {
                if (!items(pos, end, kUndefined, e, depth))
                    return false;
            } else {
                if (length > end - pos || length % 2)
                    return false;
                if (sequence) {
                    size_t itemsPos = pos;
                    if (!items(itemsPos, pos + length, length, e, depth))
                        return false;
                } else if (length) {
                    e.data = m_bytes.data() + pos;
                    e.length = length;
                }
                pos += length;
            }
            out.append(std::move(e));
        }
        return pos == end && !untilItemEnd;
    }

private:
    bool items(size_t& pos, size_t end, std::uint32_t length, Element& sequence, int depth)
    {
        const bool undefined = length == kUndefined;
        while (true) {
            if (!undefined && pos == end)
                return true;
            if (end - pos < 8)
                return false;
            const char* h = m_bytes.data() + pos;
            const std::uint32_t tag = u16(h) << 16 | u16(h + 2);
            const std::uint32_t itemLength = u32(h + 4);
            pos += 8;
            if (tag == kSequenceEnd && undefined)
                return true;
            if (tag != kItem)
                return false;
            ElementSet& item = sequence.items.emplace_back();
            if (itemLength == kUndefined) {
                if (!elements(pos, end, item, depth + 1, true, 0))
                    return false;
            } else {
                if (itemLength > end - pos)
                    return false;
                const size_t itemEnd = pos + itemLength;
                if (!elements(pos, itemEnd, item, depth + 1, false, 0))
                    return false;
            }
        }
    }

    std::string_view m_bytes;
    bool m_implicit;
};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    return s;
}

} // namespace

bool parsePlainHeader(std::string_view header, unsigned stopElement, ElementSet& meta, ElementSet& dataSet)
{
    meta.clear();
    dataSet.clear();
    if (header.size() < 132 + 8 || std::memcmp(header.data() + 128, "DICM", 4) != 0)
        return false;  // no Part 10 meta header
    // The meta group: explicit VR little endian whatever the data set's syntax.
    size_t pos = 132;
    size_t metaEnd = pos;
    while (metaEnd + 8 <= header.size() && u16(header.data() + metaEnd) == 0x0002) {
        const char* h = header.data() + metaEnd;
        const unsigned vr = vrCode(h[4], h[5]);
        const size_t headerBytes = hasLongLength(vr) ? 12 : 8;
        if (metaEnd + headerBytes > header.size())
            return false;
        const std::uint32_t length = headerBytes == 12 ? u32(h + 8) : u16(h + 6);
        if (length == kUndefined || length > header.size() - metaEnd - headerBytes)
            return false;
        metaEnd += headerBytes + length;
    }
    Parser metaParser(header.substr(0, metaEnd), false);
    if (!metaParser.elements(pos, metaEnd, meta, 1, false, 0))
        return false;
    const Element* syntax = meta.find({0x0002, 0x0010});
    const Encoding encoding = syntax ? encodingOf(trimmed(syntax->bytes())) : Encoding::Other;
    if (encoding == Encoding::Other)
        return false;
    // GDCM believes the data over the meta header when they disagree; such files go to it.
    if (header.size() - pos >= 8 && looksExplicit(header.data() + pos) != (encoding == Encoding::Explicit))
        return false;
    Parser parser(header, encoding == Encoding::Implicit);
    return parser.elements(pos, header.size(), dataSet, 0, false, 0x7fe00000u | (stopElement & 0xffffu));
}

} // namespace hf
