#include "hf/dicomio/net/SeriesInstances.h"

#include "BoundedFindScu.h"
#include "DicomWebQuery.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

#include <cstdlib>
#include <sstream>

namespace hf {

namespace {

bool parseNumbers(const std::string& text, double* out, int count)
{
    std::istringstream in(text);
    std::string part;
    int n = 0;
    while (std::getline(in, part, '\\')) {
        if (n == count)
            return false;
        char* end = nullptr;
        out[n] = std::strtod(part.c_str(), &end);
        if (end == part.c_str())
            return false;
        ++n;
    }
    return n == count;
}

} // namespace

bool parseTriple(const std::string& text, Vec3& out)
{
    double v[3];
    if (!parseNumbers(text, v, 3))
        return false;
    out = {v[0], v[1], v[2]};
    return true;
}

bool parseOrientation(const std::string& text, Vec3& row, Vec3& column)
{
    double v[6];
    if (!parseNumbers(text, v, 6))
        return false;
    row = {v[0], v[1], v[2]};
    column = {v[3], v[4], v[5]};
    return true;
}

ExpectedInstance expectedInstance(const std::string& uid, const std::string& number, const std::string& position,
                                  const std::string& orientation)
{
    ExpectedInstance e;
    e.sopInstanceUid = uid;
    e.instanceNumber = std::atoi(number.c_str());
    e.hasPosition = parseTriple(position, e.position);
    e.hasOrientation = parseOrientation(orientation, e.rowDirection, e.columnDirection);
    return e;
}

SeriesInstancesResult findSeriesInstances(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                          size_t maxInstances)
{
    if (node.kind != PacsNode::Kind::Dimse)
        return findInstancesByQido(node, studyUid, seriesUid, maxInstances);
    SeriesInstancesResult result;
    ScuTransport transport;  // outlives the association
    BoundedFindScu scu(maxInstances);
    const T_ASC_PresentationContextID context = associateForFind(scu, node, transport, result.message);
    if (context == 0)
        return result;
    const std::string peer = nodeAddress(node);
    DcmDataset request;
    request.putAndInsertString(DCM_QueryRetrieveLevel, "IMAGE");
    request.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
    request.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    request.putAndInsertString(DCM_SOPInstanceUID, "");
    request.putAndInsertString(DCM_InstanceNumber, "");
    request.putAndInsertString(DCM_ImagePositionPatient, "");
    request.putAndInsertString(DCM_ImageOrientationPatient, "");
    OFList<QRResponse*> responses;
    const OFCondition cond = scu.sendFINDRequest(context, &request, &responses);
    for (QRResponse* r : responses) {
        if (DcmDataset* d = r->m_dataset)
            result.instances.push_back(expectedInstance(answerText(d, DCM_SOPInstanceUID), answerText(d, DCM_InstanceNumber),
                                                        answerText(d, DCM_ImagePositionPatient), answerText(d, DCM_ImageOrientationPatient)));
        delete r;
    }
    result.truncated = scu.truncated();
    scu.endAssociation();
    if (cond.bad()) {
        result.message = "C-FIND (IMAGE level) to " + peer + " failed: " + cond.text();
        return result;
    }
    result.ok = true;
    result.message = std::to_string(result.instances.size()) + " instances listed by " + peer + (result.truncated ? " (more not read)" : "");
    return result;
}

} // namespace hf
