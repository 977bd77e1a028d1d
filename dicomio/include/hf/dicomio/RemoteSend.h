#pragma once
// Sends files to a node: by C-STORE to a DIMSE node, each in its own transfer syntax (one
// presentation context per class and syntax), or by STOW-RS to a DICOMweb node. Blocking; run
// off the GUI thread. Any thread.
#include "hf/dicomio/PacsNode.h"

#include <functional>
#include <string>
#include <vector>

namespace hf {

struct SendItem {
    std::string path, sopClassUid, transferSyntax;
};

struct SendResult {
    bool ok = false;
    std::string message;
    int sent = 0;
    std::vector<std::string> failures;  // "file: reason"
};

SendResult sendToNode(const PacsNode& node, const std::vector<SendItem>& items,
                       const std::function<void(int done, int total)>& progress = {});

} // namespace hf
