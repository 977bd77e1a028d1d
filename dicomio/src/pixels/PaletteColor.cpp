#include "PaletteColor.h"

#include <gdcmDataSet.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hf {
namespace {

std::vector<int> unsignedShorts(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    std::vector<int> out;
    if (!ds.FindDataElement(tag))
        return out;
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv || !bv->GetPointer())
        return out;
    for (size_t i = 0; i + 1 < bv->GetLength(); i += 2) {
        std::uint16_t v;
        std::memcpy(&v, bv->GetPointer() + i, 2);
        out.push_back(v);
    }
    return out;
}

std::uint8_t entryByte(int value, int bits) { return std::uint8_t(bits == 16 ? value >> 8 : value & 0xff); }

// Segmented Palette Color LUT Data (PS3.3 C.7.9.2): discrete (0), linear (1) and indirect (2)
// segments of 16-bit words, expanded into `entries` values. Indirect segments may not nest.
std::vector<int> expandSegments(const std::vector<int>& words, size_t entries, std::string& error)
{
    std::vector<int> out;
    auto run = [&](size_t at, size_t segmentLimit, bool allowIndirect, auto& self) -> bool {
        for (size_t segment = 0; at < words.size() && segment < segmentLimit && out.size() < entries; ++segment) {
            if (at + 1 >= words.size())
                return false;
            const int opcode = words[at];
            const size_t length = size_t(words[at + 1]);
            if (opcode == 0) {  // discrete: `length` values follow
                if (at + 2 + length > words.size())
                    return false;
                out.insert(out.end(), words.begin() + long(at + 2), words.begin() + long(at + 2 + length));
                at += 2 + length;
            } else if (opcode == 1) {  // linear: from the last value to the next word over `length` entries
                if (out.empty() || at + 2 >= words.size())
                    return false;
                const double from = out.back(), to = words[at + 2];
                for (size_t i = 1; i <= length; ++i)
                    out.push_back(int(std::nearbyint(from + (to - from) * double(i) / double(length))));  // halves to even, as numpy
                at += 3;
            } else if (opcode == 2 && allowIndirect) {
                // indirect: `length` segments from an offset, counted in words as pydicom does (the
                // standard says bytes; no producer we know of writes indirect segments)
                if (at + 3 >= words.size())
                    return false;
                const size_t offset = size_t(words[at + 2]) | size_t(words[at + 3]) << 16;
                if (offset >= at || !self(offset, length, false, self))
                    return false;
                at += 4;
            } else {
                return false;
            }
        }
        return true;
    };
    if (!run(0, words.size(), true, run) || out.size() < entries) {
        error = "segmented palette colour table is malformed or gives fewer than its " + std::to_string(entries) + " entries";
        return {};
    }
    out.resize(entries);
    return out;
}

std::vector<std::uint8_t> readTable(const gdcm::DataSet& ds, int channel, int& firstMapped, std::string& error)
{
    static const char* names[] = {"Red", "Green", "Blue"};
    const gdcm::Tag descriptorTag(0x0028, std::uint16_t(0x1101 + channel));
    const gdcm::Tag dataTag(0x0028, std::uint16_t(0x1201 + channel));
    const std::string name = std::string(names[channel]) + " Palette Color Lookup Table";
    const auto descriptor = unsignedShorts(ds, descriptorTag);
    if (descriptor.size() < 3) {
        error = name + " Descriptor (0028," + std::to_string(0x1101 + channel) + ") is missing or short";
        return {};
    }
    const size_t entries = descriptor[0] == 0 ? 65536 : size_t(descriptor[0]);
    firstMapped = descriptor[1];
    const int bits = descriptor[2];
    const gdcm::Tag segmentedTag(0x0028, std::uint16_t(0x1221 + channel));
    if (ds.FindDataElement(segmentedTag)) {
        const std::vector<int> values = expandSegments(unsignedShorts(ds, segmentedTag), entries, error);
        if (!error.empty()) {
            error = "Segmented " + name + " Data: " + error;
            return {};
        }
        std::vector<std::uint8_t> table;
        for (int v : values)
            table.push_back(entryByte(v, bits));
        return table;
    }
    const gdcm::ByteValue* bv = ds.FindDataElement(dataTag) ? ds.GetDataElement(dataTag).GetByteValue() : nullptr;
    if (!bv || !bv->GetPointer()) {
        error = name + " Data is missing";
        return {};
    }
    const size_t length = bv->GetLength();
    std::vector<std::uint8_t> table(entries);
    if (bits == 16 || length >= entries * 2) {
        if (length < entries * 2) {
            error = name + " Data holds " + std::to_string(length / 2) + " entries, its descriptor says " + std::to_string(entries);
            return {};
        }
        for (size_t i = 0; i < entries; ++i) {
            std::uint16_t v;
            std::memcpy(&v, bv->GetPointer() + 2 * i, 2);
            table[i] = entryByte(v, bits);
        }
    } else {
        if (length < entries) {
            error = name + " Data holds " + std::to_string(length) + " entries, its descriptor says " + std::to_string(entries);
            return {};
        }
        std::memcpy(table.data(), bv->GetPointer(), entries);
    }
    return table;
}

} // namespace

PaletteTables readPaletteTables(const gdcm::DataSet& ds, std::string& error)
{
    PaletteTables t;
    t.segmented = ds.FindDataElement(gdcm::Tag(0x0028, 0x1221)) || ds.FindDataElement(gdcm::Tag(0x0028, 0x1222))
                  || ds.FindDataElement(gdcm::Tag(0x0028, 0x1223));
    t.red = readTable(ds, 0, t.firstMapped, error);
    if (error.empty())
        t.green = readTable(ds, 1, t.firstMapped, error);
    if (error.empty())
        t.blue = readTable(ds, 2, t.firstMapped, error);
    return t;
}

void applyPalette(const PaletteTables& t, const std::byte* indices, int bitsAllocated, size_t pixels, std::byte* rgbOut)
{
    const long last = long(std::min({t.red.size(), t.green.size(), t.blue.size()})) - 1;
    for (size_t p = 0; p < pixels; ++p) {
        long index;
        if (bitsAllocated == 8) {
            index = long(std::uint8_t(indices[p]));
        } else {
            std::uint16_t v;
            std::memcpy(&v, indices + 2 * p, 2);
            index = v;
        }
        const size_t i = size_t(std::clamp(index - t.firstMapped, 0L, std::max(0L, last)));
        rgbOut[3 * p] = std::byte(t.red[i]);
        rgbOut[3 * p + 1] = std::byte(t.green[i]);
        rgbOut[3 * p + 2] = std::byte(t.blue[i]);
    }
}

} // namespace hf
