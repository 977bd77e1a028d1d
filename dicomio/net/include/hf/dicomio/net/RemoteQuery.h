#pragma once
// Study- and series-level queries to a remote archive (C-FIND over DIMSE for now). Blocking,
// bounded by the node's timeout; run off the GUI thread. Any thread.
#include "hf/dicomio/StudyModel.h"
#include "hf/dicomio/net/PacsNode.h"

#include <string>
#include <vector>

namespace hf {

struct RemoteQuery {
    std::string patientName;  // wildcards * and ?
    std::string patientId, accessionNumber, modality;
    std::string fromDate, toDate;  // YYYYMMDD, inclusive; either may be empty
    std::string studyUid;          // set: list this study's series instead of studies
    // Matches past this many are not read (C-FIND cancelled, QIDO-RS asked for no more): an
    // archive answering "everything" must not take the workstation's memory.
    size_t maxRecords = 20000;
};

// One answer of a study- or series-level query, converted from C-FIND or DICOM JSON into the
// study model (series stays empty at study level).
struct RemoteRecord {
    PatientIdentity patient;
    StudyIdentity study;
    SeriesIdentity series;
    std::string modalities;  // study level: Modalities in Study
    std::string bodyPart;    // series level: Body Part Examined
    int instances = 0, seriesCount = 0;
    std::string issuerOfPatientId;  // as the node answered (empty: not said)
};

struct RemoteQueryResult {
    bool ok = false;
    std::string message;
    std::vector<RemoteRecord> records;
    bool truncated = false;  // more matched than maxRecords: only the first ones are here
};

RemoteQueryResult findRemote(const PacsNode& node, const RemoteQuery& query);

// A patient's studies on a node (by Patient ID), each with the body parts of its series (one
// series-level query per study): what choosing a prior needs. Blocking, like findRemote.
struct PatientStudiesResult {
    bool ok = false;
    std::string message;
    std::vector<RemoteRecord> studies;
    std::vector<std::vector<std::string>> bodyParts;  // by study, distinct, in series order
    bool truncated = false;  // the patient has more studies than maxStudies: only the newest are here
};
// With an issuer, studies the node says are another issuer's Patient ID are left out (the
// issuer is asked for as a return key and compared here: archives match on it unevenly).
// Each study costs a round trip, so only the newest maxStudies (by study date and time) are
// looked at: a patient with thousands of studies, or an archive matching loosely, must not
// keep the priors search busy for minutes.
PatientStudiesResult findPatientStudies(const PacsNode& node, const std::string& patientId, const std::string& issuerOfPatientId = {},
                                        size_t maxStudies = 200);

} // namespace hf
