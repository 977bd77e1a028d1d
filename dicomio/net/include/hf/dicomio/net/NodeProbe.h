#pragma once
// What a remote node supports, found out without changing anything there: for DIMSE, which
// services it accepts on one association (C-ECHO, C-FIND, C-GET, C-MOVE) and whether it knows
// our AE title as a C-MOVE destination (a C-MOVE of a study that does not exist succeeds with
// nothing to send only when it does); for DICOMweb, QIDO-RS and WADO-RS (STOW-RS would have to
// store something, so it is not tried). Retrieval then picks what works. Blocking; off the GUI
// thread. Any thread.
#include "hf/dicomio/net/PacsNode.h"

#include <string>
#include <vector>

namespace hf {

struct NodeCapabilities {
    EchoResult echo;  // reachable at all, and why not
    bool find = false, get = false, move = false, moveDestinationKnown = false;
    bool qido = false, wado = false;
    std::vector<std::string> lines;  // what was found, one line each, in plain words
    std::string retrieval;           // "C-GET", "C-MOVE", "WADO-RS" or "" (none works)
};

NodeCapabilities probeNode(const PacsNode& node);

} // namespace hf
