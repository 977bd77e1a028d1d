#pragma once
// Sends files to a node: by C-STORE to a DIMSE node, each in its own transfer syntax (one
// presentation context per class and syntax), or by STOW-RS to a DICOMweb node. Blocking; run
// off the GUI thread. Any thread.
#include "hf/dicomio/net/PacsNode.h"

#include <functional>
#include <string>
#include <vector>

namespace hf {

struct SendItem {
    std::string path, sopClassUid, transferSyntax;
};

struct SendResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;
    int sent = 0;
    std::vector<std::string> failures;  // "file: reason"
};

// Called after each instance (STOW-RS: each batch); return false to stop there.
using SendProgress = std::function<bool(int done, int total)>;

SendResult sendToNode(const PacsNode& node, const std::vector<SendItem>& items, const SendProgress& progress = {});

} // namespace hf
