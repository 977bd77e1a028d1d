#pragma once
// Lists the files a DICOMDIR refers to (Referenced File ID of its directory records), resolved
// against the DICOMDIR's folder; CD file names are matched regardless of case.
#include "ElementSet.h"
#include "hf/dicomio/FrameHeader.h"

#include <string>
#include <vector>

namespace hf {

bool isDicomDir(const ElementSet& meta);
std::vector<std::string> referencedFiles(const std::string& dicomDirPath, const ElementSet& dataSet,
                                         std::vector<FileError>& errors);

} // namespace hf
