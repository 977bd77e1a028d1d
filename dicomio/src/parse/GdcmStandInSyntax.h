#pragma once
// GDCM 3.0 refuses a file whose transfer syntax it does not know (HTJ2K) before reading a single
// tag, although such a data set is plain explicit VR little endian with encapsulated pixel data.
// We let GDCM read the tags by showing it, in memory, a syntax it knows that is encoded the same
// way and whose UID has the same padded length, so no offset or group length changes; the real
// UID is put back in what we report, and the pixels are decoded by our own code.
#include <string>

namespace hf {

// The stand-in for `uid`, padded to `valueLength` bytes; empty when none is needed or fits.
std::string gdcmStandInSyntax(const std::string& uid, unsigned long long valueLength);

// In a whole Part 10 file's bytes, finds the meta header's Transfer Syntax UID value: its offset
// and length, or false.
bool findMetaTransferSyntax(const std::string& bytes, unsigned long long& offset, unsigned long long& length);

// Overwrites the Transfer Syntax UID value at [offset, offset + value.size()) of `bytes`; false
// when it lies outside them.
bool overwriteSyntaxValue(std::string& bytes, unsigned long long offset, const std::string& value);

} // namespace hf
