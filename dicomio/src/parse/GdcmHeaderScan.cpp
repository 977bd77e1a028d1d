#include "GdcmHeaderScan.h"

#include "GdcmElements.h"
#include "GdcmStandInSyntax.h"
#include "HeaderInterpretation.h"
#include "MemoryStreamBuf.h"

#include "hf/dicomio/HeaderScanner.h"

#include <gdcmReader.h>

#include <memory>

namespace hf {

void scanHeaderWithGdcm(const std::string& path, HeaderStructure& structure, ScanResult& result)
{
    const std::string standIn = gdcmStandInSyntax(structure.transferSyntax, structure.transferSyntaxLength);
    if (!standIn.empty() && !overwriteSyntaxValue(structure.header, structure.transferSyntaxOffset, standIn)) {
        result.errors.push_back({path, "transfer syntax " + structure.transferSyntax
                                           + ": the header is too large to be read without GDCM knowing this syntax"});
        return;
    }
    try {
        // Stop at Pixel Data without reading its value: scanning reads headers only. GDCM cannot
        // skip inside a deflated stream, so those files are read whole on a second try.
        const gdcm::Tag pixelData(0x7fe0, std::uint16_t(structure.pixelDataElement));
        auto reader = std::make_unique<gdcm::Reader>();
        MemoryStreamBuf headerBuffer(structure.header);
        std::istream headerStream(&headerBuffer);
        if (structure.header.empty())
            reader->SetFileName(path.c_str());
        else
            reader->SetStream(headerStream);  // the bytes the preflight already read
        bool read = reader->ReadUpToTag(pixelData, {pixelData});
        if (!read && reader->GetFile().GetHeader().GetDataSetTransferSyntax() == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian) {
            reader = std::make_unique<gdcm::Reader>();
            reader->SetFileName(path.c_str());
            read = reader->ReadUpToTag(pixelData);
        }
        if (!read) {
            result.errors.push_back({path, "unreadable DICOM header (GDCM could not parse the tags)"});
            return;
        }
        const gdcm::File& file = reader->GetFile();
        interpretHeader(path, structure, elementsOf(file.GetHeader()), elementsOf(file.GetDataSet()), !standIn.empty(), result);
    } catch (const std::exception& e) {
        result.errors.push_back({path, std::string("unreadable DICOM header: ") + e.what()});
    } catch (...) {
        result.errors.push_back({path, "unreadable DICOM header"});
    }
}

void HeaderScanner::prepareGdcm()
{
    // Linked: GDCM built its dictionaries when its library loaded.
}

void HeaderScanner::scanFileWithGdcm(const std::string& path, ScanResult& result)
{
    HeaderStructure structure = checkHeaderStructure(path);
    if (structure.notDicom)
        result.errors.push_back({path, structure.error});
    else if (!structure.error.empty())
        result.errors.push_back({path, "malformed DICOM header: " + structure.error});
    else
        scanHeaderWithGdcm(path, structure, result);
}

} // namespace hf
