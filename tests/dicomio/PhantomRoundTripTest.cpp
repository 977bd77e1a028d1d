// The phantom written as DICOM comes back with exactly the geometry and values it was made from.
#include "PhantomFixture.h"

#include "hf/dicomio/Thumbnail.h"
#include "hf/dicomio/TransferSyntaxes.h"

#include <catch2/catch.hpp>
#include <gdcmReader.h>
#include <gdcmWriter.h>

#include <cmath>
#include <cstring>

using namespace hf;
using namespace hf::test;

namespace {

void requireSameVector(const Vec3& a, const Vec3& b, double tolerance = 1e-6)
{
    CAPTURE(a.x, a.y, a.z, b.x, b.y, b.z);
    REQUIRE(std::abs(a.x - b.x) < tolerance);
    REQUIRE(std::abs(a.y - b.y) < tolerance);
    REQUIRE(std::abs(a.z - b.z) < tolerance);
}

// Voxels whose value differs from the model by more than tolerance.
size_t mismatches(const LoadedPhantom& p, double tolerance)
{
    const Volume& v = *p.loaded.volume;
    const auto& o = p.model.options();
    size_t bad = 0;
    for (int k = 0; k < o.slices; ++k)
        for (int j = 0; j < o.rows; ++j)
            for (int i = 0; i < o.columns; ++i)
                if (std::abs(v.valueAt(i, j, k) - p.model.valueAt(p.model.voxelPosition(i, j, k))) > tolerance)
                    ++bad;
    return bad;
}

} // namespace

TEST_CASE("phantom geometry comes back exactly", "[dicomio][phantom]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom(), "geometry");
    REQUIRE(p.scanErrors.empty());
    REQUIRE(p.tree.patients.size() == 1);
    REQUIRE(p.tree.patients[0].name == "PHANTOM^HOUNSFIELD");
    REQUIRE(p.tree.patients[0].studies.size() == 1);
    REQUIRE(p.tree.patients[0].studies[0].series.size() == 1);
    const Series& series = p.tree.patients[0].studies[0].series[0];
    REQUIRE(series.modality == "CT");
    REQUIRE(series.stacks.size() == 1);
    const StackGeometry& g = series.stacks[0].geometry;
    REQUIRE(g.columns == 48);
    REQUIRE(g.rows == 40);
    REQUIRE(g.slices == 12);
    REQUIRE(g.columnSpacing == Approx(1.5));
    REQUIRE(g.rowSpacing == Approx(1.5));
    REQUIRE(g.sliceSpacing == Approx(3.0));
    requireSameVector(g.origin, p.model.slicePosition(0));
    requireSameVector(g.rowDirection, {1, 0, 0});
    requireSameVector(g.columnDirection, {0, 1, 0});
    requireSameVector(g.normal, {0, 0, 1});
    // Every voxel's patient position agrees with the model's.
    requireSameVector(g.toPatient(47, 39, 11), p.model.voxelPosition(47, 39, 11));
    requireSameVector(g.toIndex(p.model.voxelPosition(5, 7, 9)), {5, 7, 9});
    REQUIRE(series.stacks[0].warnings.empty());
}

TEST_CASE("a header larger than the scanner's read window is parsed and loaded exactly", "[dicomio][phantom]")
{
    // The scanner hands GDCM the header bytes it has already read when they fit in its 1 MB
    // window; a larger header (here a 1.5 MB private element before Pixel Data) goes back to the file.
    LoadedPhantom p{PhantomModel(smallPhantom()), {}, {}, {}, scratch("large-header")};
    PhantomWriter(p.model).write(p.folder.string());
    for (const auto& entry : std::filesystem::directory_iterator(p.folder)) {
        gdcm::Reader reader;
        reader.SetFileName(entry.path().c_str());
        REQUIRE(reader.Read());
        gdcm::DataSet& ds = reader.GetFile().GetDataSet();
        gdcm::DataElement creator(gdcm::Tag(0x0029, 0x0010), 0, gdcm::VR::LO);
        creator.SetByteValue("HOUNSFIELD TEST ", 16);
        ds.Replace(creator);
        const std::string padding(1'500'000, 'x');
        gdcm::DataElement large(gdcm::Tag(0x0029, 0x1010), 0, gdcm::VR::OB);
        large.SetByteValue(padding.data(), std::uint32_t(padding.size()));
        ds.Replace(large);
        gdcm::Writer writer;
        writer.SetFile(reader.GetFile());
        writer.SetFileName(entry.path().c_str());
        REQUIRE(writer.Write());
        REQUIRE(std::filesystem::file_size(entry.path()) > 1'500'000);
    }
    ScanResult scan = HeaderScanner().scan({p.folder.string()});
    REQUIRE(scan.errors.empty());
    REQUIRE(scan.frames.size() == 12);
    REQUIRE(scan.frames[0].pixelDataOffset > 1'500'000);
    p.tree = StackBuilder().build(std::move(scan.frames));
    const Stack* stack = p.tree.firstStack();
    REQUIRE(stack != nullptr);
    REQUIRE(stack->geometry.slices == 12);
    requireSameVector(stack->geometry.origin, p.model.slicePosition(0));
    p.loaded = VolumeLoader().load(*stack);
    REQUIRE(p.loaded.errors.empty());
    REQUIRE(p.loaded.volume != nullptr);
    REQUIRE(mismatches(p, 0.0) == 0);
}

TEST_CASE("every lossless transfer syntax decodes to the model's exact values", "[dicomio][phantom]")
{
    for (const auto& ts : writableTransferSyntaxes()) {
        if (ts.lossy)
            continue;
        DYNAMIC_SECTION(ts.name)
        {
            const LoadedPhantom p = writeAndLoad(smallPhantom(ts.name), "syntax-" + ts.name);
            REQUIRE(p.loaded.errors.empty());
            REQUIRE(p.loaded.volume);
            REQUIRE(p.loaded.volume->type() == VoxelType::Int16);
            REQUIRE(mismatches(p, 0.0) == 0);
            const auto& bone = p.model.sphere("bone");
            const Vec3 index = p.loaded.volume->geometry().toIndex(bone.center);
            REQUIRE(p.loaded.volume->valueAt(int(std::lround(index.x)), int(std::lround(index.y)), int(std::lround(index.z)))
                    == 1000);
        }
    }
}

TEST_CASE("lossy JPEG baseline stays close to the model", "[dicomio][phantom]")
{
    const LoadedPhantom p = writeAndLoad(smallPhantom("jpeg-baseline"), "syntax-jpeg-baseline");
    REQUIRE(p.loaded.errors.empty());
    REQUIRE(p.loaded.volume);
    // 8-bit storage with slope 20: values come back on a 20 HU grid, edges blur.
    const auto& o = p.model.options();
    size_t far = 0;
    for (int j = 0; j < o.rows; ++j)
        for (int i = 0; i < o.columns; ++i)
            far += std::abs(p.loaded.volume->valueAt(i, j, 6) - p.model.valueAt(p.model.voxelPosition(i, j, 6))) > 200;
    REQUIRE(far < size_t(o.rows * o.columns / 20));
    const Vec3 water = p.loaded.volume->geometry().toIndex({0, 0, p.model.objectPlaneZ()});
    REQUIRE(std::abs(p.loaded.volume->valueAt(int(water.x), int(water.y), int(std::lround(water.z)))) <= 40);
}

TEST_CASE("an MR phantom has MR values and no Hounsfield rescale", "[dicomio][phantom]")
{
    PhantomOptions o = smallPhantom();
    o.modality = "MR";
    const LoadedPhantom p = writeAndLoad(o, "mr");
    REQUIRE(p.tree.patients[0].studies[0].series[0].modality == "MR");
    REQUIRE(mismatches(p, 0.0) == 0);
    REQUIRE(p.model.waterValue() == 500);
}

TEST_CASE("a gantry-tilted phantom is detected and placed with its shear", "[dicomio][phantom][geometry]")
{
    PhantomOptions o = smallPhantom();
    o.tiltDegrees = 15;
    const LoadedPhantom p = writeAndLoad(o, "tilt");
    const Stack& stack = *p.tree.firstStack();
    REQUIRE(stack.gantryTilted);
    REQUIRE(std::find(stack.warnings.begin(), stack.warnings.end(), "gantry tilt 15.0 deg") != stack.warnings.end());
    // The step between slices is the table feed (along z), not the slice normal.
    requireSameVector(stack.geometry.sliceStep, {0, 0, 3.0});
    REQUIRE(stack.geometry.sliceSpacing == Approx(3.0 * std::cos(15 * M_PI / 180)));
    requireSameVector(stack.geometry.toPatient(10, 20, 5), p.model.voxelPosition(10, 20, 5));
    REQUIRE(mismatches(p, 0.0) == 0);
}

TEST_CASE("the same seed gives the same UIDs, another seed different ones", "[dicomio][phantom]")
{
    PhantomOptions a = smallPhantom(), b = smallPhantom();
    b.seed = 2;
    const PhantomModel ma(a), mb(b);
    REQUIRE(PhantomWriter(ma).identity().studyUid == PhantomWriter(PhantomModel(a)).identity().studyUid);
    REQUIRE(PhantomWriter(ma).identity().studyUid != PhantomWriter(mb).identity().studyUid);
    const std::string uid = PhantomWriter(ma).sopInstanceUid(3);
    REQUIRE(uid.rfind("2.25.", 0) == 0);
    REQUIRE(uid.size() <= 64);
}

TEST_CASE("phantom noise has the requested standard deviation around the true value", "[dicomio][phantom]")
{
    PhantomOptions o = smallPhantom();
    o.columns = o.rows = 96;
    o.slices = 2;
    o.noise = 20;
    const LoadedPhantom p = writeAndLoad(o, "noise");
    double sum = 0, sumSquares = 0;
    size_t n = 0;
    for (int j = 0; j < o.rows; ++j)
        for (int i = 0; i < o.columns; ++i) {
            const Vec3 position = p.model.voxelPosition(i, j, 0);
            if (p.model.valueAt(position) != p.model.waterValue())
                continue;
            const double v = p.loaded.volume->valueAt(i, j, 0);
            sum += v;
            sumSquares += v * v;
            ++n;
        }
    REQUIRE(n > 1000);
    const double mean = sum / double(n), sd = std::sqrt(sumSquares / double(n) - mean * mean);
    REQUIRE(std::abs(mean) < 2.0);
    REQUIRE(sd == Approx(20).margin(1.5));
}

TEST_CASE("the first slice arrives decoded before the rest, and cancel stops the load", "[dicomio][loader]")
{
    PhantomOptions o = smallPhantom();
    o.slices = 30;
    const PhantomModel model(o);
    const auto dir = scratch("first-slice");
    PhantomWriter(model).write(dir.string());
    ScanResult scan = HeaderScanner().scan({dir.string()});
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    const Stack& stack = *tree.firstStack();
    const int objectSlice = int(std::lround(stack.geometry.toIndex(model.sphere("bone").center).z));
    const Vec3 bone = stack.geometry.toIndex(model.sphere("bone").center);

    int calls = 0;
    double valueSeen = 0;
    std::vector<size_t> progressSeen;
    ProgressSink progress{[&](size_t done, size_t) { progressSeen.push_back(done); }, nullptr};
    const LoadResult loaded = VolumeLoader(2).load(
        stack, progress,
        [&](const std::shared_ptr<Volume>& volume, int k) {
            ++calls;
            REQUIRE(k == objectSlice);
            valueSeen = volume->valueAt(int(std::lround(bone.x)), int(std::lround(bone.y)), k);
            for (size_t done : progressSeen)
                REQUIRE(done <= 1);  // nothing but this slice decoded yet
        },
        objectSlice);
    REQUIRE(calls == 1);
    REQUIRE(valueSeen == 1000);
    REQUIRE(loaded.errors.empty());
    REQUIRE(progressSeen.back() == 30);

    std::atomic<bool> cancel{false};
    ProgressSink cancelling{[&](size_t, size_t) {}, &cancel};
    const LoadResult stopped = VolumeLoader(1).load(stack, cancelling, [&](const std::shared_ptr<Volume>&, int) { cancel = true; });
    REQUIRE_FALSE(stopped.errors.empty());
    REQUIRE(stopped.errors.back().reason == "loading cancelled");
}

TEST_CASE("a thumbnail keeps the true aspect, the file's window and MONOCHROME1 inversion", "[dicomio][thumbnail]")
{
    PhantomOptions o = smallPhantom();
    o.columns = 96;
    o.rows = 48;
    o.columnSpacing = 0.5;  // 48 mm wide
    o.rowSpacing = 1.0;     // 48 mm tall: square on screen
    const LoadedPhantom p = writeAndLoad(o, "thumbnail");
    const Volume& v = *p.loaded.volume;
    const int k = int(std::lround(v.geometry().toIndex({0, 0, p.model.objectPlaneZ()}).z));
    const Thumbnail t = makeThumbnail(v, k, 64);
    REQUIRE(t.width == 64);
    REQUIRE(t.height == 64);
    REQUIRE(t.channels == 1);
    // File window 40/400: air black, water (0 HU) at (0 - (-160)) / 400 = 40 % grey, bone white.
    auto at = [&](const Vec3& lps) {
        const Vec3 i = v.geometry().toIndex(lps);
        return int(t.pixels[size_t(std::lround(i.y * 64 / 48)) * 64 + size_t(std::lround(i.x * 64 / 96))]);
    };
    REQUIRE(int(t.pixels[0]) == 0);
    REQUIRE(at({0, 0.25 * p.model.cylinderRadius(), p.model.objectPlaneZ()}) == Approx(102).margin(3));
    REQUIRE(at(p.model.sphere("bone").center) == 255);

    auto inverted = std::make_shared<Volume>(v.geometry(), v.type());
    std::memcpy(inverted->data(), v.data(), v.byteCount());
    inverted->windows = v.windows;
    inverted->photometric = Photometric::Monochrome1;
    REQUIRE(int(makeThumbnail(*inverted, k, 64).pixels[0]) == 255);
}
