#pragma once
// What makes a phantom image a PET image SUV can be computed from (PS3.3 C.8.9.1, C.8.9.4):
// Units BQML decay corrected to the series start, the radiopharmaceutical (18F), its dose and
// injection time, the patient's weight (PhantomModel.h: kPet*). Internal to dicomio.
#include <gdcmDataSet.h>

namespace hf {

void addPetTags(gdcm::DataSet& ds);

} // namespace hf
