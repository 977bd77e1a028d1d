// Hostile files: every variant ends as a loaded volume or an error naming the file, never a
// crash, hang or runaway allocation. Crashers found by fuzzing live in tests/regression/.
#include "MalformedFiles.h"
#include "PhantomFixture.h"

#include "hf/dicomio/MeasurementReport.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>

using namespace hf;
using namespace hf::test;

namespace {

struct Outcome {
    std::vector<FileError> errors;
    bool loaded = false;
};

Outcome scanAndLoad(const std::filesystem::path& path)
{
    Outcome o;
    ScanResult scan = HeaderScanner(1).scan({path.string()});
    o.errors = scan.errors;
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    if (const Stack* stack = tree.firstStack()) {
        const LoadResult loaded = VolumeLoader(1).load(*stack);
        o.errors.insert(o.errors.end(), loaded.errors.begin(), loaded.errors.end());
        o.loaded = loaded.volume != nullptr;
    }
    return o;
}

} // namespace

TEST_CASE("malformed files give errors naming the file and never crash", "[dicomio][badinput]")
{
    PhantomOptions plainOptions = smallPhantom("explicit");
    plainOptions.slices = 1;
    PhantomOptions packedOptions = smallPhantom("jpeg-ls");
    packedOptions.slices = 1;
    const auto plainDir = scratch("malformed-plain-source"), packedDir = scratch("malformed-packed-source");
    PhantomWriter(PhantomModel(plainOptions)).write(plainDir.string());
    PhantomWriter(PhantomModel(packedOptions)).write(packedDir.string());
    const auto variants = malformedVariants(readBytes(plainDir / "IM0001.dcm"), readBytes(packedDir / "IM0001.dcm"));
    REQUIRE(variants.size() > 30);

    const auto dir = scratch("malformed");
    for (const auto& v : variants) {
        DYNAMIC_SECTION(v.name)
        {
            const auto path = dir / (v.name + ".dcm");
            writeBytes(path, v.bytes);
            const Outcome o = scanAndLoad(path);
            // Each problem is reported against this file.
            for (const auto& e : o.errors) {
                REQUIRE(e.file == path.string());
                REQUIRE_FALSE(e.reason.empty());
            }
            if (v.name.rfind("truncated-pixels", 0) == 0 || v.name == "pixel-length-past-end" || v.name == "rows-columns-huge"
                || v.name == "rows-zero" || v.name == "not-dicom" || v.name == "empty" || v.name == "bits-allocated-12"
                || v.name == "rows-columns-huge-encapsulated" || v.name == "unknown-vr")
                REQUIRE_FALSE(o.errors.empty());
            if (v.name == "missing-bits-stored" || v.name == "pe-preamble" || v.name == "huge-element-after-pixel-data") {
                // Recoverable: Bits Stored defaults to Bits Allocated; the preamble is not part of
                // the data set; what follows Pixel Data is never read.
                REQUIRE(o.errors.empty());
                REQUIRE(o.loaded);
            }
        }
    }
}

TEST_CASE("every regression file from fuzzing is handled without a crash", "[dicomio][badinput][regression]")
{
    // third-party/: inputs that still crash a library inside its isolated child (OpenJPH 0.9's
    // heap overflow): the product must turn them into an error naming the file all the same.
    const auto folder = std::filesystem::path(HF_SOURCE_DIR) / "tests/regression";
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().extension() == ".md")
            continue;
        ++files;
        DYNAMIC_SECTION(entry.path().filename().string())
        {
            const Outcome o = scanAndLoad(entry.path());
            for (const auto& e : o.errors)
                REQUIRE(e.file == entry.path().string());
        }
    }
    REQUIRE(files > 0);
}

TEST_CASE("malformed measurement reports from a PACS give errors naming the file and never crash", "[dicomio][badinput][sync]")
{
    // The sync parses other machines' SRs in the workstation's own process.
    StudyAnnotationSet set;
    set.patient = {"PHANTOM^SR", "SR1", "19700101", "O"};
    set.study = {"2.25.1001", "20260101", "120000", "", "", "", ""};
    for (const char* kind : {"length", "ellipse", "polygon"}) {
        AnnotationRecord a;
        a.id = std::string("0f6b1e2c-3d4e-4f50-8a9b-") + (kind[0] == 'l' ? "000000000001" : kind[0] == 'e' ? "000000000002" : "000000000003");
        a.kind = kind;
        a.author = "reader";
        a.created = a.modified = "2026-01-01T12:00:00.000Z";
        a.image.seriesUid = "2.25.1002";
        a.image.sopClassUid = "1.2.840.10008.5.1.4.1.1.2";
        a.image.sopInstanceUid = "2.25.1003";
        a.image.rows = a.image.columns = 64;
        a.points = {{-10, -5, 3}, {10, 5, 3}, {0, 8, 3}};
        if (a.kind != "polygon")
            a.points.pop_back();
        for (const Vec3& p : a.points)
            a.pixels.push_back({p.x + 32, p.y + 32});
        a.values = {{"length", 22.36, "mm"}};
        a.calibration = "Pixel Spacing";
        set.annotations.push_back(a);
    }
    set.tags = {{"", "follow-up", 1, false}};
    set.note = "a note";
    set.noteRevision = 1;
    ObjectInstance instance{"2.25.1004", "2.25.1005", 9901, 1, "20260101120000", "", "", "reader"};
    const auto dir = scratch("malformed-sr");
    const auto source = dir / "report.dcm";
    writeMeasurementReport(source.string(), set, instance);
    REQUIRE(readMeasurementReport(source.string()).set.annotations.size() == 3);

    const std::string good = readBytes(source);
    std::vector<MalformedFile> variants{{"empty", ""}, {"not-dicom", std::string(4096, 'x')}};
    for (size_t cut = 1; cut < good.size(); cut += 97)
        variants.push_back({"truncated-at-" + std::to_string(cut), good.substr(0, cut)});
    const size_t content = findElement(good, 0x0040, 0xa730);  // Content Sequence
    REQUIRE(content != std::string::npos);
    // A 32-bit value written over the length field `skip` bytes into the element or item found
    // at `at` (which must have been found).
    auto patched = [&](const std::string& name, size_t at, size_t skip, std::uint32_t value) {
        REQUIRE(at != std::string::npos);
        REQUIRE(at + skip + 4 <= good.size());
        std::string b = good;
        poke32(b, at + skip, value);
        variants.push_back({name, b});
    };
    const size_t item = good.find(std::string("\xfe\xff\x00\xe0", 4), content);
    patched("content-sequence-length-past-end", content, 8, 0xfffffff0u);
    patched("content-sequence-undefined-length", content, 8, 0xffffffffu);
    patched("item-length-past-end", item, 4, 0x7ffffff0u);
    patched("item-undefined-length", item, 4, 0xffffffffu);
    patched("text-value-length-past-end", findElement(good, 0x0040, 0xa160, content), 8, 0xfffffff0u);
    {
        // Graphic Data (FL, a short explicit-VR header: 16-bit length after the VR) of 7 bytes.
        const size_t coordinates = findElement(good, 0x0070, 0x0022, content);
        REQUIRE(coordinates != std::string::npos);
        std::string b = good;
        poke16(b, coordinates + 6, 7);
        variants.push_back({"coordinates-length-odd", b});
    }

    for (const auto& v : variants) {
        DYNAMIC_SECTION(v.name)
        {
            const auto path = dir / (v.name + ".dcm");
            writeBytes(path, v.bytes);
            try {
                readMeasurementReport(path.string());
            } catch (const std::exception& e) {
                CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
            }
        }
    }
    SECTION("an annotation's reformatted plane that is not three points is refused by name")
    {
        StudyAnnotationSet bad = set;
        bad.annotations.front().plane = "0,0,3;1,0,0";
        bad.annotations.front().pixels.clear();
        const auto path = dir / "bad-plane.dcm";
        writeMeasurementReport(path.string(), bad, instance);
        CHECK_THROWS_WITH(readMeasurementReport(path.string()), Catch::Contains(path.string()) && Catch::Contains("plane"));
        bad.annotations.front().plane = "0,0,3;1,0,0;0,1,0";
        writeMeasurementReport(path.string(), bad, instance);
        CHECK(readMeasurementReport(path.string()).set.annotations.front().plane == "0,0,3;1,0,0;0,1,0");
    }
    SECTION("a report holding Pixel Data is not ours: the walk stops there and DCMTK would read on unchecked")
    {
        const auto path = dir / "with-pixel-data.dcm";
        writeBytes(path, good + std::string("\xe0\x7f\x10\x00OB\0\0\x04\0\0\0\0\0\0\0", 16));
        CHECK_THROWS_WITH(readMeasurementReport(path.string()), Catch::Contains(path.string()) && Catch::Contains("holds Pixel Data"));
    }
    SECTION("a report larger than 64 MB is refused before it is parsed")
    {
        // A sound 65 MB private OB element at the end (sparse: the file costs no disk).
        const auto path = dir / "huge.dcm";
        const std::uint32_t length = 65u << 20;
        std::string header("\x99\x00\x00\x10OB\0\0", 8);
        for (int shift = 0; shift < 32; shift += 8)
            header += char((length >> shift) & 0xff);
        writeBytes(path, good + header);
        std::filesystem::resize_file(path, good.size() + header.size() + length);
        CHECK_THROWS_WITH(readMeasurementReport(path.string()), Catch::Contains(path.string()) && Catch::Contains("too large"));
    }
}

TEST_CASE("a corrupt codestream cannot make a decoder take the machine's memory", "[dicomio][badinput]")
{
    // A 1.6 kB JPEG 2000 file (found by fuzzing) whose codestream makes OpenJPEG ask for 773 MB.
    // The decoding child may map 256 MB plus 8x the file's pixels; the allocation fails there and
    // OpenJPEG still decodes what the file holds. (ctest runs each case in its own process, so
    // the children's peak below is this case's.)
    const auto path = std::filesystem::path(HF_SOURCE_DIR) / "tests/regression/fuzz-773mb-openjpeg-corrupt-codestream.dcm";
    ScanResult scan = HeaderScanner(1).scan({path.string()});
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    const LoadResult loaded = VolumeLoader(1).load(*tree.firstStack());
    for (const auto& e : loaded.errors)
        CHECK(e.file == path.string());
    rusage children{};
    REQUIRE(getrusage(RUSAGE_CHILDREN, &children) == 0);
    CHECK(children.ru_maxrss < 300 * 1024);  // kB; it was 773 MB before the budget
}
