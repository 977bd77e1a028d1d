#include "hf/dicomio/net/RemoteRetrieve.h"

#include "DicomWebRetrieve.h"
#include "RetrieveSyntaxes.h"
#include "ScuConnection.h"

#include "hf/dicomio/net/StorageScp.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>

#include <cstdio>
#include <filesystem>

namespace hf {
namespace {

std::string hex(Uint16 status)
{
    char s[8];
    std::snprintf(s, sizeof s, "%04x", status);
    return s;
}

// A DcmSCU that reports progress from the C-GET/C-MOVE responses and cancels on request.
class ProgressScu : public NodeScu {
public:
    ProgressScu(const RetrieveProgress& progress, std::function<int()> received, DiskRoom room)
        : m_progress(progress), m_received(std::move(received)), m_room(std::move(room))
    {
    }
    bool cancelled = false;
    std::string roomShortage;  // why the disk was too full to go on (the retrieval then cancelled)
    int expected = 0, failed = 0;
    Uint16 lastStatus = 0;
    std::string errorComment;  // what the node said about a failure, if anything

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response, OFBool& go) override
    {
        const OFCondition c = DcmSCU::handleCGETResponse(presID, response, go);
        note(presID, response);
        return c;
    }
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response, OFBool& go) override
    {
        const OFCondition c = DcmSCU::handleMOVEResponse(presID, response, go);
        note(presID, response);
        return c;
    }
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset* object, OFBool& go, Uint16& status) override
    {
        if (std::string shortage = m_room.shortage(); !shortage.empty()) {
            delete object;  // ours to delete, as DcmSCU's handler would
            status = STATUS_STORE_Refused_OutOfResources;
            roomShortage = std::move(shortage);
            if (!cancelled)
                cancel(presID);  // the rest would be refused too
            return EC_Normal;
        }
        const OFCondition c = DcmSCU::handleSTORERequest(presID, object, go, status);
        if (c.good() && status == STATUS_Success)
            ++m_stored;
        if (m_progress && !cancelled && !m_progress(m_stored, expected))
            cancel(presID);
        return c;
    }
    int stored() const { return m_stored; }

private:
    void note(T_ASC_PresentationContextID presID, RetrieveResponse* r)
    {
        lastStatus = r->m_status;
        OFString comment;
        if (r->m_statusDetail && r->m_statusDetail->findAndGetOFString(DCM_ErrorComment, comment).good() && !comment.empty())
            errorComment = comment.c_str();
        const int total = int(r->m_numberOfRemainingSubops + r->m_numberOfCompletedSubops + r->m_numberOfFailedSubops +
                              r->m_numberOfWarningSubops);
        if (total > expected)
            expected = total;
        failed = int(r->m_numberOfFailedSubops);
        // C-MOVE: our storage SCP refuses what comes while the disk is short; no use letting the
        // node send the rest only to have each refused.
        if (!cancelled && roomShortage.empty() && DICOM_PENDING_STATUS(r->m_status)) {
            if (std::string shortage = m_room.shortage(); !shortage.empty()) {
                roomShortage = std::move(shortage);
                cancel(presID);
            }
        }
        if (m_progress && !cancelled && !m_progress(m_received ? m_received() : m_stored, expected))
            cancel(presID);
    }
    void cancel(T_ASC_PresentationContextID presID)
    {
        cancelled = true;
        sendCANCELRequest(presID);
    }

    const RetrieveProgress& m_progress;
    std::function<int()> m_received;
    DiskRoom m_room;
    int m_stored = 0;
};

// knownExpected: the caller's count (its own query; -1 when it has none), said when the node
// stopped before saying how many it would send.
RetrieveResult run(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid, const std::string& folder,
                   bool byMove, const RetrieveProgress& progress, int knownExpected)
{
    RetrieveResult result;
    result.method = byMove ? "C-MOVE" : "C-GET";
    const std::string peer = nodeAddress(node);
    std::unique_ptr<StorageScp> scp;
    if (byMove) {
        // Our storage SCP, on demand, for this retrieval only.
        scp = std::make_unique<StorageScp>(node.callingAeTitle, node.storagePort, folder);
        if (node.tls.enabled())
            scp->setTls(node.tls);  // the PACS connects back over TLS too
        scp->setFlushEachInstance(false);  // the PACS keeps the originals: no fsync per instance
        scp->setKeepFree(node.keepFreeBytes);
        if (!scp->start(result.message))
            return result;
    }
    ScuTransport transport;  // outlives the association
    // Counted as they are made durable, not by listing the folder: the cache may be taking
    // them out of it already (indexing while they arrive).
    ProgressScu scu(progress, scp ? std::function<int()>([&scp] { return scp->received(); }) : std::function<int()>(),
                    DiskRoom{folder, node.keepFreeBytes});
    configureScu(scu, node);
    const char* model = byMove ? UID_MOVEStudyRootQueryRetrieveInformationModel : UID_GETStudyRootQueryRetrieveInformationModel;
    OFList<OFString> plain;
    plain.push_back(UID_LittleEndianExplicitTransferSyntax);
    plain.push_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(model, plain);
    if (!byMove) {
        // We are the storage SCP on this association.
        scu.setStorageDir(folder.c_str());
        const OFList<OFString> any = retrieveSyntaxes();
        for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && i < 120; ++i)
            scu.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], any, ASC_SC_ROLE_SCP);
    }
    if (!associate(scu, node, transport, result.message))
        return result;
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(model, "");
    if (context == 0) {
        result.message = peer + " does not offer Study Root " + result.method;
        scu.releaseAssociation();
        return result;
    }
    DcmDataset request;
    request.putAndInsertString(DCM_QueryRetrieveLevel, seriesUid.empty() ? "STUDY" : "SERIES");
    request.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
    if (!seriesUid.empty())
        request.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    OFList<RetrieveResponse*> responses;
    const OFCondition cond = byMove ? scu.sendMOVERequest(context, node.callingAeTitle.c_str(), &request, &responses)
                                    : scu.sendCGETRequest(context, &request, &responses);
    for (RetrieveResponse* r : responses)
        delete r;
    if (scu.isConnected())
        scu.releaseAssociation();
    if (scp) {
        scp->stop();
        if (const StorageScp::RoomRefusals refused = scp->takeRoomRefusals(); refused.instances > 0)
            scu.roomShortage = refused.reason;
    }
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    result.received = scp ? scp->received() : scu.stored();
    result.expected = std::max(scu.expected, knownExpected);
    result.failed = scu.failed;
    result.cancelled = scu.cancelled;
    const Uint16 status = scu.lastStatus;
    if (!scu.roomShortage.empty()) {
        result.cancelled = false;  // not the reader's doing
        result.message = result.method + " from " + peer + " stopped after " + std::to_string(result.received) + " of " +
                         std::to_string(result.expected) + " instances: " + scu.roomShortage;
    } else if (scu.cancelled) {
        result.message = "cancelled after " + std::to_string(result.received) + " of " + std::to_string(result.expected) + " instances";
    } else if (cond.bad()) {
        result.message = result.method + " from " + peer + " failed after " + std::to_string(result.received) + " of " +
                         std::to_string(result.expected) + " instances: " + cond.text();
    } else if (byMove && status == 0xA801) {
        result.message = peer + " does not know our AE title " + node.callingAeTitle +
                         " as a C-MOVE destination (add it, with this computer's address and port " +
                         std::to_string(node.storagePort) + ", to the PACS's list of modalities)";
    } else if (status != 0 && status != 0xB000 && status != 0xFE00) {
        result.message = result.method + " from " + peer + " ended with status 0x" + hex(status) +
                         (scu.errorComment.empty() ? "" : " (" + scu.errorComment + ")");
        if (byMove && result.received == 0)
            result.message += "; is our AE title " + node.callingAeTitle + " (port " + std::to_string(node.storagePort) +
                              ") registered at the PACS as a C-MOVE destination?";
    } else {
        result.ok = true;
        result.message = std::to_string(result.received) + " instances received from " + peer + " by " + result.method +
                         (result.failed ? " (" + std::to_string(result.failed) + " failed)" : "");
    }
    return result;
}

} // namespace

RetrieveResult retrieveFromNode(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                const std::string& folder, RetrieveMethod method, const RetrieveProgress& progress, int knownExpected)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        RetrieveResult result;
        result.message = folder + ": cannot create the folder (" + ec.message() + ")";
        return result;
    }
    if (node.kind != PacsNode::Kind::Dimse)
        return retrieveByWado(node, studyUid, seriesUid, folder, progress, knownExpected);
    if (method == RetrieveMethod::Move)
        return run(node, studyUid, seriesUid, folder, true, progress, knownExpected);
    RetrieveResult got = run(node, studyUid, seriesUid, folder, false, progress, knownExpected);
    if (method == RetrieveMethod::Get || got.ok || got.cancelled || got.received > 0 ||
        got.message.find("does not offer") == std::string::npos)
        return got;
    RetrieveResult moved = run(node, studyUid, seriesUid, folder, true, progress, knownExpected);
    moved.message += " (C-GET: " + got.message + ")";
    return moved;
}

} // namespace hf
