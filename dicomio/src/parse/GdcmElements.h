#pragma once
// GDCM's parse of a data set as an ElementSet, for the files parsePlainHeader leaves to GDCM:
// the header readers then interpret both the same way. Values point into `dataSet`.
#include "ElementSet.h"

namespace gdcm { class DataSet; }

namespace hf {

ElementSet elementsOf(const gdcm::DataSet& dataSet);

} // namespace hf
