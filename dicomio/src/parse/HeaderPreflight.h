#pragma once
// First tells DICOM from anything else after 132 bytes (a 100 MB video is rejected at once).
// Then walks a file's element structure (tags, VRs, lengths, nested sequences) up to Pixel Data
// without allocating anything, and reports the first length or VR that cannot be right. GDCM
// trusts declared lengths and allocates them, so a 2 kB file claiming a 4 GB element would
// otherwise cost gigabytes before it fails. Deflated data sets are not walked.
#include <string>

namespace hf {

struct HeaderStructure {
    bool notDicom = false;             // no DICM prefix and no plausible raw data set: error says which
    std::string error;                 // empty when the structure is sound, else the reason (with the byte offset)
    unsigned long long pixelDataOffset = 0;  // where the top-level Pixel Data value starts (0: none, or deflated)
    unsigned long long pixelDataLength = 0;  // as declared (0xFFFFFFFF: encapsulated)
    unsigned pixelDataElement = 0x0010;      // of group 7FE0: 0010 Pixel Data, 0008 Float, 0009 Double Float
    unsigned long long fileSize = 0;
    // The meta header's Transfer Syntax UID (padding removed), and where its value lies (offset 0:
    // no meta header).
    std::string transferSyntax;
    unsigned long long transferSyntaxOffset = 0, transferSyntaxLength = 0;
    // The file's first bytes, through the whole header (up to Pixel Data's value, or the end of a
    // file without one), when they fit in the read window: the tag parse then reads them from
    // memory instead of opening the file again. Empty when the header is larger or deflated.
    std::string header;
};

HeaderStructure checkHeaderStructure(const std::string& path);

} // namespace hf
