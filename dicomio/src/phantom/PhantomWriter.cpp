#include "hf/dicomio/PhantomWriter.h"

#include "hf/dicomio/ParallelFor.h"
#include "hf/dicomio/TransferSyntaxes.h"
#include "DataSetBuilder.h"
#include "GdcmStandInSyntax.h"
#include "HtJ2kCodec.h"
#include "PhantomPetTags.h"

#include <gdcmImage.h>
#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmJPEGCodec.h>
#include <gdcmSequenceOfFragments.h>
#include <gdcmWriter.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace hf {
namespace {

using gdcm::VR;

std::uint64_t mix(std::uint64_t x)
{
    // splitmix64 finaliser: a good, dependency-free 64-bit hash step.
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// How modality values are stored: 8-bit for JPEG baseline (it cannot hold more), else 12 of 16 bits.
struct StorageFormat {
    int bitsAllocated, bitsStored;
    double slope, intercept;
};

StorageFormat storageFor(const PhantomOptions& o)
{
    const bool ct = o.modality == "CT";
    if (o.syntax == "jpeg-baseline")
        return {8, 8, ct ? 20.0 : o.pet() ? 200.0 : 10.0, ct ? -1100.0 : 0.0};  // every phantom value is a multiple of the slope
    if (o.pet())
        return {16, 16, 1.0, 0.0};  // Bq/mL up to 40000
    return {16, 12, 1.0, ct ? -1024.0 : 0.0};
}

gdcm::TransferSyntax::TSType gdcmSyntax(const std::string& name)
{
    if (name == "implicit") return gdcm::TransferSyntax::ImplicitVRLittleEndian;
    if (name == "big-endian") return gdcm::TransferSyntax::ExplicitVRBigEndian;
    if (name == "deflate") return gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian;
    if (name == "rle") return gdcm::TransferSyntax::RLELossless;
    if (name == "jpeg-baseline") return gdcm::TransferSyntax::JPEGBaselineProcess1;
    if (name == "jpeg-lossless") return gdcm::TransferSyntax::JPEGLosslessProcess14_1;
    if (name == "jpeg-ls") return gdcm::TransferSyntax::JPEGLSLossless;
    if (name == "j2k") return gdcm::TransferSyntax::JPEG2000Lossless;
    if (name == "htj2k") return gdcm::TransferSyntax::MPEG2MainProfile;  // GDCM's stand-in, replaced in the bytes
    return gdcm::TransferSyntax::ExplicitVRLittleEndian;
}

bool isEncapsulated(const std::string& name)
{
    return name == "rle" || name.rfind("jpeg", 0) == 0 || name == "j2k";
}

// HTJ2K through OpenJPH: one frame, one fragment, an empty Basic Offset Table.
gdcm::DataElement htj2kPixelData(const std::vector<char>& raw, const PhantomOptions& o, const StorageFormat& storage)
{
    FrameShape shape;
    shape.columns = o.columns;
    shape.rows = o.rows;
    shape.bitsAllocated = storage.bitsAllocated;
    const std::vector<std::uint8_t> codestream = encodeHtJ2kFrame(reinterpret_cast<const std::byte*>(raw.data()), shape, storage.bitsStored);
    if (codestream.empty())
        throw std::runtime_error("OpenJPH could not encode the slice");
    gdcm::SmartPointer<gdcm::SequenceOfFragments> fragments = new gdcm::SequenceOfFragments;
    gdcm::Fragment fragment;
    std::vector<char> padded(codestream.begin(), codestream.end());
    if (padded.size() % 2)
        padded.push_back(0);
    fragment.SetByteValue(padded.data(), gdcm::VL(std::uint32_t(padded.size())));
    fragments->AddFragment(fragment);
    gdcm::DataElement pixelData(gdcm::Tag(0x7fe0, 0x0010));
    pixelData.SetVR(gdcm::VR::OB);
    pixelData.SetValue(*fragments);
    return pixelData;
}

// Writes the file; for HTJ2K, the real Transfer Syntax UID replaces GDCM's stand-in.
bool writeFile(gdcm::Writer& writer, const std::string& path, const std::string& syntaxName)
{
    const TransferSyntaxName* syntax = transferSyntaxByName(syntaxName);
    std::ostringstream bytes;
    writer.SetStream(bytes);
    if (!writer.Write())
        return false;
    std::string data = bytes.str();
    if (syntaxName == "htj2k") {
        unsigned long long offset = 0, length = 0;
        std::string uid = syntax->uid + '\0';  // padded to even length, as the stand-in is
        if (!findMetaTransferSyntax(data, offset, length) || length != uid.size() || !overwriteSyntaxValue(data, offset, uid))
            return false;
    }
    std::ofstream stream(path, std::ios::binary);
    return stream.write(data.data(), std::streamsize(data.size())) && stream.flush();
}

// Deterministic Gaussian noise for voxel (i, j, k): Box-Muller on two hashed uniforms.
double noiseAt(unsigned seed, int i, int j, int k)
{
    const std::uint64_t h = mix(mix(mix(mix(seed) ^ std::uint64_t(i)) ^ std::uint64_t(j)) ^ std::uint64_t(k));
    const double u1 = (double(h >> 11) + 1.0) / 9007199254740993.0;  // (0, 1]
    const double u2 = double(mix(h) >> 11) / 9007199254740992.0;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
}

// The first axial series keeps the historical labels; other series of the same seed (another
// orientation or series number) are new series of the same study and frame of reference.
std::string seriesLabel(const PhantomOptions& o)
{
    if (o.pet())  // beside a CT of the same seed: the same study and Frame of Reference
        return "series-pt-" + o.orientation + "-" + std::to_string(o.seriesNumber);
    if (o.mammography())
        return "series-mg-" + o.laterality + "-" + o.viewPosition;
    if (o.orientation == "axial" && o.seriesNumber == 1)
        return "series";
    return "series-" + o.orientation + "-" + std::to_string(o.seriesNumber);
}

std::string studyDateOf(const PhantomOptions& o) { return o.studyDate.empty() ? std::string("20260101") : o.studyDate; }

// A moved phantom (a prior) is another study of the same patient: its UIDs are drawn from labels
// that say how it moved; an unmoved one keeps the historical labels.
std::string movedPrefix(const PhantomOptions& o)
{
    if (!o.moved())
        return {};
    const auto three = [](const Vec3& v) { return std::to_string(v.x) + "," + std::to_string(v.y) + "," + std::to_string(v.z); };
    return "moved-" + studyDateOf(o) + "-" + three(o.translate) + "-" + three(o.rotateDegrees) + "-";
}

} // namespace

std::string deterministicUid(unsigned seed, const std::string& label)
{
    std::uint64_t h = mix(seed);
    for (unsigned char c : label)
        h = mix(h ^ c);
    const unsigned __int128 value = (static_cast<unsigned __int128>(mix(h ^ 0x51)) << 64) | mix(h ^ 0xa7);
    std::string digits;
    unsigned __int128 v = value >> 2;  // stay well below 2^128 so the UID is at most 44 characters
    do {
        digits.insert(digits.begin(), char('0' + int(v % 10)));
        v /= 10;
    } while (v);
    return "2.25." + digits;
}

PhantomWriter::PhantomWriter(PhantomModel model)
    : m_model(std::move(model))
{
}

PhantomIdentity PhantomWriter::identity() const
{
    const PhantomOptions& o = m_model.options();
    const std::string prefix = movedPrefix(o);
    return {deterministicUid(o.seed, o.moved() ? prefix + "study" : std::string("study")), deterministicUid(o.seed, prefix + seriesLabel(o)),
            deterministicUid(o.seed, prefix + "frame-of-reference"), "PHANTOM^HOUNSFIELD", "HF" + std::to_string(o.seed)};
}

std::string PhantomWriter::sopInstanceUid(int slice) const
{
    const PhantomOptions& o = m_model.options();
    return deterministicUid(o.seed, movedPrefix(o) + seriesLabel(o) + "instance-" + std::to_string(slice));
}

std::vector<std::string> PhantomWriter::write(const std::string& outDir, const ProgressSink& progress) const
{
    const PhantomOptions& o = m_model.options();
    const TransferSyntaxName* ts = transferSyntaxByName(o.syntax);
    if (!ts)
        throw std::invalid_argument("unknown transfer syntax '" + o.syntax + "'");
    if (o.columns < 1 || o.rows < 1 || o.slices < 1 || o.columns > 4096 || o.rows > 4096 || o.slices > 5000)
        throw std::invalid_argument("--size must be between 1x1x1 and 4096x4096x5000");
    if (!(o.columnSpacing > 0 && o.rowSpacing > 0 && o.sliceSpacing > 0))
        throw std::invalid_argument("--spacing values must be positive");
    if (!(o.noise >= 0 && o.noise < 10000))
        throw std::invalid_argument("--noise must be between 0 and 10000");
    if (o.modality != "CT" && o.modality != "MR" && o.modality != "MG" && o.modality != "PT")
        throw std::invalid_argument("--modality must be CT, MR, MG or PT");
    if (o.mammography() && (o.slices != 1 || (o.laterality != "R" && o.laterality != "L") ||
                            (o.viewPosition != "CC" && o.viewPosition != "MLO")))
        throw std::invalid_argument("a mammography phantom is one image (--size CxRx1) of --laterality R or L, --view CC or MLO");
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (ec)
        throw std::runtime_error(outDir + ": cannot create folder: " + ec.message());

    const StorageFormat storage = storageFor(o);
    const PhantomIdentity id = identity();
    const bool ct = o.modality == "CT";
    std::vector<std::string> paths(size_t(o.slices));
    std::mutex errorMutex;
    std::string firstError;
    std::atomic<size_t> done{0};

    parallelFor(size_t(o.slices), 0, [&](size_t kIndex) {
        if (progress.cancelled())
            return;
        const int k = int(kIndex);
        char name[32];
        std::snprintf(name, sizeof name, "IM%04d.dcm", k + 1);
        const std::string path = (std::filesystem::path(outDir) / name).string();
        paths[kIndex] = path;

        // Pixels: the model sampled at voxel centres, stored as (value - intercept) / slope.
        const size_t pixels = size_t(o.columns) * size_t(o.rows);
        const size_t bytesPer = size_t(storage.bitsAllocated / 8);
        std::vector<char> raw(pixels * bytesPer);
        for (int j = 0; j < o.rows; ++j)
            for (int i = 0; i < o.columns; ++i) {
                double value = m_model.valueAt(m_model.voxelPosition(i, j, k));
                if (o.noise > 0)
                    value += o.noise * noiseAt(o.seed, i, j, k);
                const long maxStored = (1L << storage.bitsStored) - 1;
                const auto stored = std::uint16_t(std::clamp(std::lround((value - storage.intercept) / storage.slope), 0L, maxStored));
                const size_t p = size_t(j) * size_t(o.columns) + size_t(i);
                if (bytesPer == 1)
                    raw[p] = char(stored);
                else
                    std::memcpy(&raw[p * 2], &stored, 2);
            }

        gdcm::Writer writer;
        gdcm::File& file = writer.GetFile();
        gdcm::DataSet& ds = file.GetDataSet();
        DataSetBuilder b(ds);
        const Vec3 ipp = m_model.slicePosition(k);
        const Vec3 r = m_model.rowDirection(), c = m_model.columnDirection();
        const auto ds3 = [](const Vec3& v) { return decimalString(v.x) + "\\" + decimalString(v.y) + "\\" + decimalString(v.z); };
        // CT and MR images must be 16-bit; 8-bit JPEG baseline pictures are Secondary Captures.
        const bool secondaryCapture = storage.bitsAllocated == 8;
        const std::string sopClass = secondaryCapture ? "1.2.840.10008.5.1.4.1.1.7"
                                     : ct             ? "1.2.840.10008.5.1.4.1.1.2"
                                     : o.mammography() ? "1.2.840.10008.5.1.4.1.1.1.2"  // digital mammography, for presentation
                                     : o.pet()         ? "1.2.840.10008.5.1.4.1.1.128"
                                                      : "1.2.840.10008.5.1.4.1.1.4";
        const std::string seriesDescription =
            !o.seriesDescription.empty() ? o.seriesDescription
            : o.mammography()            ? o.laterality + " " + o.viewPosition
                                         : "Phantom " + o.modality + " " + o.syntax + (o.orientation == "axial" ? "" : " " + o.orientation);
        b.text(0x0008, 0x0008, VR::CS, secondaryCapture ? "DERIVED\\SECONDARY" : ct ? "ORIGINAL\\PRIMARY\\AXIAL" : "ORIGINAL\\PRIMARY\\OTHER")
            .text(0x0008, 0x0016, VR::UI, sopClass)
            .text(0x0008, 0x0018, VR::UI, sopInstanceUid(k))
            .text(0x0008, 0x0020, VR::DA, studyDateOf(o))
            .text(0x0008, 0x0021, VR::DA, studyDateOf(o))
            .text(0x0008, 0x0023, VR::DA, studyDateOf(o))
            .text(0x0008, 0x0030, VR::TM, "120000")
            .text(0x0008, 0x0031, VR::TM, "120000")
            .text(0x0008, 0x0033, VR::TM, "120000")
            .text(0x0008, 0x0050, VR::SH, "HFACC" + std::to_string(o.seed))
            .text(0x0008, 0x0060, VR::CS, o.modality)
            .text(0x0008, 0x0070, VR::LO, "Hounsfield")
            .text(0x0008, 0x0090, VR::PN, "")
            .text(0x0008, 0x1030, VR::LO, o.studyDescription.empty() ? "Hounsfield phantom" : o.studyDescription)
            .text(0x0008, 0x103e, VR::LO, seriesDescription)
            .text(0x0010, 0x0010, VR::PN, id.patientName)
            .text(0x0010, 0x0020, VR::LO, id.patientId)
            .text(0x0010, 0x0030, VR::DA, "19700101")
            .text(0x0010, 0x0040, VR::CS, "O")
            .number(0x0018, 0x0050, VR::DS, o.sliceSpacing)
            .number(0x0018, 0x1120, VR::DS, o.tiltDegrees)
            .text(0x0018, 0x5100, VR::CS, "HFS")
            .text(0x0020, 0x000d, VR::UI, id.studyUid)
            .text(0x0020, 0x000e, VR::UI, id.seriesUid)
            .text(0x0020, 0x0010, VR::SH, "1")
            .text(0x0020, 0x0011, VR::IS, std::to_string(o.seriesNumber))
            .text(0x0020, 0x0012, VR::IS, "1")
            .number(0x0020, 0x0013, VR::IS, k + 1)
            .text(0x0020, 0x0052, VR::UI, id.frameOfReferenceUid)
            .text(0x0020, 0x1040, VR::LO, "")
            .us(0x0028, 0x0002, 1)
            .text(0x0028, 0x0004, VR::CS, o.monochrome1 ? "MONOCHROME1" : "MONOCHROME2")
            .us(0x0028, 0x0010, std::uint16_t(o.rows))
            .us(0x0028, 0x0011, std::uint16_t(o.columns))
            .us(0x0028, 0x0100, std::uint16_t(storage.bitsAllocated))
            .us(0x0028, 0x0101, std::uint16_t(storage.bitsStored))
            .us(0x0028, 0x0102, std::uint16_t(storage.bitsStored - 1))
            .us(0x0028, 0x0103, 0);
        if (o.mammography()) {  // a projection: Patient Orientation, no plane in space
            b.text(0x0020, 0x0020, VR::CS, o.laterality == "R" ? "P\\L" : "P\\R")
                .text(0x0020, 0x0060, VR::CS, "")
                .text(0x0020, 0x0062, VR::CS, o.laterality)
                .text(0x0018, 0x5101, VR::CS, o.viewPosition)
                .text(0x0008, 0x0068, VR::CS, "FOR PRESENTATION");
        } else {
            b.text(0x0020, 0x0020, VR::CS, "")
                .text(0x0020, 0x0032, VR::DS, ds3(ipp))
                .text(0x0020, 0x0037, VR::DS, ds3(r) + "\\" + ds3(c))
                .text(0x0020, 0x0060, VR::CS, "")
                .number(0x0020, 0x1041, VR::DS, ipp.dot(r.cross(c)));
        }
        if (!o.bodyPart.empty())
            b.text(0x0018, 0x0015, VR::CS, o.bodyPart);
        if (!o.contrastAgent.empty())
            b.text(0x0018, 0x0010, VR::LO, o.contrastAgent);
        // Where the spacing is written decides how measurements are calibrated (tests need all three).
        const std::string spacing = decimalString(o.rowSpacing) + "\\" + decimalString(o.columnSpacing);
        if (o.spacingTag == "pixel")
            b.text(0x0028, 0x0030, VR::DS, spacing);
        else if (o.spacingTag == "imager")
            b.text(0x0018, 0x1164, VR::DS, spacing);
        if (ct && !secondaryCapture) {
            b.text(0x0018, 0x0060, VR::DS, "120")
                .text(0x0028, 0x1050, VR::DS, "40\\500")
                .text(0x0028, 0x1051, VR::DS, "400\\2000")
                .text(0x0028, 0x1055, VR::LO, "SOFT TISSUE\\BONE")
                .number(0x0028, 0x1052, VR::DS, storage.intercept)
                .number(0x0028, 0x1053, VR::DS, storage.slope)
                .text(0x0028, 0x1054, VR::LO, "HU");
        } else if (o.pet() && !secondaryCapture) {
            addPetTags(ds);
            b.text(0x0028, 0x1050, VR::DS, "20000")
                .text(0x0028, 0x1051, VR::DS, "40000")
                .number(0x0028, 0x1052, VR::DS, storage.intercept)
                .number(0x0028, 0x1053, VR::DS, storage.slope)
                .text(0x0028, 0x1054, VR::LO, "BQML");
        } else if (!ct && !secondaryCapture && !o.mammography()) {
            b.text(0x0018, 0x0020, VR::CS, "SE")
                .text(0x0018, 0x0021, VR::CS, "NONE")
                .text(0x0018, 0x0022, VR::CS, "")
                .text(0x0018, 0x0023, VR::CS, "2D")
                .text(0x0018, 0x0080, VR::DS, "500")
                .text(0x0018, 0x0081, VR::DS, "15")
                .text(0x0018, 0x0091, VR::IS, "1")
                .text(0x0028, 0x1050, VR::DS, "600")
                .text(0x0028, 0x1051, VR::DS, "1200");
        } else {
            b.text(0x0028, 0x1050, VR::DS, ct ? "40" : "600")
                .text(0x0028, 0x1051, VR::DS, ct ? "400" : "1200")
                .number(0x0028, 0x1052, VR::DS, storage.intercept)
                .number(0x0028, 0x1053, VR::DS, storage.slope)
                .text(0x0028, 0x1054, VR::LO, ct ? "HU" : "US");
        }
        if (secondaryCapture)
            b.text(0x0008, 0x0064, VR::CS, "WSD");
        if (ts->lossy)
            b.text(0x0028, 0x2110, VR::CS, "01").text(0x0028, 0x2114, VR::CS, "ISO_10918_1");

        gdcm::DataElement pixelData(gdcm::Tag(0x7fe0, 0x0010));
        pixelData.SetVR(storage.bitsAllocated == 8 ? VR::OB : VR::OW);
        pixelData.SetByteValue(raw.data(), gdcm::VL(std::uint32_t(raw.size())));
        if (o.syntax == "htj2k") {
            try {
                pixelData = htj2kPixelData(raw, o, storage);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (firstError.empty())
                    firstError = path + ": " + e.what();
                return;
            }
        } else if (isEncapsulated(o.syntax)) {
            // The filter keeps its input in a SmartPointer: the image must live on the heap.
            gdcm::SmartPointer<gdcm::Image> image = new gdcm::Image;
            image->SetNumberOfDimensions(2);
            image->SetDimension(0, unsigned(o.columns));
            image->SetDimension(1, unsigned(o.rows));
            image->SetPixelFormat(gdcm::PixelFormat(1, std::uint16_t(storage.bitsAllocated), std::uint16_t(storage.bitsStored),
                                                   std::uint16_t(storage.bitsStored - 1), 0));
            image->SetPhotometricInterpretation(o.monochrome1 ? gdcm::PhotometricInterpretation::MONOCHROME1
                                                              : gdcm::PhotometricInterpretation::MONOCHROME2);
            image->SetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
            image->SetDataElement(pixelData);
            gdcm::ImageChangeTransferSyntax change;
            gdcm::JPEGCodec lossyJpeg;
            if (o.syntax == "jpeg-baseline") {
                lossyJpeg.SetLossless(false);
                lossyJpeg.SetQuality(95);
                change.SetUserCodec(&lossyJpeg);
            }
            change.SetTransferSyntax(gdcmSyntax(o.syntax));
            change.SetInput(*image);
            if (!change.Change()) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (firstError.empty())
                    firstError = path + ": GDCM could not encode " + o.syntax;
                return;
            }
            pixelData = change.GetOutput().GetDataElement();
        }
        ds.Replace(pixelData);

        file.GetHeader().SetDataSetTransferSyntax(gdcmSyntax(o.syntax));
        // Our own stream: Debian's GDCM asserts (aborts) when it cannot open a file name itself.
        if (!writeFile(writer, path, o.syntax)) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (firstError.empty())
                firstError = path + ": cannot write file";
            return;
        }
        progress(++done, size_t(o.slices));
    });
    if (!firstError.empty())
        throw std::runtime_error(firstError);
    return paths;
}

} // namespace hf
