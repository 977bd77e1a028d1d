#pragma once
// Byte-level surgery on valid DICOM files, to make the hostile inputs a parser must survive.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hf::test {

std::string readBytes(const std::filesystem::path& path);
void writeBytes(const std::filesystem::path& path, const std::string& bytes);

// Offset of an explicit-VR little-endian element header (tag bytes) after `from`, or npos.
size_t findElement(const std::string& bytes, std::uint16_t group, std::uint16_t element, size_t from = 132);
// Overwrites a little-endian integer at offset.
void poke16(std::string& bytes, size_t offset, std::uint16_t value);
void poke32(std::string& bytes, size_t offset, std::uint32_t value);

struct MalformedFile {
    std::string name;
    std::string bytes;
};

// Variants of `explicitFile` (explicit VR little endian, native pixels) and `encapsulatedFile`
// (any compressed syntax): truncations, lengths past the end, undefined lengths without
// delimiters, 0xFFFFFFFF fragment lengths, huge Rows x Columns x Frames, missing Bits Stored,
// a PE header in the preamble.
std::vector<MalformedFile> malformedVariants(const std::string& explicitFile, const std::string& encapsulatedFile);

} // namespace hf::test
