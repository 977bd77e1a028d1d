#pragma once
// Scans one file's header with GDCM: the files the plain parse leaves (big endian, deflated,
// no meta header, vendor quirks, syntaxes GDCM knows only by a stand-in). Errors name the file.
#include "HeaderPreflight.h"

#include <string>

namespace hf {

struct ScanResult;

void scanHeaderWithGdcm(const std::string& path, HeaderStructure& structure, ScanResult& result);

} // namespace hf
