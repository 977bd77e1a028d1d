#include "MalformedFiles.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace hf::test {

std::string readBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

size_t findElement(const std::string& bytes, std::uint16_t group, std::uint16_t element, size_t from)
{
    const char tag[4] = {char(group & 0xff), char(group >> 8), char(element & 0xff), char(element >> 8)};
    return bytes.find(std::string(tag, 4), from);
}

void poke16(std::string& bytes, size_t offset, std::uint16_t value)
{
    bytes.at(offset) = char(value & 0xff);
    bytes.at(offset + 1) = char(value >> 8);
}

void poke32(std::string& bytes, size_t offset, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        bytes.at(offset + size_t(i)) = char((value >> (8 * i)) & 0xff);
}

std::vector<MalformedFile> malformedVariants(const std::string& plain, const std::string& packed)
{
    std::vector<MalformedFile> out;
    // Truncation at many offsets, through the header and into the pixel data.
    for (size_t cut : {0ul, 1ul, 100ul, 131ul, 132ul, 140ul, 200ul, 400ul, 700ul, 1000ul, 1500ul})
        if (cut < plain.size())
            out.push_back({"truncated-" + std::to_string(cut), plain.substr(0, cut)});
    for (size_t cut = plain.size() / 8; cut < plain.size(); cut += plain.size() / 8)
        out.push_back({"truncated-pixels-" + std::to_string(cut), plain.substr(0, cut)});
    for (size_t cut = packed.size() / 6; cut < packed.size(); cut += packed.size() / 6)
        out.push_back({"truncated-encapsulated-" + std::to_string(cut), packed.substr(0, cut)});

    auto patched = [&](const std::string& name, const std::string& source, auto edit) {
        std::string bytes = source;
        edit(bytes);
        out.push_back({name, bytes});
    };
    // A 16-bit length past the end of the file (Patient's Name).
    patched("length-past-end", plain, [](std::string& b) { poke16(b, findElement(b, 0x0010, 0x0010) + 6, 0xfff0); });
    // A VR made of letters that is no VR (PN -> QN): parsers disagree on its length's size.
    patched("unknown-vr", plain, [](std::string& b) { b[findElement(b, 0x0010, 0x0010) + 4] = 'Q'; });
    // Pixel Data claiming 0xFFFFFFF0 bytes of native data.
    patched("pixel-length-past-end", plain, [](std::string& b) { poke32(b, findElement(b, 0x7fe0, 0x0010) + 8, 0xfffffff0u); });
    // Native Pixel Data with undefined length and no delimiter.
    patched("pixel-undefined-length", plain, [](std::string& b) { poke32(b, findElement(b, 0x7fe0, 0x0010) + 8, 0xffffffffu); });
    // Encapsulated: the first fragment's length set to 0xFFFFFFFF, then to just past the end.
    // After the (sound) encapsulated Pixel Data, padding that claims 2 GB: nothing checks what
    // follows Pixel Data, so no decoder may read it.
    patched("huge-element-after-pixel-data", packed, [](std::string& b) {
        b += std::string("\xfc\xff\xfc\xffOB\0\0\xf0\xff\xff\x7f", 12) + std::string(16, '\0');
    });
    patched("fragment-length-ffffffff", packed, [](std::string& b) {
        const size_t pixel = findElement(b, 0x7fe0, 0x0010);
        const size_t item = b.find(std::string("\xfe\xff\x00\xe0", 4), pixel + 12);     // offset table
        const size_t fragment = b.find(std::string("\xfe\xff\x00\xe0", 4), item + 8);   // first fragment
        poke32(b, fragment + 4, 0xffffffffu);
    });
    patched("fragment-length-past-end", packed, [](std::string& b) {
        const size_t pixel = findElement(b, 0x7fe0, 0x0010);
        const size_t item = b.find(std::string("\xfe\xff\x00\xe0", 4), pixel + 12);
        const size_t fragment = b.find(std::string("\xfe\xff\x00\xe0", 4), item + 8);
        poke32(b, fragment + 4, 0x7ffffff0u);
    });
    // The sequence delimiter of the encapsulated pixel data removed (cut off the last 8 bytes).
    out.push_back({"encapsulated-no-delimiter", packed.substr(0, packed.size() - 8)});
    // Rows x Columns x Frames overflow: 65535 x 65535 and a huge frame count.
    patched("rows-columns-huge", plain, [](std::string& b) {
        poke16(b, findElement(b, 0x0028, 0x0010) + 8, 0xffff);
        poke16(b, findElement(b, 0x0028, 0x0011) + 8, 0xffff);
    });
    patched("rows-columns-huge-encapsulated", packed, [](std::string& b) {
        poke16(b, findElement(b, 0x0028, 0x0010) + 8, 0xffff);
        poke16(b, findElement(b, 0x0028, 0x0011) + 8, 0xffff);
    });
    patched("rows-zero", plain, [](std::string& b) { poke16(b, findElement(b, 0x0028, 0x0010) + 8, 0); });
    // Bits Stored removed: its tag renamed to a private one.
    patched("missing-bits-stored", plain, [](std::string& b) { poke16(b, findElement(b, 0x0028, 0x0101) + 2, 0x0191); });
    patched("bits-allocated-12", plain, [](std::string& b) { poke16(b, findElement(b, 0x0028, 0x0100) + 8, 12); });
    patched("bits-stored-40", plain, [](std::string& b) { poke16(b, findElement(b, 0x0028, 0x0101) + 8, 40); });
    // A Windows executable header in the 128-byte preamble (the DICOM/PE polyglot).
    patched("pe-preamble", plain, [](std::string& b) {
        b.replace(0, 2, "MZ");
        poke32(b, 0x3c, 0x40);
    });
    out.push_back({"not-dicom", std::string(5000, 'A')});
    out.push_back({"empty", std::string()});
    return out;
}

} // namespace hf::test
