#include "hf/dicomio/RemoteRetrieve.h"

#include "ScuConnection.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

#include <filesystem>

namespace hf {

RetrieveResult retrieveByGet(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                             const std::string& folder)
{
    RetrieveResult result;
    if (node.kind != PacsNode::Kind::Dimse) {
        result.message = "retrieving from DICOMweb nodes (WADO-RS) is not built yet; use a DIMSE node (AET@HOST:PORT)";
        return result;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        result.message = folder + ": cannot create the folder (" + ec.message() + ")";
        return result;
    }
    DcmSCU scu;
    configureScu(scu, node);
    scu.setStorageDir(folder.c_str());
    OFList<OFString> plain;
    plain.push_back(UID_LittleEndianExplicitTransferSyntax);
    plain.push_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, plain);
    // We are the storage SCP on this association: accept every image class in its own syntax,
    // compressed included, so the archive does not have to transcode.
    OFList<OFString> any = plain;
    for (const char* ts : {UID_JPEGLSLosslessTransferSyntax, UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax,
                           UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess1TransferSyntax, UID_JPEGProcess2_4TransferSyntax,
                           UID_RLELosslessTransferSyntax, UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                           UID_BigEndianExplicitTransferSyntax, UID_JPEGLSLossyTransferSyntax})
        any.push_back(ts);
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && i < 120; ++i)
        scu.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], any, ASC_SC_ROLE_SCP);
    const std::string peer = peerName(node);
    if (!associate(scu, node, result.message))
        return result;
    OFCondition cond;
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
    if (context == 0) {
        result.message = peer + " does not offer Study Root C-GET (try C-MOVE)";
        scu.releaseAssociation();
        return result;
    }
    DcmDataset request;
    request.putAndInsertString(DCM_QueryRetrieveLevel, seriesUid.empty() ? "STUDY" : "SERIES");
    request.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
    if (!seriesUid.empty())
        request.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    OFList<RetrieveResponse*> responses;
    cond = scu.sendCGETRequest(context, &request, &responses);
    Uint16 finalStatus = 0;
    for (RetrieveResponse* r : responses) {
        finalStatus = r->m_status;
        if (r->m_numberOfFailedSubops > 0)
            result.failed = int(r->m_numberOfFailedSubops);
        delete r;
    }
    scu.releaseAssociation();
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        result.received += entry.is_regular_file();
    if (cond.bad()) {
        result.message = "C-GET from " + peer + " failed: " + cond.text();
    } else if (finalStatus != 0 && finalStatus != 0xB000) {
        result.message = "C-GET from " + peer + " ended with status 0x" + [&] {
            char s[8];
            std::snprintf(s, sizeof s, "%04x", finalStatus);
            return std::string(s);
        }();
    } else {
        result.ok = true;
        result.message = std::to_string(result.received) + " instances received from " + peer +
                         (result.failed ? " (" + std::to_string(result.failed) + " failed)" : "");
    }
    return result;
}

} // namespace hf
