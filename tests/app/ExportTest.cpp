// hounsfield-cli export: what each format must hold, checked with the tools a user would use
// (pdftotext, pdftoppm, dcmdump, dciodvfy) and by reading the pixels back.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include "hf/dicomio/PhantomModel.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace hf::test;

namespace {

const QString cli = HF_CLI_EXE;

struct Exported {
    QString dir, db, study, series;
    std::vector<QString> sops;  // per slice
};

// A 64x64x8 phantom (1 mm pixels, 2 mm slices) in a cache, with a length on slice 5, an ellipse
// in the bone sphere, a tag, a note and slice 5 as key image.
const Exported& fixture()
{
    static const Exported e = [] {
        Exported x;
        x.dir = QString::fromStdString(scratch("export-phantom").string());
        REQUIRE(runProcess(cli, {"make-phantom", "--out", x.dir, "--size", "64x64x8", "--spacing", "1,1,2"}).exitCode == 0);
        x.db = x.dir + "/cache.db";
        REQUIRE(runProcess(cli, {"import", x.dir, "--db", x.db}).exitCode == 0);
        const auto info = QJsonDocument::fromJson(runProcess(cli, {"info", x.dir, "--json"}).out.toUtf8()).object();
        const QJsonObject study = info["patients"][0]["studies"][0].toObject();
        x.study = study["uid"].toString();
        x.series = study["series"][0].toObject()["uid"].toString();
        // Slice 5 (z = 1) holds the spheres; bone at x = +11.52.
        auto annotate = [&](const QStringList& a) {
            const ProcessResult r = runProcess(cli, QStringList{"annotate", "--db", x.db, "--series", x.series, "--json"} + a);
            INFO(r.err.toStdString());
            REQUIRE(r.exitCode == 0);
            return QJsonDocument::fromJson(r.out.toUtf8()).object();
        };
        const QJsonObject length = annotate({"--kind", "length", "--points", "-7.68,12.8,1;7.68,12.8,1"});
        annotate({"--kind", "ellipse", "--points", "8,-3,1;15,3,1"});
        REQUIRE(runProcess(cli, {"tag", "--db", x.db, "--study", x.study, "--add", "teaching"}).exitCode == 0);
        REQUIRE(runProcess(cli, {"tag", "--db", x.db, "--study", x.study, "--note", "Bone sphere stable."}).exitCode == 0);
        REQUIRE(runProcess(cli, {"tag", "--db", x.db, "--study", x.study, "--key-image", length["sop_instance_uid"].toString()}).exitCode == 0);
        return x;
    }();
    return e;
}

ProcessResult exportWith(const QStringList& args)
{
    const Exported& e = fixture();
    return runProcess(cli, QStringList{"export", "--db", e.db, "--series", e.series} + args);
}

// A minimal baseline TIFF reader: each page's size, 16-bit samples and resolution.
struct TiffPageRead {
    int width = 0, height = 0, bits = 0, format = 1, unit = 0;
    double xResolution = 0, yResolution = 0;
    std::vector<std::int16_t> samples;
};

std::vector<TiffPageRead> readTiff(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray d = f.readAll();
    auto u16 = [&](size_t at) { return std::uint16_t(std::uint8_t(d[int(at)]) | std::uint8_t(d[int(at + 1)]) << 8); };
    auto u32 = [&](size_t at) { return std::uint32_t(u16(at)) | std::uint32_t(u16(at + 2)) << 16; };
    REQUIRE(d.left(4) == QByteArray("II*\0", 4));
    std::vector<TiffPageRead> pages;
    for (std::uint32_t ifd = u32(4); ifd; ifd = u32(ifd + 2 + 12 * u16(ifd))) {
        TiffPageRead p;
        std::uint32_t offset = 0, bytes = 0;
        for (int n = 0; n < u16(ifd); ++n) {
            const size_t e = ifd + 2 + 12 * size_t(n);
            const std::uint16_t tag = u16(e), type = u16(e + 2);
            const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
            switch (tag) {
            case 256: p.width = int(value); break;
            case 257: p.height = int(value); break;
            case 258: p.bits = int(value); break;
            case 273: offset = value; break;
            case 279: bytes = value; break;
            case 282: p.xResolution = double(u32(value)) / u32(value + 4); break;
            case 283: p.yResolution = double(u32(value)) / u32(value + 4); break;
            case 296: p.unit = int(value); break;
            case 339: p.format = int(value); break;
            }
        }
        p.samples.resize(bytes / 2);
        std::memcpy(p.samples.data(), d.constData() + offset, bytes);
        pages.push_back(std::move(p));
    }
    return pages;
}

} // namespace

TEST_CASE("the PDF report holds the header, every measurement, tags, note and the key image", "[cli][export]")
{
    const QString pdf = QString::fromStdString((scratch("export-pdf") / "report.pdf").string());
    const ProcessResult r = exportWith({"--format", "pdf", "--out", pdf});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const ProcessResult text = runProcess("pdftotext", {"-layout", pdf, "-"});
    REQUIRE(text.exitCode == 0);
    const QString t = text.out;
    INFO(t.toStdString());
    for (const char* expected : {"PHANTOM HOUNSFIELD", "HF1", "1970-01-01", "2026-01-01", "HFACC1", "Length 15.36 mm", "Mean 1000.0 HU",
                                 "SD 0.00 HU", "Pixel Spacing", "teaching", "Bone sphere stable.", "Key images", "Image 5 of 8", "Page 1 of 1",
                                 "Exported"})
        CHECK(t.contains(expected));
    // Rendered: the key image is on the page (the phantom's grey disc and white bone sphere).
    const QString prefix = QString::fromStdString((scratch("export-pdf-png") / "page").string());
    REQUIRE(runProcess("pdftoppm", {"-r", "60", "-png", pdf, prefix}).exitCode == 0);
    const QImage page = QImage(prefix + "-1.png").convertToFormat(QImage::Format_RGB32);
    REQUIRE_FALSE(page.isNull());
    int grey = 0, white = 0;
    for (int y = 0; y < page.height() / 2; ++y)
        for (int x = 0; x < page.width() / 2; ++x) {
            const QRgb p = page.pixel(x, y);
            grey += std::abs(qRed(p) - 102) < 12 && qRed(p) == qGreen(p) && qGreen(p) == qBlue(p);
            white += qRed(p) > 245 && qGreen(p) > 245 && qBlue(p) > 245;
        }
    CHECK(grey > 1000);  // the water disc (W 400 L 40: 0 HU is grey 102)
    CHECK(white > 1000);
}

TEST_CASE("exporting a series of several stacks says which stack, in the report and on the pictures", "[cli][export]")
{
    const QString folder = QString::fromStdString((corpus() / "dcm_qa_pdt2/In").string());
    const auto out = scratch("export-stack");
    const QString db = QString::fromStdString((out / "cache.db").string());
    REQUIRE(runProcess(HF_CLI_EXE, {"import", folder, "--db", db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    const QString series = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    for (const auto& [stack, label] : {std::pair{QString(), QString("Stack 1/2: TE 11.00 ms")}, std::pair{QString("2"), QString("Stack 2/2: TE 92.00 ms")}}) {
        const QString pdf = QString::fromStdString((out / ("report" + stack.toStdString() + ".pdf")).string());
        QStringList args{"export", "--db", db, "--series", series, "--format", "pdf", "--out", pdf};
        if (!stack.isEmpty())
            args << "--stack" << stack;
        const ProcessResult r = runProcess(HF_CLI_EXE, args);
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        CHECK(runProcess("pdftotext", {"-layout", pdf, "-"}).out.contains(label));  // never silently the first
    }
    const ProcessResult tooFar = runProcess(HF_CLI_EXE, {"export", "--db", db, "--series", series, "--format", "png", "--out",
                                                         QString::fromStdString((out / "x.png").string()), "--stack", "3"});
    CHECK(tooFar.exitCode == 2);
    CHECK(tooFar.err.contains("--stack 3: the series has 2"));
}

TEST_CASE("tiff16 holds the slice's modality values and the pixel spacing as resolution", "[cli][export]")
{
    const QString tif = QString::fromStdString((scratch("export-tiff16") / "slices.tif").string());
    const ProcessResult r = exportWith({"--format", "tiff16", "--out", tif, "--range", "4-6"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const auto pages = readTiff(tif);
    REQUIRE(pages.size() == 3);
    // One file per slice on request.
    const QString separate = QString::fromStdString((scratch("export-tiff16-separate") / "slice.tif").string());
    REQUIRE(exportWith({"--format", "tiff16", "--out", separate, "--range", "4-6", "--separate"}).exitCode == 0);
    CHECK(readTiff(separate.left(separate.size() - 4) + "-0005.tif").size() == 1);
    hf::PhantomOptions o;
    o.columns = o.rows = 64;
    o.slices = 8;
    o.sliceSpacing = 2;
    const hf::PhantomModel model(o);
    for (int n = 0; n < 3; ++n) {
        const TiffPageRead& p = pages[size_t(n)];
        CHECK(p.width == 64);
        CHECK(p.height == 64);
        CHECK(p.bits == 16);
        CHECK(p.format == 2);  // signed: HU go below zero
        CHECK(p.unit == 3);    // centimetres
        CHECK(p.xResolution == Approx(10.0));  // 1 mm pixels
        CHECK(p.yResolution == Approx(10.0));
        int mismatches = 0;
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i)
                mismatches += p.samples[size_t(j * 64 + i)] != std::lround(model.valueAt(model.voxelPosition(i, j, 3 + n)));
        CHECK(mismatches == 0);
    }
}

TEST_CASE("pictures: sizes, windows, and annotations on or off", "[cli][export]")
{
    const auto dir = scratch("export-pictures");
    const QString plain = QString::fromStdString((dir / "plain.png").string()), marked = QString::fromStdString((dir / "marked.png").string());
    REQUIRE(exportWith({"--format", "png", "--out", plain, "--slice", "5", "--window", "0,2000", "--size", "512x512"}).exitCode == 0);
    REQUIRE(exportWith({"--format", "png", "--out", marked, "--slice", "5", "--window", "0,2000", "--size", "512x512", "--annotations"}).exitCode == 0);
    const QImage a(plain), b(marked);
    REQUIRE(a.size() == QSize(512, 512));
    REQUIRE(b.size() == a.size());
    // 8 picture pixels per mm; the field's centre is the phantom's x = y = 0 (pixel 256).
    auto at = [](const QImage& image, double x, double y) { return qGray(image.pixel(int(256 + x * 8), int(256 + y * 8))); };
    CHECK(at(a, 11.52, 0) >= 250);                   // bone, white
    CHECK(std::abs(at(a, 0, 9) - 128) <= 2);         // water, mid-grey at 0/2000
    CHECK(at(a, 30, 30) <= 3);                       // air
    int differing = 0, green = 0;
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) {
            differing += a.pixel(x, y) != b.pixel(x, y);
            const QRgb p = b.pixel(x, y);
            green += qGreen(p) > 200 && qRed(p) < 160 && qBlue(p) < 160;
        }
    CHECK(differing > 500);
    CHECK(green > 300);  // the length line and the ellipse, drawn in green
    // JPEG: another size and the quality setting.
    const QString jpeg = QString::fromStdString((dir / "small.jpg").string());
    REQUIRE(exportWith({"--format", "jpeg", "--out", jpeg, "--slice", "5", "--size", "200x100", "--quality", "80"}).exitCode == 0);
    CHECK(QImage(jpeg).size() == QSize(100, 100));  // square field, true aspect
    // A series of pictures: numbered files.
    const QString many = QString::fromStdString((dir / "series.png").string());
    REQUIRE(exportWith({"--format", "png", "--out", many, "--range", "all"}).exitCode == 0);
    CHECK(QDir(QString::fromStdString(dir.string())).entryList({"series-*.png"}).size() == 8);
}

TEST_CASE("an anonymized Secondary Capture keeps nothing identifying and is valid DICOM", "[cli][export]")
{
    const Exported& e = fixture();
    const auto dir = scratch("export-anonymous");
    const QString out = QString::fromStdString((dir / "capture.dcm").string());
    ProcessResult r = exportWith({"--format", "dicom-sc", "--out", out, "--range", "4-6", "--annotations", "--overlays", "--anonymize"});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    // The source's identifying values, as dcmdump shows them.
    const ProcessResult source = runProcess("dcmdump", {"+P", "0010,0010", "+P", "0010,0020", "+P", "0010,0030", "+P", "0008,0050",
                                                        "+P", "0008,0020", "+P", "0020,000e", "+P", "0008,0018",
                                                        QDir(e.dir).absoluteFilePath(QDir(e.dir).entryList({"*.dcm"}).first())});
    QStringList identifying{e.study, e.series, "PHANTOM", "HF1", "19700101", "HFACC1", "20260101"};
    for (const QString& line : source.out.split('\n'))
        if (line.contains("0008,0018"))
            identifying << line.section('[', 1).section(']', 0, 0);
    QStringList studies;
    for (const QString& name : QDir(QString::fromStdString(dir.string())).entryList({"capture-*.dcm"})) {
        const QString path = QString::fromStdString((dir / name.toStdString()).string());
        const ProcessResult dump = runProcess("dcmdump", {"+L", path});
        REQUIRE(dump.exitCode == 0);
        for (const QString& value : identifying) {
            INFO(name.toStdString() << " still holds " << value.toStdString());
            CHECK_FALSE(dump.out.contains(value));
        }
        CHECK(dump.out.contains("(0012,0062) CS [YES]"));
        CHECK(dump.out.contains("(0012,0063) LO [PS3.15"));
        CHECK(dump.out.contains("(0010,0010) PN [ANONYMOUS]"));
        for (const QString& line : dump.out.split('\n'))
            if (line.startsWith("(0020,000d)"))
                studies << line;
        const ProcessResult verify = runProcess("dciodvfy", {path});
        const QString report = verify.out + verify.err;
        INFO(report.toStdString());
        CHECK_FALSE(report.contains("Error"));
    }
    REQUIRE(studies.size() == 3);
    CHECK(studies.count(studies.first()) == 3);  // one new study UID, the same for the whole export
    // Another export maps the study to another UID.
    const QString again = QString::fromStdString((dir / "again.dcm").string());
    REQUIRE(exportWith({"--format", "dicom-sc", "--out", again, "--slice", "5", "--anonymize"}).exitCode == 0);
    CHECK_FALSE(runProcess("dcmdump", {"+P", "0020,000d", again}).out.contains(studies.first().section('[', 1).section(']', 0, 0)));
    // Not anonymized: the same study, a new series, pointing at its source image.
    const QString plain = QString::fromStdString((dir / "plain.dcm").string());
    REQUIRE(exportWith({"--format", "dicom-sc", "--out", plain, "--slice", "5"}).exitCode == 0);
    const QString dump = runProcess("dcmdump", {plain}).out;
    CHECK(dump.contains(e.study));
    CHECK_FALSE(dump.contains(e.series));
    CHECK(dump.contains("SourceImageSequence"));
}

TEST_CASE("export refuses bad requests with exit 2 and leaves nothing behind when it cannot write", "[cli][export][badinput]")
{
    const auto dir = scratch("export-bad");
    const QString out = QString::fromStdString((dir / "x.png").string());
    CHECK(exportWith({"--format", "gif", "--out", out}).exitCode == 2);
    CHECK(exportWith({"--format", "png", "--out", out, "--slice", "99"}).exitCode == 2);
    CHECK(exportWith({"--format", "png", "--out", out, "--range", "5-2"}).exitCode == 2);
    CHECK(exportWith({"--format", "png", "--out", out, "--window", "40,-1"}).exitCode == 2);
    // A folder that does not exist: exit 1 naming the file, and no partial file anywhere.
    for (const char* format : {"png", "tiff16", "pdf", "dicom-sc"}) {
        const QString missing = QString::fromStdString((dir / "no-such-folder" / "out.file").string());
        const ProcessResult r = exportWith({"--format", format, "--out", missing});
        INFO(format << ": " << r.err.toStdString());
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(missing));
    }
    // A read-only folder (as a user who cannot write there; root ignores permissions, so only
    // the file list is checked): nothing half-written in the target folder.
    CHECK(QDir(QString::fromStdString(dir.string())).entryList(QDir::Files).isEmpty());
}
