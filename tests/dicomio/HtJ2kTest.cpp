// HTJ2K (transfer syntaxes 1.2.840.10008.1.2.4.201-203), which GDCM 3.0 cannot even parse: the
// corpus' NEMA images decode to exactly the pixels of their uncompressed originals; fragments
// are assigned to frames as PS3.5 A.4 says; broken codestreams are refused by name.
#include "TestPaths.h"

#include "EncapsulatedFrames.h"
#include "HtJ2kCodec.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

using namespace hf;
using namespace hf::test;

namespace {

struct Loaded {
    std::vector<std::string> scanErrors;
    std::string transferSyntax;
    LoadResult result;
};

Loaded load(const std::filesystem::path& path)
{
    Loaded loaded;
    ScanResult scan = HeaderScanner().scan({path.string()});
    for (const auto& e : scan.errors)
        loaded.scanErrors.push_back(e.reason);
    if (scan.frames.empty())
        return loaded;
    loaded.transferSyntax = scan.frames.front().transferSyntax;
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    loaded.result = VolumeLoader().load(*tree.firstStack());
    return loaded;
}

std::filesystem::path fixtures() { return corpus() / "DICOMHTJ2K/test/fixtures"; }

void append(std::vector<std::uint8_t>& out, std::uint16_t group, std::uint16_t element, const std::vector<std::uint8_t>& value)
{
    const std::uint32_t length = std::uint32_t(value.size());
    const std::uint8_t header[8] = {std::uint8_t(group), std::uint8_t(group >> 8), std::uint8_t(element), std::uint8_t(element >> 8),
                                    std::uint8_t(length), std::uint8_t(length >> 8), std::uint8_t(length >> 16), std::uint8_t(length >> 24)};
    out.insert(out.end(), header, header + 8);
    out.insert(out.end(), value.begin(), value.end());
}

std::vector<std::uint8_t> codestream(std::uint8_t marker) { return {0xff, 0x4f, 0xff, 0x51, marker, marker}; }
std::vector<std::uint8_t> tail(std::uint8_t marker) { return {marker, marker}; }

std::vector<std::uint8_t> offsets(std::initializer_list<std::uint32_t> values)
{
    std::vector<std::uint8_t> bytes;
    for (std::uint32_t v : values)
        for (int b = 0; b < 4; ++b)
            bytes.push_back(std::uint8_t(v >> (8 * b)));
    return bytes;
}

} // namespace

TEST_CASE("the corpus' HTJ2K CT, MR, NM and colour US decode to their uncompressed originals' exact pixels", "[dicomio][corpus][htj2k]")
{
    for (const char* name : {"CT1", "MR1", "NM1", "US1"}) {
        DYNAMIC_SECTION(name)
        {
            const Loaded compressed = load(fixtures() / "htj2k" / (std::string(name) + "_JPH"));
            const Loaded original = load(fixtures() / "dicomp10" / (std::string(name) + "_UNC"));
            REQUIRE(compressed.scanErrors.empty());
            REQUIRE(original.scanErrors.empty());
            // The real syntax is reported, not the stand-in GDCM was shown.
            REQUIRE(compressed.transferSyntax == "1.2.840.10008.1.2.4.202");
            INFO((compressed.result.errors.empty() ? std::string() : compressed.result.errors.front().reason));
            REQUIRE(compressed.result.errors.empty());
            REQUIRE(original.result.errors.empty());
            const Volume& a = *compressed.result.volume;
            const Volume& b = *original.result.volume;
            REQUIRE(a.type() == b.type());
            REQUIRE(a.geometry().columns == b.geometry().columns);
            REQUIRE(a.geometry().rows == b.geometry().rows);
            REQUIRE(a.byteCount() == b.byteCount());
            size_t differing = 0;
            for (size_t i = 0; i < a.byteCount(); ++i)
                differing += a.data()[i] != b.data()[i];
            REQUIRE(differing == 0);
        }
    }
    // Not a blank image that matches another blank one: the CT's air and bone are there.
    const Loaded ct = load(fixtures() / "htj2k/CT1_JPH");
    REQUIRE(ct.result.volume);
    double lo = 1e9, hi = -1e9;
    for (int j = 0; j < 512; ++j)
        for (int i = 0; i < 512; ++i) {
            lo = std::min(lo, ct.result.volume->valueAt(i, j, 0));
            hi = std::max(hi, ct.result.volume->valueAt(i, j, 0));
        }
    REQUIRE(lo <= -1000);
    REQUIRE(hi >= 1000);
}

TEST_CASE("a damaged HTJ2K codestream is refused with the decoder's reason, not a crash", "[dicomio][htj2k][malformed]")
{
    const auto source = fixtures() / "htj2k/MR1_JPH";
    std::ifstream in(source, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The codestream starts after the SOC/SIZ markers of the second item; scramble its body.
    const char soc[] = {char(0xff), char(0x4f), char(0xff), char(0x51)};
    const auto at = std::search(bytes.begin(), bytes.end(), soc, soc + 4);
    REQUIRE(at != bytes.end());
    const size_t start = size_t(at - bytes.begin());
    SECTION("size in SIZ changed")
    {
        bytes[start + 10] = char(0x7f);  // Xsiz: a width the header does not have
    }
    SECTION("body overwritten")
    {
        for (size_t i = start + 200; i < start + 20000; i += 7)
            bytes[i] = char(0xff);
    }
    const auto damaged = scratch("htj2k-damaged") / "MR1_damaged";
    std::ofstream(damaged, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    const Loaded loaded = load(damaged);
    REQUIRE(loaded.scanErrors.empty());
    REQUIRE(loaded.result.errors.size() == 1);
    REQUIRE(loaded.result.errors[0].file == damaged.string());
    INFO(loaded.result.errors[0].reason);
    REQUIRE(loaded.result.errors[0].reason.find("HTJ2K") != std::string::npos);
    REQUIRE(loaded.result.errors[0].reason.find("ojph error") == std::string::npos);  // OpenJPH's own words, not its bare throw
}

TEST_CASE("encapsulated fragments are assigned to frames by offset table, count or codestream start", "[dicomio][htj2k]")
{
    SECTION("one fragment per frame, empty offset table")
    {
        std::vector<std::uint8_t> value;
        append(value, 0xfffe, 0xe000, {});
        append(value, 0xfffe, 0xe000, codestream(1));
        append(value, 0xfffe, 0xe000, codestream(2));
        append(value, 0xfffe, 0xe0dd, {});
        const auto split = splitEncapsulatedFrames(value.data(), value.size(), 2, startsJ2kCodestream);
        REQUIRE(split.error.empty());
        REQUIRE(split.frames.size() == 2);
        REQUIRE(split.frames[1] == codestream(2));
    }
    SECTION("two fragments per frame found by the offset table")
    {
        std::vector<std::uint8_t> value;
        append(value, 0xfffe, 0xe000, offsets({0, 8 + 6 + 8 + 2}));
        append(value, 0xfffe, 0xe000, codestream(1));
        append(value, 0xfffe, 0xe000, tail(1));
        append(value, 0xfffe, 0xe000, codestream(2));
        append(value, 0xfffe, 0xe000, tail(2));
        append(value, 0xfffe, 0xe0dd, {});
        const auto split = splitEncapsulatedFrames(value.data(), value.size(), 2, startsJ2kCodestream);
        REQUIRE(split.error.empty());
        REQUIRE(split.frames.size() == 2);
        std::vector<std::uint8_t> second = codestream(2);
        second.insert(second.end(), {2, 2});
        REQUIRE(split.frames[1] == second);
    }
    SECTION("two fragments per frame found by the codestream start, no offset table")
    {
        std::vector<std::uint8_t> value;
        append(value, 0xfffe, 0xe000, {});
        for (std::uint8_t f : {1, 2, 3}) {
            append(value, 0xfffe, 0xe000, codestream(f));
            append(value, 0xfffe, 0xe000, tail(f));
        }
        append(value, 0xfffe, 0xe0dd, {});
        const auto split = splitEncapsulatedFrames(value.data(), value.size(), 3, startsJ2kCodestream);
        REQUIRE(split.error.empty());
        REQUIRE(split.frames.size() == 3);
        REQUIRE(split.frames[2].size() == 8);
        REQUIRE(split.frames[2][4] == 3);
    }
    SECTION("broken structures are named")
    {
        std::vector<std::uint8_t> value;
        append(value, 0xfffe, 0xe000, {});
        append(value, 0xfffe, 0xe000, codestream(1));
        const auto noDelimiter = splitEncapsulatedFrames(value.data(), value.size(), 1, startsJ2kCodestream);
        REQUIRE(noDelimiter.error.find("sequence delimiter") != std::string::npos);
        append(value, 0xfffe, 0xe0dd, {});
        const auto tooFew = splitEncapsulatedFrames(value.data(), value.size(), 2, startsJ2kCodestream);
        REQUIRE(tooFew.error.find("1 fragments for 2 frames") != std::string::npos);
        std::vector<std::uint8_t> overlong = value;
        overlong[8 + 4] = 0xff;  // the second item's length runs past the end
        const auto pastEnd = splitEncapsulatedFrames(overlong.data(), overlong.size(), 1, startsJ2kCodestream);
        REQUIRE(pastEnd.error.find("runs past the end") != std::string::npos);
        std::vector<std::uint8_t> badTable;
        append(badTable, 0xfffe, 0xe000, offsets({0, 3}));
        append(badTable, 0xfffe, 0xe000, codestream(1));
        append(badTable, 0xfffe, 0xe000, codestream(2));
        append(badTable, 0xfffe, 0xe0dd, {});
        const auto wrongOffset = splitEncapsulatedFrames(badTable.data(), badTable.size(), 2, startsJ2kCodestream);
        REQUIRE(wrongOffset.error.find("Basic Offset Table points frame 2") != std::string::npos);
    }
}

TEST_CASE("HTJ2K frames encoded by us decode to the same samples, signed and colour included", "[dicomio][htj2k]")
{
    for (bool isSigned : {false, true})
        for (int samples : {1, 3}) {
            DYNAMIC_SECTION((isSigned ? "signed " : "unsigned ") << samples)
            {
                FrameShape shape;
                shape.columns = 37;
                shape.rows = 21;
                shape.samplesPerPixel = samples;
                shape.bitsAllocated = 16;
                shape.isSigned = isSigned;
                std::vector<std::int16_t> values(size_t(37 * 21 * samples));
                for (size_t i = 0; i < values.size(); ++i)
                    values[i] = std::int16_t((int(i * 37) % 4000) - (isSigned ? 2000 : 0));
                const auto encoded = encodeHtJ2kFrame(reinterpret_cast<const std::byte*>(values.data()), shape, 13);
                std::vector<std::int16_t> decoded(values.size());
                REQUIRE(decodeHtJ2kFrame(encoded.data(), encoded.size(), shape, reinterpret_cast<std::byte*>(decoded.data())).empty());
                REQUIRE(decoded == values);
                FrameShape wrong = shape;
                wrong.columns = 38;
                REQUIRE(decodeHtJ2kFrame(encoded.data(), encoded.size(), wrong, reinterpret_cast<std::byte*>(decoded.data()))
                        == "the HTJ2K codestream is 37x21x" + std::to_string(samples) + " but the header says 38x21x"
                               + std::to_string(samples));
            }
        }
}

TEST_CASE("an image present twice (HTJ2K beside its uncompressed original) is one slice, with a warning", "[dicomio][corpus][htj2k]")
{
    ScanResult scan = HeaderScanner().scan({fixtures().string()});
    REQUIRE(scan.errors.empty());
    REQUIRE(scan.frames.size() == 8);  // four images, each in two files with the same SOP Instance UID
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    int series = 0;
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series) {
                ++series;
                REQUIRE(se.stacks.size() == 1);
                REQUIRE(se.stacks[0].geometry.slices == 1);
                REQUIRE(std::find(se.stacks[0].warnings.begin(), se.stacks[0].warnings.end(),
                                  "1 file repeats an image of the series (same SOP Instance UID): the first file is used")
                        != se.stacks[0].warnings.end());
            }
    REQUIRE(series == 4);
}
