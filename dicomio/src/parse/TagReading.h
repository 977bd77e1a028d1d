#pragma once
// Bounds-checked readers for tag values in an ElementSet. Hostile files carry empty, short or
// oversized values; every reader here returns a default instead of trusting the length.
#include "ElementSet.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hf::tags {

// String value with trailing spaces and NULs removed; empty when absent.
std::string text(const ElementSet& ds, DicomTag tag);
// The backslash-separated values of a multi-valued string.
std::vector<std::string> texts(const ElementSet& ds, DicomTag tag);
// The backslash-separated numbers of a DS or IS value; unparsable entries are dropped.
std::vector<double> numbers(const ElementSet& ds, DicomTag tag);
std::optional<double> number(const ElementSet& ds, DicomTag tag);
// A binary FD (64-bit float, little endian) value's first number.
std::optional<double> float64(const ElementSet& ds, DicomTag tag);
// A US/SS value (little endian: both makers of an ElementSet give host byte order).
std::optional<int> unsigned16(const ElementSet& ds, DicomTag tag);
// A UL value, the same way.
std::optional<std::uint32_t> unsigned32(const ElementSet& ds, DicomTag tag);
// The value's bytes; empty when absent or empty.
std::string_view bytes(const ElementSet& ds, DicomTag tag);
// First item of a sequence, or nullptr when absent or empty.
const ElementSet* firstItem(const ElementSet& ds, DicomTag sequence);
// Item index (0-based) of a sequence, or nullptr.
const ElementSet* item(const ElementSet& ds, DicomTag sequence, size_t index);
size_t itemCount(const ElementSet& ds, DicomTag sequence);

} // namespace hf::tags
