#pragma once
// Lists the files a DICOMDIR refers to (Referenced File ID of its directory records), resolved
// against the DICOMDIR's folder; CD file names are matched regardless of case.
#include "hf/dicomio/FrameHeader.h"

#include <string>
#include <vector>

namespace gdcm { class File; }

namespace hf {

bool isDicomDir(const gdcm::File& file);
std::vector<std::string> referencedFiles(const std::string& dicomDirPath, const gdcm::File& file,
                                         std::vector<FileError>& errors);

} // namespace hf
