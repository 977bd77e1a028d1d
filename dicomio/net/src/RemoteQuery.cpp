#include "hf/dicomio/net/RemoteQuery.h"

#include "BoundedFindScu.h"
#include "DicomWebQuery.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

#include <memory>

namespace hf {
namespace {

int number(DcmDataset* ds, const DcmTagKey& tag)
{
    const std::string s = answerText(ds, tag);
    try {
        return s.empty() ? 0 : std::stoi(s);
    } catch (...) {
        return 0;
    }
}

} // namespace

std::string truncationNote(const RemoteQueryResult& result)
{
    return result.truncated ? " (more match: only the first " + std::to_string(result.records.size()) + " read; narrow the search)" : "";
}

RemoteQueryResult findRemote(const PacsNode& node, const RemoteQuery& q)
{
    RemoteQueryResult result;
    if (node.kind != PacsNode::Kind::Dimse) {
        return findByQido(node, q);
    }
    ScuTransport transport;  // outlives the association
    BoundedFindScu scu(q.maxRecords);
    const T_ASC_PresentationContextID context = associateForFind(scu, node, transport, result.message);
    if (context == 0)
        return result;
    const std::string peer = nodeAddress(node);
    OFCondition cond;
    DcmDataset request;
    const bool series = !q.studyUid.empty();
    request.putAndInsertString(DCM_QueryRetrieveLevel, series ? "SERIES" : "STUDY");
    request.putAndInsertString(DCM_PatientName, q.patientName.c_str());
    request.putAndInsertString(DCM_PatientID, q.patientId.c_str());
    request.putAndInsertString(DCM_IssuerOfPatientID, "");
    request.putAndInsertString(DCM_PatientBirthDate, "");
    request.putAndInsertString(DCM_PatientSex, "");
    request.putAndInsertString(DCM_StudyInstanceUID, q.studyUid.c_str());
    const std::string range = q.fromDate.empty() && q.toDate.empty() ? "" : q.fromDate + "-" + q.toDate;
    request.putAndInsertString(DCM_StudyDate, range.c_str());
    request.putAndInsertString(DCM_StudyTime, "");
    request.putAndInsertString(DCM_StudyDescription, "");
    request.putAndInsertString(DCM_AccessionNumber, q.accessionNumber.c_str());
    if (series) {
        request.putAndInsertString(DCM_SeriesInstanceUID, "");
        request.putAndInsertString(DCM_Modality, q.modality.c_str());
        request.putAndInsertString(DCM_SeriesNumber, "");
        request.putAndInsertString(DCM_SeriesDescription, "");
        request.putAndInsertString(DCM_NumberOfSeriesRelatedInstances, "");
        request.putAndInsertString(DCM_BodyPartExamined, "");
    } else {
        request.putAndInsertString(DCM_ModalitiesInStudy, q.modality.c_str());
        request.putAndInsertString(DCM_NumberOfStudyRelatedSeries, "");
        request.putAndInsertString(DCM_NumberOfStudyRelatedInstances, "");
    }
    OFList<QRResponse*> responses;
    cond = scu.sendFINDRequest(context, &request, &responses);
    for (QRResponse* r : responses) {
        if (r->m_dataset) {
            DcmDataset* d = r->m_dataset;
            RemoteRecord rec;
            rec.patient.name = answerText(d, DCM_PatientName);
            rec.patient.id = answerText(d, DCM_PatientID);
            rec.issuerOfPatientId = answerText(d, DCM_IssuerOfPatientID);
            rec.patient.birthDate = answerText(d, DCM_PatientBirthDate);
            rec.patient.sex = answerText(d, DCM_PatientSex);
            rec.study.uid = answerText(d, DCM_StudyInstanceUID);
            rec.study.date = answerText(d, DCM_StudyDate);
            rec.study.time = answerText(d, DCM_StudyTime);
            rec.study.description = answerText(d, DCM_StudyDescription);
            rec.study.accessionNumber = answerText(d, DCM_AccessionNumber);
            rec.modalities = answerText(d, DCM_ModalitiesInStudy);
            rec.series.uid = answerText(d, DCM_SeriesInstanceUID);
            rec.series.description = answerText(d, DCM_SeriesDescription);
            rec.series.modality = answerText(d, DCM_Modality);
            rec.series.number = number(d, DCM_SeriesNumber);
            rec.bodyPart = answerText(d, DCM_BodyPartExamined);
            rec.instances = number(d, series ? DCM_NumberOfSeriesRelatedInstances : DCM_NumberOfStudyRelatedInstances);
            rec.seriesCount = number(d, DCM_NumberOfStudyRelatedSeries);
            result.records.push_back(std::move(rec));
        }
        delete r;
    }
    result.truncated = scu.truncated();
    if (cond.bad())
        result.message = "C-FIND to " + peer + " failed: " + cond.text();
    else {
        result.ok = true;
        result.message = std::to_string(result.records.size()) + (series ? " series" : " studies") + " found on " + peer + truncationNote(result);
    }
    scu.endAssociation();
    return result;
}

} // namespace hf
