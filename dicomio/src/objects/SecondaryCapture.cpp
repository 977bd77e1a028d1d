#include "hf/dicomio/SecondaryCapture.h"

#include "DataSetBuilder.h"

#include <gdcmFile.h>
#include <gdcmFileMetaInformation.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmWriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ctime>
#include <stdexcept>

namespace hf {

void writeSecondaryCapture(const std::string& path, const CaptureIdentity& id, const CaptureImage& image)
{
    using VR = gdcm::VR;
    if (image.width <= 0 || image.height <= 0 || image.rgb.size() != size_t(image.width) * size_t(image.height) * 3)
        throw std::runtime_error(path + ": the picture's size does not match its pixels");
    const char* scClass = "1.2.840.10008.5.1.4.1.1.7";
    gdcm::Writer writer;
    gdcm::File& file = writer.GetFile();
    gdcm::DataSet& ds = file.GetDataSet();
    DataSetBuilder b(ds);
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char date[16], time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &tm);
    std::strftime(time, sizeof time, "%H%M%S", &tm);
    b.text(0x0008, 0x0005, VR::CS, "ISO_IR 192")
        .text(0x0008, 0x0008, VR::CS, "DERIVED\\SECONDARY")
        .text(0x0008, 0x0016, VR::UI, scClass)
        .text(0x0008, 0x0018, VR::UI, image.sopInstanceUid)
        .text(0x0008, 0x0020, VR::DA, id.study.date)
        .text(0x0008, 0x0023, VR::DA, id.deidentified ? "" : date)
        .text(0x0008, 0x0030, VR::TM, id.study.time)
        .text(0x0008, 0x0033, VR::TM, id.deidentified ? "" : time)
        .text(0x0008, 0x0050, VR::SH, id.study.accessionNumber)
        .text(0x0008, 0x0060, VR::CS, "OT")
        .text(0x0008, 0x0064, VR::CS, "WSD")
        .text(0x0008, 0x0090, VR::PN, id.study.referringPhysician)
        .text(0x0008, 0x103e, VR::LO, image.seriesDescription)
        .text(0x0010, 0x0010, VR::PN, id.patient.name)
        .text(0x0010, 0x0020, VR::LO, id.patient.id)
        .text(0x0010, 0x0030, VR::DA, id.patient.birthDate)
        .text(0x0010, 0x0040, VR::CS, id.patient.sex)
        .text(0x0020, 0x000d, VR::UI, id.study.uid)
        .text(0x0020, 0x000e, VR::UI, image.seriesUid)
        .text(0x0020, 0x0010, VR::SH, id.study.studyId)
        .text(0x0020, 0x0011, VR::IS, std::to_string(image.seriesNumber))
        .text(0x0020, 0x0013, VR::IS, std::to_string(image.instanceNumber))
        .text(0x0020, 0x0020, VR::CS, "")
        .text(0x0020, 0x0060, VR::CS, "")
        .us(0x0028, 0x0002, 3)
        .text(0x0028, 0x0004, VR::CS, "RGB")
        .us(0x0028, 0x0006, 0)
        .us(0x0028, 0x0010, std::uint16_t(image.height))
        .us(0x0028, 0x0011, std::uint16_t(image.width))
        .us(0x0028, 0x0100, 8)
        .us(0x0028, 0x0101, 8)
        .us(0x0028, 0x0102, 7)
        .us(0x0028, 0x0103, 0)
        .text(0x0028, 0x0301, VR::CS, image.burnedInAnnotation ? "YES" : "NO");
    if (!id.institutionName.empty())
        b.text(0x0008, 0x0080, VR::LO, id.institutionName);
    if (id.deidentified) {
        b.text(0x0012, 0x0062, VR::CS, "YES").text(0x0012, 0x0063, VR::LO, id.deidentificationMethod);
    } else if (!image.sourceSopInstanceUid.empty()) {
        // Source Image Sequence: which image this picture shows.
        gdcm::Item item;
        item.SetVLToUndefined();
        DataSetBuilder(item.GetNestedDataSet())
            .text(0x0008, 0x1150, VR::UI, image.sourceSopClassUid)
            .text(0x0008, 0x1155, VR::UI, image.sourceSopInstanceUid);
        gdcm::SmartPointer<gdcm::SequenceOfItems> sequence = new gdcm::SequenceOfItems;
        sequence->SetLengthToUndefined();
        sequence->AddItem(item);
        gdcm::DataElement source(gdcm::Tag(0x0008, 0x2112));
        source.SetVR(VR::SQ);
        source.SetValue(*sequence);
        source.SetVLToUndefined();
        ds.Insert(source);
    }
    gdcm::DataElement pixels(gdcm::Tag(0x7fe0, 0x0010));
    pixels.SetVR(VR::OB);
    pixels.SetByteValue(reinterpret_cast<const char*>(image.rgb.data()), gdcm::VL(std::uint32_t(image.rgb.size())));
    ds.Insert(pixels);
    file.GetHeader().SetDataSetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    const std::string temporary = path + ".partial";
    // Our own stream: Debian's GDCM asserts (aborts) when it cannot open a file name itself.
    std::ofstream stream(temporary, std::ios::binary);
    if (!stream)
        throw std::runtime_error(path + ": cannot write the DICOM file (" + std::strerror(errno) + ")");
    writer.SetStream(stream);
    const bool written = writer.Write();
    stream.close();
    if (!written || stream.fail()) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": cannot write the DICOM file (folder missing, read-only or full?)");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": cannot write the DICOM file");
    }
}

} // namespace hf
