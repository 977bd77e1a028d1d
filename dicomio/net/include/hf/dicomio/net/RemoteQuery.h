#pragma once
// Study- and series-level queries to a remote archive (C-FIND over DIMSE for now). Blocking,
// bounded by the node's timeout; run off the GUI thread. Any thread.
#include "hf/dicomio/net/PacsNode.h"

#include <string>
#include <vector>

namespace hf {

struct RemoteQuery {
    std::string patientName;  // wildcards * and ?
    std::string patientId, accessionNumber, modality;
    std::string fromDate, toDate;  // YYYYMMDD, inclusive; either may be empty
    std::string studyUid;          // set: list this study's series instead of studies
};

struct RemoteRecord {
    std::string patientName, patientId, patientBirthDate, patientSex;
    std::string studyUid, studyDate, studyTime, studyDescription, accessionNumber, modalities;
    std::string seriesUid, seriesDescription, modality;
    int seriesNumber = 0, instances = 0, seriesCount = 0;
};

struct RemoteQueryResult {
    bool ok = false;
    std::string message;
    std::vector<RemoteRecord> records;
};

RemoteQueryResult findRemote(const PacsNode& node, const RemoteQuery& query);

} // namespace hf
