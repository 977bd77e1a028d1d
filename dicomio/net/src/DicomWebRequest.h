#pragma once
// HTTP for DICOMweb with libcurl: a QIDO-RS request as the ping.
#include "hf/dicomio/net/PacsNode.h"

namespace hf {

EchoResult dicomWebPing(const PacsNode& node);

} // namespace hf
