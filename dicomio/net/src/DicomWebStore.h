#pragma once
// STOW-RS: files POSTed as multipart/related application/dicom, in batches. Internal to dicomio.
#include "hf/dicomio/net/RemoteSend.h"

namespace hf {

SendResult sendByStow(const PacsNode& node, const std::vector<SendItem>& items, const SendProgress& progress);

} // namespace hf
