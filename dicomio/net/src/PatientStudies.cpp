#include "hf/dicomio/net/RemoteQuery.h"

#include <algorithm>

namespace hf {

PatientStudiesResult findPatientStudies(const PacsNode& node, const std::string& patientId, const std::string& issuerOfPatientId,
                                        size_t maxStudies)
{
    PatientStudiesResult result;
    // An empty key matches every patient; a wildcard would match others.
    if (patientId.empty() || patientId.find_first_of("*?\\") != std::string::npos) {
        // Said without the ID: messages end up in logs, which carry no patient identity.
        result.message = "no Patient ID to search by (the study's is empty, or holds a wildcard or backslash)";
        return result;
    }
    RemoteQuery byPatient;
    byPatient.patientId = patientId;
    RemoteQueryResult studies = findRemote(node, byPatient);
    result.message = studies.message;
    if (!studies.ok)
        return result;
    std::vector<RemoteRecord> patients;
    for (RemoteRecord& study : studies.records) {
        if (study.patient.id != patientId)
            continue;  // an archive that matched loosely
        if (!issuerOfPatientId.empty() && !study.issuerOfPatientId.empty() && study.issuerOfPatientId != issuerOfPatientId)
            continue;  // the same number from another issuer: another patient
        patients.push_back(std::move(study));
    }
    // Newest first (DA and TM compare as text); undated studies last.
    std::stable_sort(patients.begin(), patients.end(), [](const RemoteRecord& a, const RemoteRecord& b) {
        return a.study.date + a.study.time > b.study.date + b.study.time;
    });
    result.truncated = studies.truncated || patients.size() > maxStudies;
    if (patients.size() > maxStudies)
        patients.resize(maxStudies);
    for (RemoteRecord& study : patients) {
        RemoteQuery ofStudy;
        ofStudy.studyUid = study.study.uid;
        const RemoteQueryResult series = findRemote(node, ofStudy);
        if (!series.ok) {
            result.message = series.message;
            return result;
        }
        std::vector<std::string> parts;
        for (const RemoteRecord& s : series.records)
            if (!s.bodyPart.empty() && std::find(parts.begin(), parts.end(), s.bodyPart) == parts.end())
                parts.push_back(s.bodyPart);
        result.studies.push_back(std::move(study));
        result.bodyParts.push_back(std::move(parts));
    }
    result.ok = true;
    result.message = std::to_string(result.studies.size()) + " of the patient's studies on the node";
    if (result.truncated)
        result.message += " (the patient has more: only the newest " + std::to_string(result.studies.size()) + " looked at)";
    return result;
}

} // namespace hf
