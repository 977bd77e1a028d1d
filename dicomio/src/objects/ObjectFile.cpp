#include "ObjectFile.h"

#include "HeaderPreflight.h"
#include "SrContent.h"
#include "hf/dicomio/DcmtkSettings.h"

#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <stdexcept>

namespace hf::objects {

std::unique_ptr<DcmFileFormat> loadObjectFile(const std::string& path, unsigned long long largest, const char* sopClassUid,
                                              const std::string& what, bool withPixelData)
{
    const HeaderStructure structure = checkHeaderStructure(path);
    if (structure.notDicom || !structure.error.empty())
        throw std::runtime_error(path + ": " + (structure.notDicom ? structure.error : "malformed DICOM: " + structure.error));
    if (structure.fileSize > largest)
        throw std::runtime_error(path + ": " + std::to_string(structure.fileSize >> 20) + " MB, too large for " + what);
    if (structure.pixelDataOffset && !withPixelData)
        throw std::runtime_error(path + ": not " + what + " (it holds Pixel Data)");
    if (structure.pixelDataOffset && structure.pixelDataLength == 0xFFFFFFFFull)
        throw std::runtime_error(path + ": compressed (encapsulated) Pixel Data (7FE0,0010) is not read in " + what + " yet");
    if (structure.pixelDataOffset && structure.pixelDataOffset + structure.pixelDataLength != structure.fileSize)
        throw std::runtime_error(path + ": Pixel Data (7FE0,0010) declares " + std::to_string(structure.pixelDataLength) + " bytes, the file has "
                                 + std::to_string(structure.fileSize - std::min(structure.fileSize, structure.pixelDataOffset))
                                 + " from its start (nothing may follow it)");
    quietDcmtk();  // what is wrong goes into the exception, not onto stderr
    auto file = std::make_unique<DcmFileFormat>();
    if (const OFCondition loaded = file->loadFile(path.c_str()); loaded.bad())
        throw std::runtime_error(path + ": cannot read (" + std::string(loaded.text()) + ")");
    const std::string sopClass = sr::getString(*file->getDataset(), DCM_SOPClassUID);
    const std::string wanted = sopClassUid;
    const bool family = !wanted.empty() && wanted.back() == '.';
    if (family ? sopClass.rfind(wanted, 0) != 0 : sopClass != wanted)
        throw std::runtime_error(path + ": not " + what + " (SOP Class UID (0008,0016) is '" + sopClass + "')");
    return file;
}

std::vector<DcmItem*> itemsOf(DcmItem& parent, const DcmTagKey& sequence)
{
    std::vector<DcmItem*> items;
    DcmSequenceOfItems* seq = nullptr;
    if (parent.findAndGetSequence(sequence, seq).good() && seq)
        for (unsigned long i = 0; i < seq->card(); ++i)
            items.push_back(seq->getItem(i));
    return items;
}

DcmItem* firstItem(DcmItem& parent, const DcmTagKey& sequence)
{
    DcmSequenceOfItems* seq = nullptr;
    return parent.findAndGetSequence(sequence, seq).good() && seq && seq->card() > 0 ? seq->getItem(0) : nullptr;
}

} // namespace hf::objects
