#pragma once
// Bounds-checked readers for tag values in a gdcm::DataSet. Hostile files carry empty, short or
// oversized values; every reader here returns a default instead of trusting the length.
#include <gdcmDataSet.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hf::tags {

// String value with trailing spaces and NULs removed; empty when absent.
std::string text(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// The backslash-separated values of a multi-valued string.
std::vector<std::string> texts(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// The backslash-separated numbers of a DS or IS value; unparsable entries are dropped.
std::vector<double> numbers(const gdcm::DataSet& ds, const gdcm::Tag& tag);
std::optional<double> number(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// A binary FD (64-bit float, little endian) value's first number.
std::optional<double> float64(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// A US/SS value (already in host byte order: GDCM swaps on read).
std::optional<int> unsigned16(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// A UL value, the same way.
std::optional<std::uint32_t> unsigned32(const gdcm::DataSet& ds, const gdcm::Tag& tag);
// First item of a sequence, or nullptr when absent or empty.
const gdcm::DataSet* firstItem(const gdcm::DataSet& ds, const gdcm::Tag& sequence);
// Item index (0-based) of a sequence, or nullptr.
const gdcm::DataSet* item(const gdcm::DataSet& ds, const gdcm::Tag& sequence, size_t index);
size_t itemCount(const gdcm::DataSet& ds, const gdcm::Tag& sequence);

} // namespace hf::tags
