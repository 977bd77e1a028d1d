#pragma once
// What one file's parsed elements say, added to a ScanResult: the files a DICOMDIR lists, or
// the file's frames (or its object header) with what the preflight learned of its layout.
// Shared by the plain parse and the GDCM one, so both give the same headers. `syntaxFromPreflight`:
// the frames take the preflight's transfer syntax, not the meta header's (GDCM was handed a
// stand-in for one it does not know).
#include "ElementSet.h"
#include "HeaderPreflight.h"

#include <string>

namespace hf {

struct ScanResult;

void interpretHeader(const std::string& path, const HeaderStructure& structure, const ElementSet& meta,
                     const ElementSet& dataSet, bool syntaxFromPreflight, ScanResult& result);

} // namespace hf
