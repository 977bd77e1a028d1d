#pragma once
// Reads a Part 10 file's header bytes, as the preflight handed them on, into element sets
// without GDCM: the syntaxes whose data set is little endian, implicit VR or explicit VR
// (uncompressed and every encapsulated syntax). Anything unusual - big endian, a deflated data
// set, a UN sequence, tags out of order, an odd length, the vendor quirks GDCM repairs, a data
// set whose look contradicts its meta header - is left to GDCM: the caller parses those with it,
// so a file gives the same headers whichever read it. GDCM builds a tree of nodes and copies of
// every value; this keeps byte ranges, which is most of why a scan is several times faster.
#include "ElementSet.h"

#include <string_view>

namespace hf {

// Fills `meta` and `dataSet` afresh. False leaves the file to GDCM (the sets are then incomplete). `stopElement`: the Pixel Data
// element of group 7FE0 the preflight found (0010, or 0008/0009 for float samples), before
// which the top level ends.
bool parsePlainHeader(std::string_view header, unsigned stopElement, ElementSet& meta, ElementSet& dataSet);

} // namespace hf
