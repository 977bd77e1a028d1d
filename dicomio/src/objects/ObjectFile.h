#pragma once
// Reading another producer's object (RT structure set, segmentation...) with DCMTK, safely: the
// bounds-checked walk first (HeaderPreflight), a size limit, then DCMTK, then its SOP class.
// Sequence helpers for walking what was read. Internal to dicomio.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <memory>
#include <string>
#include <vector>

namespace hf::objects {

// Throws std::runtime_error "PATH: reason" (not DICOM, malformed, larger than `largest` bytes,
// unreadable, or not of `sopClassUid` (a family when it ends with '.'), which the message calls `what`). The walk stops at Pixel
// Data: an object that may hold it (withPixelData) must end with its uncompressed value, so that
// DCMTK reads nothing the walk has not checked; any other is refused if it holds Pixel Data.
std::unique_ptr<DcmFileFormat> loadObjectFile(const std::string& path, unsigned long long largest, const char* sopClassUid,
                                              const std::string& what, bool withPixelData = false);

std::vector<DcmItem*> itemsOf(DcmItem& parent, const DcmTagKey& sequence);
DcmItem* firstItem(DcmItem& parent, const DcmTagKey& sequence);  // nullptr when absent or empty

} // namespace hf::objects
