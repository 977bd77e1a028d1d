#include "hf/dicomio/net/StorageScp.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "hf/dicomio/DiskRoom.h"
#include "hf/dicomio/net/ListenPort.h"
#include "AssociationListener.h"
#include "CommitmentReport.h"
#include "RetrieveSyntaxes.h"
#include "TlsLayer.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scpthrd.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

namespace hf {

namespace {

// The file's bytes and its name in the folder on disk: fsync of the file, then of the folder.
bool flushToDisk(const std::string& path)
{
    const int file = ::open(path.c_str(), O_RDONLY);
    if (file < 0)
        return false;
    const bool flushed = ::fsync(file) == 0;
    ::close(file);
    return flushed;
}

// The instance's file name: its SOP Instance UID when it is one (digits and dots), else a
// made-up name; a hostile UID never names a path.
std::string fileNameFor(const char* sopInstanceUid, unsigned long long serial)
{
    const std::string uid = sopInstanceUid ? sopInstanceUid : "";
    const bool plain = !uid.empty() && uid.size() <= 64 && uid.find_first_not_of("0123456789.") == std::string::npos && uid.front() != '.';
    return plain ? uid : "instance-" + std::to_string(serial);
}

constexpr const char* kPart = ".part";

} // namespace

// One association's service: C-ECHO from DcmSCP, C-STORE written straight to a ".part" file,
// made durable and renamed before the success response.
class StorageScp::Worker : public DcmThreadSCP {
public:
    explicit Worker(StorageScp& owner)
        : m_folder(owner.m_folder)
        , m_allowed(owner.m_allowed)
        , m_received(owner.m_received)
        , m_stored(owner.m_stored)
        , m_serial(owner.m_serial)
        , m_commitmentNode(owner.m_commitmentNode)
        , m_flushEach(owner.m_flushEach)
        , m_room{owner.m_folder, owner.m_keepFree}
    {
    }

protected:
    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override
    {
        const bool accepted = m_allowed.empty() || m_allowed.count(std::string(callingAE.c_str())) > 0;
        if (!accepted) {
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            m_stored->refusals.push_back({m_association.peerAddress, callingAE.c_str(),
                                          "calling AE title " + std::string(callingAE.c_str()) + " is not accepted"});
        }
        return accepted;
    }
    void notifyAssociationRequest(const T_ASC_Parameters& params, DcmSCPActionType& action) override
    {
        m_association = {};
        m_association.callingAeTitle = params.DULparams.callingAPTitle;
        m_association.peerAddress = params.DULparams.callingPresentationAddress;
        DcmThreadSCP::notifyAssociationRequest(params, action);
    }
    void notifyAssociationTermination() override
    {
        DcmThreadSCP::notifyAssociationTermination();
        if (m_association.files.empty() && m_association.refusedForRoom == 0)
            return;
        const std::lock_guard<std::mutex> guard(m_stored->lock);
        m_stored->finished.push_back(std::move(m_association));
        m_association = {};
    }
    OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override
    {
        if (message->CommandField == DIMSE_N_ACTION_RQ)
            return commit(message->msg.NActionRQ, info.presentationContextID);
        if (message->CommandField != DIMSE_C_STORE_RQ)
            return DcmThreadSCP::handleIncomingCommand(message, info);  // C-ECHO, or refused
        T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
        if (const std::string shortage = m_room.shortage(); !shortage.empty())
            return refuseForRoom(request, info.presentationContextID, shortage);
        const unsigned long long serial = ++*m_serial;
        const std::string final = m_folder + "/" + fileNameFor(request.AffectedSOPInstanceUID, serial);
        // Each arrival its own temporary name: two senders of one instance never share a file.
        const std::string part = final + "." + std::to_string(serial) + kPart;
        std::error_code ec;
        const OFCondition received = receiveSTORERequest(request, info.presentationContextID, part.c_str());
        if (received.bad()) {
            std::filesystem::remove(part, ec);  // the sender went away: nothing half-written stays
            return received;
        }
        Uint16 status = STATUS_Success;
        if ((m_flushEach && !flushToDisk(part)) || (std::filesystem::rename(part, final, ec), ec) || (m_flushEach && !flushToDisk(m_folder))) {
            std::filesystem::remove(part, ec);
            status = STATUS_STORE_Refused_OutOfResources;
        } else {
            ++*m_received;
            m_association.files.push_back(final);
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            m_stored->files.push_back(final);
        }
        return sendSTOREResponse(info.presentationContextID, request, status);
    }

private:
    // The data set still has to be read off the association before the answer. Given a file it
    // cannot create, DCMTK reads it and drops it (Out of Resources); nothing reaches the disk.
    OFCondition refuseForRoom(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID context, const std::string& shortage)
    {
        const std::string nowhere = m_folder + "/.no-room-" + std::to_string(++*m_serial) + "/refused";
        const OFCondition received = receiveSTORERequest(request, context, nowhere.c_str());
        if (received.bad() && !(received.module() == OFM_dcmnet && received.code() == DIMSEC_OUTOFRESOURCES))
            return received;  // the sender went away
        ++m_association.refusedForRoom;
        m_association.roomShortage = shortage;
        {
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            ++m_stored->roomRefusals.instances;
            m_stored->roomRefusals.reason = shortage;
        }
        return sendSTOREResponse(context, request, STATUS_STORE_Refused_OutOfResources);
    }

    // Storage Commitment: the request acknowledged at once, the report sent on its own
    // association from a thread of its own once this one may have closed.
    OFCondition commit(T_DIMSE_N_ActionRQ& request, T_ASC_PresentationContextID context)
    {
        DcmDataset* dataset = nullptr;
        Uint16 actionType = 0;
        const OFCondition received = receiveACTIONRequest(request, context, dataset, actionType);
        if (received.bad())
            return received;
        std::unique_ptr<DcmDataset> owned(dataset);
        CommitmentRequest commitment;
        std::string why;
        const std::string caller = m_association.callingAeTitle;
        const std::optional<PacsNode> requester = m_commitmentNode ? m_commitmentNode(caller) : std::nullopt;
        Uint16 status = STATUS_Success;
        if (std::string(request.RequestedSOPClassUID) != UID_StorageCommitmentPushModelSOPClass || actionType != 1)
            status = STATUS_N_NoSuchAction;
        else if (!owned || !CommitmentRequest::read(*owned, commitment, why))
            status = STATUS_N_InvalidArgumentValue;
        else if (!requester)
            status = STATUS_N_ProcessingFailure;  // we do not know where to send the report
        const OFCondition answered = sendACTIONResponse(context, request.MessageID, request.RequestedSOPClassUID,
                                                        request.RequestedSOPInstanceUID, status);
        if (status != STATUS_Success) {
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            m_stored->commitmentReports.push_back("Storage Commitment request from " + caller + " refused: " +
                                                  (why.empty() ? (requester ? "not a commitment request" : "no node configured for that AE title") : why));
            return answered;
        }
        const auto stored = m_stored;
        const std::string folder = m_folder;
        PacsNode node = *requester;
        {
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            ++m_stored->reportsUnderWay;
        }
        // Detached: it holds only values and the shared record, so it may outlive this worker.
        std::thread([stored, folder, node, commitment] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));  // after the requester's association closed, as a rule
            std::string failure;
            const bool told = reportCommitment(commitment, folder, node, failure);
            const std::lock_guard<std::mutex> held(stored->lock);
            stored->commitmentReports.push_back(told ? "Storage Commitment " + commitment.transactionUid + " reported to " + nodeAddress(node)
                                                     : failure);
            --stored->reportsUnderWay;
        }).detach();
        return answered;
    }

    std::string m_folder;
    std::set<std::string> m_allowed;
    std::shared_ptr<std::atomic<int>> m_received;
    std::shared_ptr<Stored> m_stored;
    std::shared_ptr<std::atomic<unsigned long long>> m_serial;
    std::function<std::optional<PacsNode>(const std::string&)> m_commitmentNode;
    bool m_flushEach;
    DiskRoom m_room;
    Association m_association;  // the one in progress on this worker
};

StorageScp::StorageScp(std::string aeTitle, int port, std::string folder)
    : m_aeTitle(std::move(aeTitle))
    , m_folder(std::move(folder))
    , m_port(port)
    , m_received(std::make_shared<std::atomic<int>>(0))
{
}

void StorageScp::setAllowedCallingAeTitles(std::set<std::string> titles) { m_allowed = std::move(titles); }

void StorageScp::setTls(TlsSettings tls) { m_tls = std::move(tls); }

void StorageScp::setCommitmentReplies(std::function<std::optional<PacsNode>(const std::string& callingAeTitle)> nodeFor)
{
    m_commitmentNode = std::move(nodeFor);
}

std::vector<std::string> StorageScp::takeCommitmentReports()
{
    std::vector<std::string> reports;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    reports.swap(m_stored->commitmentReports);
    return reports;
}

std::vector<std::string> StorageScp::takeStored()
{
    std::vector<std::string> files;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    files.swap(m_stored->files);
    return files;
}

StorageScp::RoomRefusals StorageScp::takeRoomRefusals()
{
    RoomRefusals taken;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    std::swap(taken, m_stored->roomRefusals);
    return taken;
}

std::vector<StorageScp::Refusal> StorageScp::takeRefusals()
{
    std::vector<Refusal> refusals;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    refusals.swap(m_stored->refusals);
    return refusals;
}

std::vector<StorageScp::Association> StorageScp::takeFinishedAssociations()
{
    std::vector<Association> finished;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    finished.swap(m_stored->finished);
    return finished;
}

StorageScp::~StorageScp()
{
    stop();
}

bool StorageScp::start(std::string& error)
{
    quietDcmtk();
    std::error_code ec;
    std::filesystem::create_directories(m_folder, ec);
    // What a crash left half-written was never acknowledged: gone.
    for (const auto& entry : std::filesystem::directory_iterator(m_folder, ec))
        if (entry.path().extension() == kPart)
            std::filesystem::remove(entry.path(), ec);
    // The listener opens its port on its own thread: a taken port is found here first.
    if (!portIsFree(m_port)) {
        error = "cannot listen on port " + std::to_string(m_port) + " (it is in use)";
        return false;
    }
    m_listener = std::make_unique<AssociationListener>([this] { return std::make_unique<Worker>(*this); }, 8);
    DcmSCPConfig& config = m_listener->config();
    config.setAETitle(m_aeTitle.c_str());
    config.setPort(Uint16(m_port));
    config.setConnectionBlockingMode(DUL_NOBLOCK);
    config.setConnectionTimeout(1);  // the listener looks for stop() every second
    config.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    config.setDIMSETimeout(30);
    config.setRespondWithCalledAETitle(OFTrue);
    const OFList<OFString> syntaxes = retrieveSyntaxes();
    // Every storage class DCMTK knows (an acceptor's list has no 128-context limit; only a
    // request has), Verification and Storage Commitment.
    OFList<OFString> plain;
    plain.push_back(UID_LittleEndianExplicitTransferSyntax);
    plain.push_back(UID_LittleEndianImplicitTransferSyntax);
    config.addPresentationContext(UID_VerificationSOPClass, plain);
    config.addPresentationContext(UID_StorageCommitmentPushModelSOPClass, plain);
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
        config.addPresentationContext(dcmAllStorageSOPClassUIDs[i], syntaxes);
    if (m_tls.enabled()) {
        m_tlsLayer = TlsLayer::make(m_tls, TlsLayer::Role::Server, {}, error);
        if (!m_tlsLayer) {
            m_listener.reset();
            return false;
        }
        const auto stored = m_stored;
        m_tlsLayer->onRejectedPeer([stored](const std::string& why) {
            const std::lock_guard<std::mutex> guard(stored->lock);
            stored->refusals.push_back({{}, {}, why});
        });
        config.setTransportLayer(m_tlsLayer->layer());
    }
    AssociationListener& listener = *m_listener;
    auto ended = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::thread([&listener, ended] {
        listener.listen();
        ended->store(true);
    });
    // Listening once the port is (by us; it was free): callers may send as soon as this returns.
    for (int waited = 0; waited < 300 && !portIsListening(m_port) && !ended->load(); ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (ended->load() || !portIsListening(m_port)) {
        error = "cannot listen on port " + std::to_string(m_port);
        stop();
        return false;
    }
    return true;
}

void StorageScp::stop()
{
    if (!m_listener)
        return;
    m_listener->stop();
    if (m_thread.joinable())
        m_thread.join();
    // Reports under way finish (each bounded by its node's time-out).
    for (int waited = 0; waited < 600; ++waited) {
        {
            const std::lock_guard<std::mutex> guard(m_stored->lock);
            if (m_stored->reportsUnderWay == 0)
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    m_listener.reset();
    m_tlsLayer.reset();
}

} // namespace hf
