#pragma once
// Palette colour lookup tables (PS3.3 C.7.6.3.1.5), read and applied with every index and
// length checked: indices outside a table take its nearest entry.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gdcm { class DataSet; }

namespace hf {

struct PaletteTables {
    int firstMapped = 0;
    std::vector<std::uint8_t> red, green, blue;  // 8 bits an entry (the high byte of 16-bit tables)
    bool segmented = false;  // expanded from Segmented ... Palette Color Lookup Table Data
};

// Reads the red, green and blue tables; sets error (naming the attribute) when they are
// missing, shorter than their descriptors say, or segmented (PS3.3 C.7.9.2) and malformed.
PaletteTables readPaletteTables(const gdcm::DataSet& ds, std::string& error);

void applyPalette(const PaletteTables& tables, const std::byte* indices, int bitsAllocated, size_t pixels,
                  std::byte* rgbOut);

} // namespace hf
