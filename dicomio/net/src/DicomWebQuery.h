#pragma once
// QIDO-RS study and series queries, and the DICOM JSON reading they need. Internal to dicomio.
#include "hf/dicomio/net/RemoteQuery.h"

namespace hf {

RemoteQueryResult findByQido(const PacsNode& node, const RemoteQuery& query);
std::string urlEncode(const std::string& text);

} // namespace hf
