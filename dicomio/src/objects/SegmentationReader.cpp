#include "hf/dicomio/Segmentation.h"

#include "ObjectFile.h"
#include "SrContent.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>

namespace hf {
namespace {

using objects::firstItem;
using objects::itemsOf;

constexpr const char* kSegmentationClass = "1.2.840.10008.5.1.4.1.1.66.4";
constexpr unsigned long long kLargestSegmentation = 1ull << 30;
constexpr unsigned long long kMostPixels = 1ull << 31;  // all frames' pixels together

std::vector<double> numbers(DcmItem& item, const DcmTagKey& tag)
{
    std::vector<double> out;
    Float64 v = 0;
    for (unsigned long i = 0; item.findAndGetFloat64(tag, v, i).good(); ++i)
        out.push_back(v);
    return out;
}

std::optional<long> unsignedOf(DcmItem& item, const DcmTagKey& tag, unsigned long position = 0)
{
    Uint16 v = 0;
    if (item.findAndGetUint16(tag, v, position).good())
        return v;
    Sint32 s = 0;  // IS-encoded numbers
    if (item.findAndGetSint32(tag, s, position).good())
        return s;
    return std::nullopt;
}

// Orientation and spacing from a functional group item (shared, or a frame's own).
void readGeometry(DcmItem& groups, Segmentation& seg)
{
    if (DcmItem* orientation = firstItem(groups, DCM_PlaneOrientationSequence)) {
        const auto iop = numbers(*orientation, DCM_ImageOrientationPatient);
        if (iop.size() >= 6) {
            seg.rowDirection = Vec3{iop[0], iop[1], iop[2]}.normalized();
            seg.columnDirection = Vec3{iop[3], iop[4], iop[5]}.normalized();
        }
    }
    if (DcmItem* measures = firstItem(groups, DCM_PixelMeasuresSequence)) {
        const auto spacing = numbers(*measures, DCM_PixelSpacing);
        if (spacing.size() >= 2 && spacing[0] > 0 && spacing[1] > 0) {
            seg.rowSpacing = spacing[0];
            seg.columnSpacing = spacing[1];
        }
        if (const auto t = numbers(*measures, DCM_SliceThickness); !t.empty() && t[0] > 0)
            seg.sliceThickness = t[0];
        if (const auto s = numbers(*measures, DCM_SpacingBetweenSlices); !s.empty() && s[0] > 0)
            seg.spacingBetweenSlices = s[0];
    }
}

} // namespace

const SegmentInfo* Segmentation::segment(int number) const
{
    for (const SegmentInfo& s : segments)
        if (s.number == number)
            return &s;
    return nullptr;
}

Segmentation readSegmentation(const std::string& path)
{
    auto fail = [&path](const std::string& reason) { return std::runtime_error(path + ": " + reason); };
    const auto file = objects::loadObjectFile(path, kLargestSegmentation, kSegmentationClass, "a Segmentation", true);
    DcmDataset& ds = *file->getDataset();
    OFString syntaxUid;
    file->getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, syntaxUid);
    const std::string syntax = syntaxUid.c_str();
    if (ds.getOriginalXfer() != EXS_LittleEndianExplicit && ds.getOriginalXfer() != EXS_LittleEndianImplicit
        && ds.getOriginalXfer() != EXS_BigEndianExplicit)
        throw fail("compressed segmentations are not read yet (Transfer Syntax UID (0002,0010) " + syntax + ")");
    Segmentation seg;
    seg.path = path;
    seg.sopInstanceUid = sr::getString(ds, DCM_SOPInstanceUID);
    seg.seriesUid = sr::getString(ds, DCM_SeriesInstanceUID);
    seg.studyUid = sr::getString(ds, DCM_StudyInstanceUID);
    seg.frameOfReferenceUid = sr::getString(ds, DCM_FrameOfReferenceUID);
    seg.seriesDescription = sr::getString(ds, DCM_SeriesDescription);
    seg.manufacturer = sr::getString(ds, DCM_Manufacturer);
    const std::string type = sr::getString(ds, DCM_SegmentationType);
    if (type != "BINARY" && type != "FRACTIONAL")
        throw fail("Segmentation Type (0062,0001) is '" + type + "', not BINARY or FRACTIONAL");
    seg.fractional = type == "FRACTIONAL";
    const auto rows = unsignedOf(ds, DCM_Rows), columns = unsignedOf(ds, DCM_Columns), bits = unsignedOf(ds, DCM_BitsAllocated);
    if (!rows || !columns || *rows <= 0 || *columns <= 0)
        throw fail("Rows/Columns (0028,0010/0011) missing or zero");
    seg.rows = int(*rows);
    seg.columns = int(*columns);
    const long expectedBits = seg.fractional ? 8 : 1;
    if (!bits || *bits != expectedBits)
        throw fail("Bits Allocated (0028,0100) is " + (bits ? std::to_string(*bits) : std::string("missing")) + ", a " + type
                   + " segmentation has " + std::to_string(expectedBits));
    if (seg.fractional) {
        const auto maximum = unsignedOf(ds, DCM_MaximumFractionalValue);
        if (!maximum || *maximum <= 0 || *maximum > 255)
            throw fail("Maximum Fractional Value (0062,000E) missing or outside 1..255");
        seg.maximumFractionalValue = int(*maximum);
    }
    Sint32 frameCount = 1;
    ds.findAndGetSint32(DCM_NumberOfFrames, frameCount);
    if (frameCount < 1 || static_cast<unsigned long long>(frameCount) * unsigned(seg.rows) * unsigned(seg.columns) > kMostPixels)
        throw fail("Number of Frames (0028,0008) " + std::to_string(frameCount) + " of " + std::to_string(seg.rows) + "x"
                   + std::to_string(seg.columns) + " is implausible");
    for (DcmItem* item : itemsOf(ds, DCM_SegmentSequence)) {
        SegmentInfo info;
        const auto number = unsignedOf(*item, DCM_SegmentNumber);
        if (!number)
            throw fail("a Segment Sequence (0062,0002) item has no Segment Number (0062,0004)");
        info.number = int(*number);
        info.label = sr::getString(*item, DCM_SegmentLabel);
        if (DcmItem* property = firstItem(*item, DCM_SegmentedPropertyTypeCodeSequence))
            info.propertyType = sr::getString(*property, DCM_CodeMeaning);
        const auto l = unsignedOf(*item, DCM_RecommendedDisplayCIELabValue, 0), a = unsignedOf(*item, DCM_RecommendedDisplayCIELabValue, 1),
                   b = unsignedOf(*item, DCM_RecommendedDisplayCIELabValue, 2);
        if (l && a && b)
            info.colour = cieLabToRgb(std::uint16_t(*l), std::uint16_t(*a), std::uint16_t(*b));
        seg.segments.push_back(std::move(info));
    }
    if (seg.segments.empty())
        throw fail("Segment Sequence (0062,0002) missing or empty");
    if (DcmItem* shared = firstItem(ds, DCM_SharedFunctionalGroupsSequence))
        readGeometry(*shared, seg);
    const auto perFrame = itemsOf(ds, DCM_PerFrameFunctionalGroupsSequence);
    if (perFrame.size() != size_t(frameCount))
        throw fail("Per-frame Functional Groups Sequence (5200,9230) has " + std::to_string(perFrame.size()) + " items for "
                   + std::to_string(frameCount) + " frames");
    // The pixels: every frame's mask one after the other (1 bit per pixel, least significant
    // first, not padded between frames, for BINARY; a byte per pixel for FRACTIONAL).
    const size_t pixelsPerFrame = size_t(seg.rows) * size_t(seg.columns);
    const size_t totalPixels = pixelsPerFrame * size_t(frameCount);
    const size_t needed = seg.fractional ? totalPixels : (totalPixels + 7) / 8;
    DcmElement* pixelData = nullptr;
    Uint8* bytes = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, pixelData).bad() || !pixelData || pixelData->getUint8Array(bytes).bad() || !bytes)
        throw fail("Pixel Data (7FE0,0010) missing");
    if (pixelData->getLength() < needed)
        throw fail("Pixel Data (7FE0,0010) holds " + std::to_string(pixelData->getLength()) + " bytes, " + std::to_string(frameCount)
                   + " frames of " + std::to_string(seg.rows) + "x" + std::to_string(seg.columns) + " need " + std::to_string(needed));
    for (size_t f = 0; f < perFrame.size(); ++f) {
        DcmItem& groups = *perFrame[f];
        SegmentFrame frame;
        DcmItem* identification = firstItem(groups, DCM_SegmentIdentificationSequence);
        const auto number = identification ? unsignedOf(*identification, DCM_ReferencedSegmentNumber) : std::nullopt;
        if (!number || !seg.segment(int(*number)))
            throw fail("frame " + std::to_string(f + 1) + ": Referenced Segment Number (0062,000B) missing or not in the Segment Sequence");
        frame.segment = int(*number);
        DcmItem* position = firstItem(groups, DCM_PlanePositionSequence);
        const auto ipp = position ? numbers(*position, DCM_ImagePositionPatient) : std::vector<double>{};
        if (ipp.size() < 3)
            throw fail("frame " + std::to_string(f + 1) + ": Image Position (Patient) (0020,0032) missing from its Plane Position Sequence");
        frame.position = {ipp[0], ipp[1], ipp[2]};
        if (f == 0)
            readGeometry(groups, seg);  // some writers put orientation and spacing per frame
        frame.mask.resize(pixelsPerFrame);
        if (seg.fractional) {
            std::copy_n(bytes + f * pixelsPerFrame, pixelsPerFrame, frame.mask.begin());
        } else {
            const size_t firstBit = f * pixelsPerFrame;
            for (size_t p = 0; p < pixelsPerFrame; ++p) {
                const size_t bit = firstBit + p;
                frame.mask[p] = (bytes[bit / 8] >> (bit % 8)) & 1 ? 255 : 0;
            }
        }
        seg.frames.push_back(std::move(frame));
    }
    if (!seg.fractional)
        seg.maximumFractionalValue = 255;
    return seg;
}

double segmentFrameDepth(const Segmentation& seg)
{
    double depth = seg.spacingBetweenSlices;
    if (depth <= 0) {
        std::set<double> planes;
        for (const SegmentFrame& f : seg.frames)
            planes.insert(std::round(f.position.dot(seg.normal()) * 1000) / 1000);
        std::vector<double> steps;
        for (auto it = planes.begin(); it != planes.end() && std::next(it) != planes.end(); ++it)
            steps.push_back(*std::next(it) - *it);
        if (!steps.empty()) {
            std::nth_element(steps.begin(), steps.begin() + long(steps.size() / 2), steps.end());
            depth = steps[steps.size() / 2];
        }
    }
    if (depth <= 0)
        depth = seg.sliceThickness > 0 ? seg.sliceThickness : 1.0;
    return depth;
}

std::map<int, double> segmentVolumesMl(const Segmentation& seg)
{
    const double depth = segmentFrameDepth(seg);
    const double voxelMl = seg.rowSpacing * seg.columnSpacing * depth / 1000.0;
    std::map<int, double> volumes;
    for (const SegmentInfo& s : seg.segments)
        volumes[s.number] = 0;
    for (const SegmentFrame& f : seg.frames) {
        double inside = 0;
        for (std::uint8_t v : f.mask)
            inside += double(v) / seg.maximumFractionalValue;
        volumes[f.segment] += inside * voxelMl;
    }
    return volumes;
}

std::array<std::uint8_t, 3> cieLabToRgb(std::uint16_t l16, std::uint16_t a16, std::uint16_t b16)
{
    const double l = l16 * 100.0 / 65535.0, a = a16 * 255.0 / 65535.0 - 128.0, b = b16 * 255.0 / 65535.0 - 128.0;
    // CIELab -> XYZ (D65 white), XYZ -> linear sRGB, then the sRGB transfer curve.
    const double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
    auto inverse = [](double t) { return t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29); };
    const double x = 0.95047 * inverse(fx), y = 1.0 * inverse(fy), z = 1.08883 * inverse(fz);
    const double linear[3] = {3.2404542 * x - 1.5371385 * y - 0.4985314 * z, -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
                              0.0556434 * x - 0.2040259 * y + 1.0572252 * z};
    std::array<std::uint8_t, 3> rgb{};
    for (int i = 0; i < 3; ++i) {
        const double c = std::clamp(linear[i], 0.0, 1.0);
        const double encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
        rgb[size_t(i)] = std::uint8_t(std::lround(encoded * 255));
    }
    return rgb;
}

} // namespace hf
