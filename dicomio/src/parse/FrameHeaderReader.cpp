#include "FrameHeaderReader.h"

#include "PixelValueTags.h"
#include "TagReading.h"
#include "TextDecoder.h"

#include "hf/dicomio/SopClasses.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>

namespace hf {
namespace {

using Tag = DicomTag;

// Frame counts above this are treated as corrupt: 100k frames of even 8x8 pixels is no real object.
constexpr int kMaxFrames = 100000;

// Old ACR-NEMA style dates (YYYY.MM.DD) become DICOM's YYYYMMDD, so they sort and filter.
std::string normalisedDate(std::string date)
{
    if (date.size() == 10 && date[4] == '.' && date[7] == '.')
        date = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
    return date;
}

Photometric photometricFromName(const std::string& name)
{
    if (name == "MONOCHROME1") return Photometric::Monochrome1;
    if (name == "MONOCHROME2") return Photometric::Monochrome2;
    if (name == "RGB") return Photometric::Rgb;
    if (name == "YBR_FULL") return Photometric::YbrFull;
    if (name == "YBR_FULL_422") return Photometric::YbrFull422;
    if (name == "PALETTE COLOR") return Photometric::Palette;
    // JPEG 2000's component transforms: decoders undo them, so the samples come out RGB.
    if (name == "YBR_RCT" || name == "YBR_ICT") return Photometric::Rgb;
    return Photometric::Other;
}

void readPlane(const ElementSet& ds, FrameHeader& h)
{
    const auto ipp = tags::numbers(ds, Tag(0x0020, 0x0032));
    if (ipp.size() >= 3) {
        h.position = {ipp[0], ipp[1], ipp[2]};
        h.hasPosition = true;
    }
    const auto iop = tags::numbers(ds, Tag(0x0020, 0x0037));
    if (iop.size() >= 6) {
        Vec3 r{iop[0], iop[1], iop[2]}, c{iop[3], iop[4], iop[5]};
        if (r.norm() > 0.5 && c.norm() > 0.5) {
            h.rowDirection = r.normalized();
            h.columnDirection = c.normalized();
        }
    }
}

void readSpacing(const ElementSet& ds, FrameHeader& h)
{
    auto ps = tags::numbers(ds, Tag(0x0028, 0x0030));
    if (ps.size() < 2) {
        ps = tags::numbers(ds, Tag(0x0018, 0x1164));  // Imager Pixel Spacing (projection images)
        h.spacingFromImager = ps.size() >= 2;
    }
    if (ps.size() >= 2 && ps[0] > 0 && ps[1] > 0) {
        h.rowSpacing = ps[0];
        h.columnSpacing = ps[1];
        h.hasPixelSpacing = true;
    }
    if (auto t = tags::number(ds, Tag(0x0018, 0x0050)))
        h.sliceThickness = *t;
    if (auto s = tags::number(ds, Tag(0x0018, 0x0088)))
        h.spacingBetweenSlices = *s;
}

// What SUV needs of a PET image (only when it has Units (0054,1001)).
void readPetSuvTags(const ElementSet& ds, PetSuvTags& p)
{
    p.units = tags::text(ds, Tag(0x0054, 0x1001));
    if (p.units.empty())
        return;
    p.decayCorrection = tags::text(ds, Tag(0x0054, 0x1102));
    p.correctedImage = tags::text(ds, Tag(0x0028, 0x0051));
    p.seriesDate = tags::text(ds, Tag(0x0008, 0x0021));
    p.seriesTime = tags::text(ds, Tag(0x0008, 0x0031));
    p.acquisitionDate = tags::text(ds, Tag(0x0008, 0x0022));
    p.patientWeightKg = tags::number(ds, Tag(0x0010, 0x1030)).value_or(0);
    p.patientSizeM = tags::number(ds, Tag(0x0010, 0x1020)).value_or(0);
    if (const ElementSet* drug = tags::firstItem(ds, Tag(0x0054, 0x0016))) {
        p.injectedDoseBq = tags::number(*drug, Tag(0x0018, 0x1074)).value_or(0);
        p.halfLifeS = tags::number(*drug, Tag(0x0018, 0x1075)).value_or(0);
        p.injectionTime = tags::text(*drug, Tag(0x0018, 0x1072));
        p.injectionDateTime = tags::text(*drug, Tag(0x0018, 0x1078));
    }
    if (tags::text(ds, Tag(0x7053, 0x0010)).find("Philips PET Private Group") != std::string::npos) {
        p.philipsSuvFactor = tags::number(ds, Tag(0x7053, 0x1000)).value_or(0);
        p.philipsActivityScale = tags::number(ds, Tag(0x7053, 0x1009)).value_or(0);
    }
}

// Overlay planes whose bits are in Overlay Data (groups 6000-601E). Sizes are checked: a plane
// whose data is shorter than its rows x columns x frames bits is left out. A plane without
// Overlay Data whose Overlay Bits Allocated is the image's and whose Bit Position lies above the
// pixel values' High Bit lives in the pixel data (retired form): kept with pixelDataBit set, for
// the scanner to fill from the pixel data.
void readOverlays(const ElementSet& ds, FrameHeader& h)
{
    constexpr unsigned long long kMostBits = 1ull << 31;
    for (std::uint16_t group = 0x6000; group <= 0x601E; group += 2) {
        const Tag dataTag(group, 0x3000);
        const auto rows = tags::unsigned16(ds, Tag(group, 0x0010)), columns = tags::unsigned16(ds, Tag(group, 0x0011));
        if (!rows || !columns || *rows <= 0 || *columns <= 0)
            continue;
        const int bitsAllocated = tags::unsigned16(ds, Tag(group, 0x0100)).value_or(1);
        const int bitPosition = tags::unsigned16(ds, Tag(group, 0x0102)).value_or(0);
        const Element* dataElement = ds.find(dataTag);
        const bool inOverlayData = dataElement && dataElement->data && bitsAllocated == 1 && bitPosition == 0;
        const bool inPixelData = !dataElement && bitsAllocated > 1 && bitsAllocated == h.bitsAllocated
                                 && bitPosition > h.highBit && bitPosition < bitsAllocated && *rows == h.rows && *columns == h.columns;
        if (!inOverlayData && !inPixelData)
            continue;
        ImageOverlay o;
        o.group = group;
        o.rows = *rows;
        o.columns = *columns;
        o.frames = int(tags::number(ds, Tag(group, 0x0015)).value_or(1));
        o.firstFrame = tags::unsigned16(ds, Tag(group, 0x0051)).value_or(1);
        const unsigned long long bits = (unsigned long long)o.rows * unsigned(o.columns) * (unsigned long long)std::max(o.frames, 0);
        if (o.frames < 1 || bits > kMostBits || (inOverlayData && dataElement->length < (bits + 7) / 8))
            continue;
        if (const std::string_view origin = tags::bytes(ds, Tag(group, 0x0050)); origin.size() >= 4) {
            std::int16_t rc[2];  // Overlay Origin: SS row\column, 1-based
            std::memcpy(rc, origin.data(), 4);
            o.originRow = rc[0];
            o.originColumn = rc[1];
        }
        o.type = tags::text(ds, Tag(group, 0x0040));
        o.description = tags::text(ds, Tag(group, 0x0022));
        if (inOverlayData)
            o.bits.assign(reinterpret_cast<const std::uint8_t*>(dataElement->data),
                          reinterpret_cast<const std::uint8_t*>(dataElement->data) + (bits + 7) / 8);
        else
            o.pixelDataBit = bitPosition;
        h.overlays.push_back(std::move(o));
    }
}

// The image's own Display Shutter module.
void readShutter(const ElementSet& ds, FrameHeader& h)
{
    DisplayShutter& s = h.shutter;
    for (const std::string& shape : tags::texts(ds, Tag(0x0018, 0x1600))) {
        s.rectangular = s.rectangular || shape == "RECTANGULAR";
        s.circular = s.circular || shape == "CIRCULAR";
        s.polygonal = s.polygonal || shape == "POLYGONAL";
    }
    if (s.rectangular) {
        s.left = int(tags::number(ds, Tag(0x0018, 0x1602)).value_or(1));
        s.right = int(tags::number(ds, Tag(0x0018, 0x1604)).value_or(h.columns));
        s.upper = int(tags::number(ds, Tag(0x0018, 0x1606)).value_or(1));
        s.lower = int(tags::number(ds, Tag(0x0018, 0x1608)).value_or(h.rows));
    }
    if (s.circular) {
        const auto centre = tags::numbers(ds, Tag(0x0018, 0x1610));
        const auto radius = tags::number(ds, Tag(0x0018, 0x1612));
        s.circular = centre.size() >= 2 && radius && *radius > 0;  // a circle without its numbers is ignored
        if (s.circular) {
            s.centreRow = int(centre[0]);
            s.centreColumn = int(centre[1]);
            s.radius = int(*radius);
        }
    }
    if (s.polygonal) {
        for (double v : tags::numbers(ds, Tag(0x0018, 0x1620)))
            s.vertices.push_back(int(v));
        s.polygonal = s.vertices.size() >= 6 && s.vertices.size() % 2 == 0;
        if (!s.polygonal)
            s.vertices.clear();
    }
    s.presentationValue = tags::unsigned16(ds, Tag(0x0018, 0x1622)).value_or(0);
}

} // namespace

bool FrameHeader::isLocalizer() const
{
    return imageType.find("LOCALIZER") != std::string::npos;
}

FrameHeaderReader::FrameHeaderReader(std::string path, const ElementSet& meta, const ElementSet& dataSet)
    : m_path(std::move(path))
    , m_meta(meta)
    , m_dataSet(dataSet)
{
}

void FrameHeaderReader::readIdentity(FrameHeader& h) const
{
    const ElementSet& ds = m_dataSet;
    h.path = m_path;
    h.transferSyntax = tags::text(m_meta, Tag(0x0002, 0x0010));
    if (h.transferSyntax.empty())
        h.transferSyntax = "1.2.840.10008.1.2";  // no meta header: Part 5 says implicit VR little endian
    h.sopClassUid = tags::text(ds, Tag(0x0008, 0x0016));
    h.sopInstanceUid = tags::text(ds, Tag(0x0008, 0x0018));
    h.imageType = tags::text(ds, Tag(0x0008, 0x0008));
    h.modality = tags::text(ds, Tag(0x0008, 0x0060));
    // Names and descriptions come in the file's character set; everything we keep is UTF-8.
    const auto charsets = tags::texts(ds, Tag(0x0008, 0x0005));
    const auto textOf = [&](const Tag& tag) { return decodeDicomText(tags::text(ds, tag), charsets); };
    h.patientName = textOf(Tag(0x0010, 0x0010));
    // Empty trailing name groups and components carry nothing ("Wang^XiaoDong=王^小東=").
    while (!h.patientName.empty() && (h.patientName.back() == '=' || h.patientName.back() == '^'))
        h.patientName.pop_back();
    h.patientId = textOf(Tag(0x0010, 0x0020));
    h.issuerOfPatientId = textOf(Tag(0x0010, 0x0021));
    h.patientBirthDate = normalisedDate(tags::text(ds, Tag(0x0010, 0x0030)));
    h.patientSex = tags::text(ds, Tag(0x0010, 0x0040));
    h.studyUid = tags::text(ds, Tag(0x0020, 0x000d));
    h.studyDate = normalisedDate(tags::text(ds, Tag(0x0008, 0x0020)));
    h.studyTime = tags::text(ds, Tag(0x0008, 0x0030));
    h.studyTime.erase(std::remove(h.studyTime.begin(), h.studyTime.end(), ':'), h.studyTime.end());  // ACR-NEMA HH:MM:SS
    h.studyDescription = textOf(Tag(0x0008, 0x1030));
    h.accessionNumber = textOf(Tag(0x0008, 0x0050));
    h.seriesUid = tags::text(ds, Tag(0x0020, 0x000e));
    h.seriesDescription = textOf(Tag(0x0008, 0x103e));
    h.seriesNumber = int(tags::number(ds, Tag(0x0020, 0x0011)).value_or(0));
    h.instanceNumber = int(tags::number(ds, Tag(0x0020, 0x0013)).value_or(0));
    h.acquisitionNumber = int(tags::number(ds, Tag(0x0020, 0x0012)).value_or(0));
    h.temporalPosition = int(tags::number(ds, Tag(0x0020, 0x0100)).value_or(0));
    h.echoTime = tags::number(ds, Tag(0x0018, 0x0081)).value_or(0);
    h.acquisitionTime = tags::text(ds, Tag(0x0008, 0x0032));
    h.bodyPart = tags::text(ds, Tag(0x0018, 0x0015));
    std::transform(h.bodyPart.begin(), h.bodyPart.end(), h.bodyPart.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    h.contrastAgent = textOf(Tag(0x0018, 0x0010));
    h.laterality = tags::text(ds, Tag(0x0020, 0x0062));  // Image Laterality, else the series' Laterality
    if (h.laterality.empty())
        h.laterality = tags::text(ds, Tag(0x0020, 0x0060));
    h.viewPosition = tags::text(ds, Tag(0x0018, 0x5101));
    h.patientOrientation = tags::text(ds, Tag(0x0020, 0x0020));
    if (auto trigger = tags::number(ds, Tag(0x0018, 0x1060))) {
        h.hasTriggerTime = true;
        h.triggerTime = *trigger;
    }
    // Diffusion b-value: the standard attribute, else Siemens' private one (classic DWI).
    std::optional<double> b = tags::float64(ds, Tag(0x0018, 0x9087));
    if (!b && tags::text(ds, Tag(0x0019, 0x0010)).find("SIEMENS") != std::string::npos)
        b = tags::number(ds, Tag(0x0019, 0x100c));
    if (b) {
        h.hasBValue = true;
        h.bValue = *b;
    }
    h.frameOfReferenceUid = tags::text(ds, Tag(0x0020, 0x0052));
    h.gantryTilt = tags::number(ds, Tag(0x0018, 0x1120)).value_or(0);
    readPetSuvTags(ds, h.pet);
}

bool FrameHeaderReader::hasImagePixelModule() const
{
    // Any of these says the file means to be an image: one missing the rest is a broken image
    // (an error), not an object.
    const ElementSet& ds = m_dataSet;
    for (const Tag& tag : {Tag(0x0028, 0x0010), Tag(0x0028, 0x0011), Tag(0x0028, 0x0100), Tag(0x0028, 0x0004)})
        if (const Element* e = ds.find(tag); e && !e->empty())
            return true;
    return false;
}

bool FrameHeaderReader::readImage(FrameHeader& h, std::string& error) const
{
    const ElementSet& ds = m_dataSet;
    const auto rows = tags::unsigned16(ds, Tag(0x0028, 0x0010));
    const auto cols = tags::unsigned16(ds, Tag(0x0028, 0x0011));
    if (!rows || !cols || *rows == 0 || *cols == 0) {
        error = "no image: Rows/Columns (0028,0010/0011) missing or zero";
        return false;
    }
    h.rows = *rows;
    h.columns = *cols;
    h.samplesPerPixel = tags::unsigned16(ds, Tag(0x0028, 0x0002)).value_or(1);
    h.bitsAllocated = tags::unsigned16(ds, Tag(0x0028, 0x0100)).value_or(0);
    h.bitsStored = tags::unsigned16(ds, Tag(0x0028, 0x0101)).value_or(h.bitsAllocated);
    h.highBit = tags::unsigned16(ds, Tag(0x0028, 0x0102)).value_or(h.bitsStored - 1);
    h.pixelSigned = tags::unsigned16(ds, Tag(0x0028, 0x0103)).value_or(0) == 1;
    h.planarConfiguration = tags::unsigned16(ds, Tag(0x0028, 0x0006)).value_or(0);
    h.photometricName = tags::text(ds, Tag(0x0028, 0x0004));
    h.photometric = photometricFromName(h.photometricName);
    if (h.bitsAllocated != 1 && h.bitsAllocated != 8 && h.bitsAllocated != 16 && h.bitsAllocated != 32
        && h.bitsAllocated != 64) {  // 64: Double Float Pixel Data (the loader refuses 64-bit integers by name)
        error = "unsupported Bits Allocated (0028,0100) = " + std::to_string(h.bitsAllocated);
        return false;
    }
    if (h.samplesPerPixel != 1 && h.samplesPerPixel != 3) {
        error = "unsupported Samples per Pixel (0028,0002) = " + std::to_string(h.samplesPerPixel);
        return false;
    }
    if (h.bitsStored <= 0 || h.bitsStored > h.bitsAllocated)
        h.bitsStored = h.bitsAllocated;
    const auto frames = tags::number(ds, Tag(0x0028, 0x0008)).value_or(1);
    if (frames < 1 || frames > kMaxFrames) {
        error = "implausible Number of Frames (0028,0008) = " + std::to_string(frames);
        return false;
    }
    h.framesInFile = int(frames);
    readPlane(ds, h);
    readSpacing(ds, h);
    readRescale(ds, h);
    readWindows(ds, h);
    readVoiLut(ds, h);
    readModalityLut(ds, h);
    readRealWorldMapping(ds, h);
    readUltrasoundRegions(ds, h);
    readOverlays(ds, h);
    readShutter(ds, h);
    return true;
}

void FrameHeaderReader::applyFunctionalGroups(const ElementSet& groups, FrameHeader& h) const
{
    if (auto* plane = tags::firstItem(groups, Tag(0x0020, 0x9113)))  // Plane Position Sequence
        readPlane(*plane, h);
    if (auto* orient = tags::firstItem(groups, Tag(0x0020, 0x9116)))  // Plane Orientation Sequence
        readPlane(*orient, h);
    if (auto* measures = tags::firstItem(groups, Tag(0x0028, 0x9110)))  // Pixel Measures Sequence
        readSpacing(*measures, h);
    if (auto* rescale = tags::firstItem(groups, Tag(0x0028, 0x9145)))  // Pixel Value Transformation
        readRescale(*rescale, h);
    if (auto* voi = tags::firstItem(groups, Tag(0x0028, 0x9132)))  // Frame VOI LUT Sequence
        readWindows(*voi, h);
    // MR / CT Image Frame Type: magnitude and phase (or field map) frames never share a volume.
    for (const Tag& typeSequence : {Tag(0x0018, 0x9226), Tag(0x0018, 0x9329)})
        if (auto* frameType = tags::firstItem(groups, typeSequence))
            h.frameType = tags::text(*frameType, Tag(0x0008, 0x9007)) + "/" + tags::text(*frameType, Tag(0x0008, 0x9208));
    if (auto* echo = tags::firstItem(groups, Tag(0x0018, 0x9114)))  // MR Echo Sequence
        if (auto te = tags::float64(*echo, Tag(0x0018, 0x9082)))      // Effective Echo Time
            h.echoTime = *te;
    if (auto* diffusion = tags::firstItem(groups, Tag(0x0018, 0x9117)))  // MR Diffusion Sequence
        if (auto b = tags::float64(*diffusion, Tag(0x0018, 0x9087))) {
            h.hasBValue = true;
            h.bValue = *b;
        }
    if (auto* cardiac = tags::firstItem(groups, Tag(0x0018, 0x9118)))  // Cardiac Synchronization Sequence
        if (auto delay = tags::float64(*cardiac, Tag(0x0020, 0x9153))) {  // Nominal Cardiac Trigger Delay Time
            h.hasTriggerTime = true;
            h.triggerTime = *delay;
        }
    if (auto* content = tags::firstItem(groups, Tag(0x0020, 0x9111))) {  // Frame Content Sequence
        if (auto t = tags::number(*content, Tag(0x0020, 0x9128)))  // Temporal Position Index
            h.temporalPosition = int(*t);
        // Frame Acquisition DateTime (YYYYMMDDHHMMSS.FFFFFF): its time part, as Acquisition Time.
        if (const std::string at = tags::text(*content, Tag(0x0018, 0x9074)); at.size() >= 14)
            h.acquisitionTime = at.substr(8);
    }
}

void FrameHeaderReader::appendTo(std::vector<FrameHeader>& frames, std::vector<FrameHeader>& objects,
                                 std::vector<FileError>& errors) const
{
    FrameHeader common;
    readIdentity(common);
    // No image to stack (an SR, a presentation state, a segmentation...): kept as an object,
    // provided it says what it is and where it belongs.
    const bool pixelModule = hasImagePixelModule();
    if (!pixelModule && isImageStorageClass(common.sopClassUid)) {
        errors.push_back({m_path, "no image: an image storage class (" + common.sopClassUid
                                      + ") without Rows/Columns (0028,0010/0011), Bits Allocated or Photometric Interpretation"});
        return;
    }
    if (isNonImageClass(common.sopClassUid) || !pixelModule) {
        std::string missing;
        for (const auto& [value, what] : {std::pair{&common.sopClassUid, "SOP Class UID (0008,0016)"},
                                          std::pair{&common.studyUid, "Study Instance UID (0020,000D)"},
                                          std::pair{&common.seriesUid, "Series Instance UID (0020,000E)"}})
            if (value->empty())
                missing += std::string(missing.empty() ? "" : ", ") + what;
        if (!missing.empty()) {
            errors.push_back({m_path, "no image (no Image Pixel module) and no " + missing});
            return;
        }
        common.framesInFile = 0;
        common.rows = common.columns = 0;
        objects.push_back(std::move(common));
        return;
    }
    std::string error;
    if (!readImage(common, error)) {
        errors.push_back({m_path, error});
        return;
    }
    const ElementSet& ds = m_dataSet;
    const ElementSet* shared = tags::firstItem(ds, Tag(0x5200, 0x9229));
    const size_t perFrameItems = tags::itemCount(ds, Tag(0x5200, 0x9230));
    if (shared)
        applyFunctionalGroups(*shared, common);
    // RT Dose (and some NM) multi-frames place frame f at Grid Frame Offset Vector[f] along the normal.
    const auto gridOffsets = tags::numbers(ds, Tag(0x3004, 0x000c));
    const bool useGridOffsets = !perFrameItems && common.hasPosition && common.framesInFile > 1
                                && gridOffsets.size() >= size_t(common.framesInFile);
    for (int f = 0; f < common.framesInFile; ++f) {
        FrameHeader h = common;
        h.frameIndex = f;
        if (size_t(f) < perFrameItems)
            applyFunctionalGroups(*tags::item(ds, Tag(0x5200, 0x9230), size_t(f)), h);
        else if (useGridOffsets)
            h.position = common.position + common.normal() * gridOffsets[size_t(f)];
        frames.push_back(std::move(h));
    }
}

} // namespace hf
