#include "PhantomPetTags.h"

#include "DataSetBuilder.h"

#include "hf/dicomio/PhantomModel.h"

#include <gdcmSequenceOfItems.h>

namespace hf {

void addPetTags(gdcm::DataSet& ds)
{
    using gdcm::VR;
    // The series starts kPetUptakeS after the injection (12:00:00 and 11:00:00).
    DataSetBuilder(ds)
        .text(0x0008, 0x0022, VR::DA, "20260101")
        .text(0x0008, 0x0032, VR::TM, "120000")
        .text(0x0054, 0x1001, VR::CS, "BQML")
        .text(0x0054, 0x1002, VR::CS, "EMISSION")
        .text(0x0054, 0x1102, VR::CS, "START")
        .text(0x0028, 0x0051, VR::CS, "NORM\\ATTN\\SCAT\\DECY")
        .text(0x0054, 0x1000, VR::CS, "WHOLE BODY\\IMAGE")
        .number(0x0010, 0x1030, VR::DS, kPetWeightKg);
    gdcm::Item item;
    item.SetVLToUndefined();
    DataSetBuilder(item.GetNestedDataSet())
        .text(0x0018, 0x0031, VR::LO, "Fluorodeoxyglucose")
        .text(0x0018, 0x1072, VR::TM, "110000")
        .number(0x0018, 0x1074, VR::DS, kPetInjectedDoseBq)
        .number(0x0018, 0x1075, VR::DS, kPetHalfLifeS)
        .number(0x0018, 0x1076, VR::DS, 0.9673);  // positron fraction of 18F
    gdcm::SmartPointer<gdcm::SequenceOfItems> sequence = new gdcm::SequenceOfItems;
    sequence->SetLengthToUndefined();
    sequence->AddItem(item);
    gdcm::DataElement radiopharmaceutical(gdcm::Tag(0x0054, 0x0016));
    radiopharmaceutical.SetVR(VR::SQ);
    radiopharmaceutical.SetValue(*sequence);
    radiopharmaceutical.SetVLToUndefined();
    ds.Replace(radiopharmaceutical);
}

} // namespace hf
