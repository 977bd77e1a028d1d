#include "PixelValueTags.h"

#include "TagReading.h"

#include "hf/dicomio/FrameHeader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace hf {

using Tag = DicomTag;

namespace {

// A LUT Sequence item (VOI or Modality LUT). Lengths are checked: a table shorter than its
// descriptor is ignored (the window, the rescale or the data range then applies).
std::optional<VoiLut> readLutItem(const ElementSet* item, const FrameHeader& h)
{
    const Element* descriptor = item ? item->find(Tag(0x0028, 0x3002)) : nullptr;
    const Element* data = item ? item->find(Tag(0x0028, 0x3006)) : nullptr;
    if (!descriptor || !data || descriptor->length < 6 || !data->data)
        return std::nullopt;
    std::uint16_t raw[3];
    std::memcpy(raw, descriptor->data, 6);
    const size_t entries = raw[0] == 0 ? 65536 : raw[0];
    const int bits = raw[2];
    if (bits < 8 || bits > 16)
        return std::nullopt;
    VoiLut lut;
    // First Mapped is signed when the descriptor is SS (signed values).
    lut.firstMapped = descriptor->hasVr('S', 'S') || h.pixelSigned || h.rescaleIntercept < 0 ? std::int16_t(raw[1]) : raw[1];
    lut.bits = bits;
    if (data->length >= entries * 2) {
        lut.data.resize(entries);
        std::memcpy(lut.data.data(), data->data, entries * 2);
    } else if (bits == 8 && data->length >= entries) {
        lut.data.assign(reinterpret_cast<const std::uint8_t*>(data->data),
                        reinterpret_cast<const std::uint8_t*>(data->data) + entries);
    } else {
        return std::nullopt;
    }
    lut.explanation = tags::text(*item, Tag(0x0028, 0x3003));
    return lut;
}

} // namespace

void readRescale(const ElementSet& ds, FrameHeader& h)
{
    const auto slope = tags::number(ds, Tag(0x0028, 0x1053));
    if (slope && *slope != 0)
        h.rescaleSlope = *slope;
    if (auto i = tags::number(ds, Tag(0x0028, 0x1052)))
        h.rescaleIntercept = *i;
    // RT Dose (PS3.3 C.8.8.3): stored values times Dose Grid Scaling are the dose in Dose Units.
    if (auto scaling = tags::number(ds, Tag(0x3004, 0x000e)); scaling && *scaling > 0 && !slope) {
        h.rescaleSlope = *scaling;
        const std::string units = tags::text(ds, Tag(0x3004, 0x0002));
        h.valueUnits = units == "GY" ? "Gy" : units == "RELATIVE" ? "relative" : units;
    }
}

void readWindows(const ElementSet& ds, FrameHeader& h)
{
    const auto centers = tags::numbers(ds, Tag(0x0028, 0x1050));
    const auto widths = tags::numbers(ds, Tag(0x0028, 0x1051));
    const auto names = tags::texts(ds, Tag(0x0028, 0x1055));  // Window Center & Width Explanation
    if (centers.empty() || widths.empty())
        return;
    h.windows.clear();
    for (size_t i = 0; i < std::min(centers.size(), widths.size()); ++i) {
        if (widths[i] > 0)
            h.windows.push_back({centers[i], widths[i], i < names.size() ? names[i] : std::string()});
    }
}

void readVoiLut(const ElementSet& ds, FrameHeader& h)
{
    if (auto lut = readLutItem(tags::firstItem(ds, Tag(0x0028, 0x3010)), h))
        h.voiLut = std::move(*lut);
}

// Modality LUT Sequence: it replaces rescale slope and intercept (PS3.3 C.11.1: one or the other).
void readModalityLut(const ElementSet& ds, FrameHeader& h)
{
    if (auto lut = readLutItem(tags::firstItem(ds, Tag(0x0028, 0x3000)), h)) {
        h.modalityLut = std::move(*lut);
        h.rescaleSlope = 1;
        h.rescaleIntercept = 0;
    }
}

// Sequence of Ultrasound Regions (PS3.3 C.8.5.5): location in pixels, units and deltas.
void readUltrasoundRegions(const ElementSet& ds, FrameHeader& h)
{
    const Tag sequenceTag(0x0018, 0x6011);
    for (size_t n = 0; n < std::min<size_t>(tags::itemCount(ds, sequenceTag), 64); ++n) {
        const ElementSet& item = *tags::item(ds, sequenceTag, n);
        UltrasoundRegion r;
        r.minX = int(tags::unsigned32(item, Tag(0x0018, 0x6018)).value_or(0));
        r.minY = int(tags::unsigned32(item, Tag(0x0018, 0x601a)).value_or(0));
        r.maxX = int(tags::unsigned32(item, Tag(0x0018, 0x601c)).value_or(0));
        r.maxY = int(tags::unsigned32(item, Tag(0x0018, 0x601e)).value_or(0));
        r.unitsX = tags::unsigned16(item, Tag(0x0018, 0x6024)).value_or(0);
        r.unitsY = tags::unsigned16(item, Tag(0x0018, 0x6026)).value_or(0);
        r.deltaX = std::abs(tags::float64(item, Tag(0x0018, 0x602c)).value_or(0));
        r.deltaY = std::abs(tags::float64(item, Tag(0x0018, 0x602e)).value_or(0));
        r.dataType = tags::unsigned16(item, Tag(0x0018, 0x6014)).value_or(0);
        if (r.maxX >= r.minX && r.maxY >= r.minY)
            h.ultrasoundRegions.push_back(r);
    }
}

// Real World Value Mapping (PS3.3 C.7.6.16.2.11), the first item with a linear mapping.
void readRealWorldMapping(const ElementSet& ds, FrameHeader& h)
{
    const ElementSet* item = tags::firstItem(ds, Tag(0x0040, 0x9096));
    if (!item)
        return;
    const auto slope = tags::float64(*item, Tag(0x0040, 0x9225));
    if (!slope || *slope == 0)
        return;
    h.hasRealWorldMapping = true;
    h.realWorldSlope = *slope;
    h.realWorldIntercept = tags::float64(*item, Tag(0x0040, 0x9224)).value_or(0);
    if (const ElementSet* units = tags::firstItem(*item, Tag(0x0040, 0x08ea)))
        h.realWorldUnits = tags::text(*units, Tag(0x0008, 0x0100));
}

} // namespace hf
