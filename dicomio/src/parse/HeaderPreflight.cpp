#include "HeaderPreflight.h"

#include "VrCodes.h"

#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace hf {
namespace {

constexpr std::uint32_t kUndefined = 0xffffffffu;
constexpr int kMaxDepth = 64;
constexpr long kMaxElements = 10'000'000;

std::string hex4(unsigned v)
{
    char b[8];
    std::snprintf(b, sizeof b, "%04x", v & 0xffffu);
    return b;
}

// Reads a file through a window that starts at 4 kB and grows: a header is thousands of tiny
// reads, and most headers fit in the first few kB.
class FileWindow {
public:
    explicit FileWindow(const std::string& path) : m_fd(open(path.c_str(), O_RDONLY | O_CLOEXEC))
    {
        struct stat st {};
        if (m_fd >= 0 && fstat(m_fd, &st) == 0)
            m_size = std::uint64_t(st.st_size);
    }
    ~FileWindow()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    FileWindow(const FileWindow&) = delete;
    FileWindow& operator=(const FileWindow&) = delete;

    bool isOpen() const { return m_fd >= 0; }
    std::uint64_t size() const { return m_size; }

    bool read(std::uint64_t pos, void* out, size_t n)
    {
        if (pos + n > m_size)
            return false;
        if (n == 0)
            return true;  // an empty value: nothing to copy (and no window yet, maybe)
        if (pos < m_start || pos + n > m_start + m_window.size()) {
            m_capacity = std::min<size_t>(std::max({m_capacity * 2, n, size_t(4096)}), kMaxWindow);
            // While the header fits, the window stays a prefix of the file, so it can be handed on whole.
            const std::uint64_t start = pos + n <= kMaxWindow ? 0 : pos;
            m_window.resize(std::max<size_t>(m_capacity, size_t(pos + n - start)));
            const ssize_t got = pread(m_fd, m_window.data(), m_window.size(), off_t(start));
            m_window.resize(got > 0 ? size_t(got) : 0);
            m_start = start;
            if (pos + n > m_start + m_window.size())
                return false;
        }
        std::memcpy(out, m_window.data() + (pos - m_start), n);
        return true;
    }

    // The first `n` bytes when the window holds them, else empty.
    std::string prefix(std::uint64_t n) const
    {
        if (m_start != 0 || n > m_window.size())
            return {};
        return std::string(m_window.data(), size_t(n));
    }

private:
    int m_fd;
    std::uint64_t m_size = 0;
    std::vector<char> m_window;
    std::uint64_t m_start = 0;
    size_t m_capacity = 2048;
    static constexpr size_t kMaxWindow = size_t(1) << 20;
};

class Walker {
public:
    Walker(FileWindow& in, std::uint64_t size) : m_in(in), m_size(size) {}

    bool bigEndian = false;
    bool implicitVr = false;
    std::string error;
    std::uint64_t pixelDataOffset = 0, pixelDataLength = 0;
    unsigned pixelDataElement = 0x0010;

    // Walks elements in [pos, end). Stops at Pixel Data (top level), or at a delimiter when
    // `untilDelimiter` (undefined-length item). Returns the position after what it consumed.
    std::uint64_t walk(std::uint64_t pos, std::uint64_t end, int depth, bool untilDelimiter, bool metaOnly = false)
    {
        if (depth > kMaxDepth)
            return fail("sequences nested deeper than " + std::to_string(kMaxDepth) + " levels", pos);
        while (error.empty() && pos < end) {
            if (++m_elements > kMaxElements)
                return fail("more than ten million elements", pos);
            unsigned char h[8];
            if (!read(pos, h, 8))
                return fail("element header cut off by the end of the file", pos);
            const bool be = bigEndian && !metaOnly;
            const unsigned group = be ? (h[0] << 8 | h[1]) : (h[0] | h[1] << 8);
            const unsigned element = be ? (h[2] << 8 | h[3]) : (h[2] | h[3] << 8);
            if (metaOnly && group != 0x0002)
                return pos;
            if (group == 0xfffe && (element == 0xe00d || element == 0xe0dd)) {
                if (untilDelimiter && element == 0xe00d)
                    return pos + 8;
                return fail("unexpected delimiter", pos);
            }
            if (depth == 0 && group == 0x7fe0 && (element == 0x0010 || element == 0x0008 || element == 0x0009)) {
                // Pixel Data (or Float / Double Float Pixel Data): its value is checked by the
                // pixel preflight; note where it is.
                pixelDataElement = element;
                unsigned char l[4];
                const bool longForm = !implicitVr || metaOnly;
                if (read(pos + (longForm ? 8 : 4), l, 4)) {
                    pixelDataLength = u32(l, be);
                    pixelDataOffset = pos + (longForm ? 12 : 8);
                }
                return pos;
            }
            std::uint64_t length;
            std::uint64_t headerBytes;
            bool sequence = false;
            bool unknownVrSequence = false;
            if (implicitVr && !metaOnly) {
                length = u32(h + 4, be);
                headerBytes = 8;
                sequence = length == kUndefined;
            } else {
                const char vr[2] = {char(h[4]), char(h[5])};
                if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z')
                    return fail("invalid VR for (" + hex4(group) + "," + hex4(element) + ")", pos);
                const unsigned v = vrCode(vr[0], vr[1]);
                if (!isKnownVr(v))
                    return fail("unknown VR '" + std::string(vr, 2) + "' for (" + hex4(group) + "," + hex4(element) + ")", pos);
                if (hasLongLength(v)) {
                    unsigned char l[4];
                    if (!read(pos + 8, l, 4))
                        return fail("element header cut off by the end of the file", pos);
                    length = u32(l, be);
                    headerBytes = 12;
                } else {
                    length = be ? (h[6] << 8 | h[7]) : (h[6] | h[7] << 8);
                    headerBytes = 8;
                }
                sequence = v == vrCode('S', 'Q') || (v == vrCode('U', 'N') && length == kUndefined);
                unknownVrSequence = v == vrCode('U', 'N') && length == kUndefined;
            }
            pos += headerBytes;
            if (length == kUndefined) {
                if (!sequence)
                    return fail("undefined length on (" + hex4(group) + "," + hex4(element) + "), which is not a sequence", pos);
                // CP-246: a UN sequence of undefined length is implicit VR inside.
                const bool wasImplicit = implicitVr;
                implicitVr = implicitVr || unknownVrSequence;
                pos = items(pos, end, depth, kUndefined);
                implicitVr = wasImplicit;
                continue;
            }
            if (pos + length > end)
                return fail("(" + hex4(group) + "," + hex4(element) + ") declares " + std::to_string(length)
                                + " bytes but only " + std::to_string(end - pos) + " remain",
                            pos);
            if (sequence)
                items(pos, pos + length, depth, length);
            pos += length;
        }
        if (untilDelimiter && error.empty() && pos >= end)
            return fail("item without its delimiter before the end of the file", pos);
        return pos;
    }

private:
    // Items of a sequence starting at pos: up to a sequence delimiter (undefined length) or end.
    std::uint64_t items(std::uint64_t pos, std::uint64_t end, int depth, std::uint64_t length)
    {
        const bool undefined = length == kUndefined;
        while (error.empty()) {
            if (!undefined && pos >= end)
                return pos;
            unsigned char h[8];
            if (!read(pos, h, 8) || pos + 8 > end)
                return fail("sequence cut off by the end of the file", pos);
            const unsigned group = bigEndian ? (h[0] << 8 | h[1]) : (h[0] | h[1] << 8);
            const unsigned element = bigEndian ? (h[2] << 8 | h[3]) : (h[2] | h[3] << 8);
            const std::uint64_t itemLength = u32(h + 4, bigEndian);
            pos += 8;
            if (group == 0xfffe && element == 0xe0dd)
                return pos;
            if (group != 0xfffe || element != 0xe000)
                return fail("sequence holds something that is not an item", pos - 8);
            if (itemLength == kUndefined) {
                pos = walk(pos, end, depth + 1, true);
            } else {
                if (pos + itemLength > end)
                    return fail("item declares " + std::to_string(itemLength) + " bytes but only "
                                    + std::to_string(end - pos) + " remain",
                                pos);
                walk(pos, pos + itemLength, depth + 1, false);
                pos += itemLength;
            }
        }
        return pos;
    }

    std::uint64_t fail(const std::string& what, std::uint64_t pos)
    {
        if (error.empty())
            error = what + " (at byte " + std::to_string(pos) + ")";
        return m_size;
    }

    static std::uint64_t u32(const unsigned char* b, bool be)
    {
        return be ? (std::uint64_t(b[0]) << 24 | std::uint64_t(b[1]) << 16 | std::uint64_t(b[2]) << 8 | b[3])
                  : (std::uint64_t(b[3]) << 24 | std::uint64_t(b[2]) << 16 | std::uint64_t(b[1]) << 8 | b[0]);
    }

    bool read(std::uint64_t pos, unsigned char* out, size_t n) { return m_in.read(pos, out, n); }

    FileWindow& m_in;
    std::uint64_t m_size;
    long m_elements = 0;
};

std::string readTransferSyntax(FileWindow& in, std::uint64_t start, std::uint64_t metaEnd, std::uint64_t& valueOffset,
                               std::uint64_t& valueLength)
{
    // The meta group is explicit little endian: find (0002,0010) and read its short value.
    std::uint64_t pos = start;
    while (pos + 8 <= metaEnd) {
        unsigned char h[8];
        if (!in.read(pos, h, 8))
            break;
        const unsigned element = h[2] | h[3] << 8;
        const bool longForm = hasLongLength(vrCode(char(h[4]), char(h[5])));
        std::uint64_t length = h[6] | h[7] << 8, header = 8;
        if (longForm) {
            unsigned char l[4];
            if (!in.read(pos + 8, l, 4))
                break;
            length = std::uint64_t(l[0]) | std::uint64_t(l[1]) << 8 | std::uint64_t(l[2]) << 16 | std::uint64_t(l[3]) << 24;
            header = 12;
        }
        if (element == 0x0010 && length < 128) {
            std::string value(length, '\0');
            if (!in.read(pos + header, value.data(), length))
                break;
            while (!value.empty() && (value.back() == '\0' || value.back() == ' '))
                value.pop_back();
            valueOffset = pos + header;
            valueLength = length;
            return value;
        }
        pos += header + length;
    }
    return {};
}

HeaderStructure malformed(std::string reason)
{
    HeaderStructure structure;
    structure.error = std::move(reason);
    return structure;
}

} // namespace

HeaderStructure checkHeaderStructure(const std::string& path)
{
    FileWindow in(path);
    if (!in.isOpen())
        return malformed("cannot open file");
    const std::uint64_t size = in.size();
    unsigned char head[132] = {};
    const bool full = in.read(0, head, std::min<std::uint64_t>(132, size)) && size >= 132;
    const bool part10 = full && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    // Without a Part 10 header, only a raw data set starting in group 0002 or 0008 is accepted.
    const bool rawDataSet = size >= 8 && head[1] == 0x00 && (head[0] == 0x02 || head[0] == 0x08) && head[3] == 0x00;
    if (!part10 && !rawDataSet) {
        HeaderStructure notDicom;
        notDicom.notDicom = true;
        notDicom.error = size < 132 ? "not a DICOM file (too short and no DICOM header)" : "not a DICOM file (no DICM prefix at byte 128)";
        return notDicom;
    }
    Walker walker(in, size);
    std::uint64_t pos = part10 ? 132 : 0;
    std::string syntax = "1.2.840.10008.1.2";  // no meta header: implicit VR little endian
    std::uint64_t syntaxOffset = 0, syntaxLength = 0;
    if (part10) {
        const std::uint64_t metaEnd = walker.walk(pos, size, 0, false, /*metaOnly=*/true);
        if (!walker.error.empty())
            return malformed("File Meta Information: " + walker.error);
        syntax = readTransferSyntax(in, pos, metaEnd, syntaxOffset, syntaxLength);
        pos = metaEnd;
    } else if (size >= 6 && head[4] >= 'A' && head[4] <= 'Z' && head[5] >= 'A' && head[5] <= 'Z') {
        syntax = "1.2.840.10008.1.2.1";  // a raw data set with VRs: explicit
    }
    HeaderStructure structure;
    structure.fileSize = size;
    structure.transferSyntax = syntax;
    structure.transferSyntaxOffset = syntaxOffset;
    structure.transferSyntaxLength = syntaxLength;
    if (syntax == "1.2.840.10008.1.2.1.99")
        return structure;  // deflated: the decompressor bounds it, and offsets are not the file's
    walker.implicitVr = syntax == "1.2.840.10008.1.2";
    walker.bigEndian = syntax == "1.2.840.10008.1.2.2";
    // Like GDCM (and pydicom), believe the data over the meta header when the first element
    // plainly has (or lacks) a VR.
    unsigned char first[6];
    if (in.read(pos, first, 6)) {
        const bool looksExplicit = first[4] >= 'A' && first[4] <= 'Z' && first[5] >= 'A' && first[5] <= 'Z';
        walker.implicitVr = !looksExplicit;
    }
    walker.walk(pos, size, 0, false);
    structure.error = walker.error;
    if (!walker.error.empty())
        return structure;
    structure.pixelDataOffset = walker.pixelDataOffset;
    structure.pixelDataElement = walker.pixelDataElement;
    structure.pixelDataLength = walker.pixelDataLength;
    structure.header = in.prefix(walker.pixelDataOffset ? walker.pixelDataOffset : size);
    return structure;
}

} // namespace hf
