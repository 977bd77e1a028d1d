#pragma once
// C-ECHO with DCMTK's dcmnet (GDCM's network layer has no C-GET and reports no reasons).
#include "hf/dicomio/net/PacsNode.h"

namespace hf {

EchoResult dimseEcho(const PacsNode& node);

} // namespace hf
