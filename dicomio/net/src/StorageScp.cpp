#include "hf/dicomio/net/StorageScp.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "RetrieveSyntaxes.h"
#include "TlsLayer.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dstorscp.h>

#include <fcntl.h>
#include <unistd.h>

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

} // namespace

class StorageScp::Server : public DcmStorageSCP {
public:
    Server(std::shared_ptr<std::atomic<int>> received, std::set<std::string> allowed, std::shared_ptr<Stored> stored)
        : m_received(std::move(received))
        , m_allowed(std::move(allowed))
        , m_stored(std::move(stored))
    {
    }
    std::atomic<bool> stopping{false};

protected:
    // Polled between connections (non-blocking mode, 1 s timeout).
    OFBool stopAfterConnectionTimeout() override { return stopping.load(); }
    OFBool stopAfterCurrentAssociation() override { return stopping.load(); }
    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override
    {
        const bool accepted = m_allowed.empty() || m_allowed.count(std::string(callingAE.c_str())) > 0;
        if (!accepted)
            refuse(callingAE.c_str(), "calling AE title " + std::string(callingAE.c_str()) + " is not accepted");
        return accepted;
    }
    void notifyAssociationRequest(const T_ASC_Parameters& params, DcmSCPActionType& action) override
    {
        m_peer = params.DULparams.callingPresentationAddress;
        m_association = {params.DULparams.callingAPTitle, m_peer, {}};
        DcmStorageSCP::notifyAssociationRequest(params, action);
    }
    void notifyAssociationTermination() override
    {
        DcmStorageSCP::notifyAssociationTermination();
        if (m_association.files.empty())
            return;
        const std::lock_guard<std::mutex> guard(m_stored->lock);
        m_stored->finished.push_back(std::move(m_association));
        m_association = {};
    }
    // A client whose certificate failed the check never reaches an association request.
    OFCondition waitForAssociationRQ(T_ASC_Network* network) override
    {
        TlsLayer::clearFailure();
        m_peer.clear();
        const OFCondition result = DcmStorageSCP::waitForAssociationRQ(network);
        if (TlsLayer::certificateRejected())
            refuse({}, "TLS handshake refused: " + TlsLayer::explainFailure({}));
        return result;
    }
    // Stored under a ".part" name by DCMTK; durable under its own name before the response.
    Uint16 checkAndProcessSTORERequest(const T_DIMSE_C_StoreRQ& request, DcmFileFormat& file) override
    {
        m_lastStored.clear();
        const Uint16 status = DcmStorageSCP::checkAndProcessSTORERequest(request, file);
        if (status != STATUS_Success || m_lastStored.empty())
            return status;
        const std::string part = m_lastStored;
        const std::string final = part.substr(0, part.size() - std::string(kPart).size());
        std::error_code ec;
        if (!flushToDisk(part) || (std::filesystem::rename(part, final, ec), ec) ||
            !flushToDisk(std::filesystem::path(final).parent_path().string())) {
            std::filesystem::remove(part, ec);
            return STATUS_STORE_Refused_OutOfResources;
        }
        ++*m_received;
        m_association.files.push_back(final);
        const std::lock_guard<std::mutex> guard(m_stored->lock);
        m_stored->files.push_back(final);
        return status;
    }
    void notifyInstanceStored(const OFString& filename, const OFString&, const OFString&, DcmDataset*) const override
    {
        m_lastStored = filename.c_str();
    }

    void refuse(const std::string& callingAe, const std::string& reason)
    {
        const std::lock_guard<std::mutex> guard(m_stored->lock);
        m_stored->refusals.push_back({m_peer, callingAe, reason});
    }

public:
    static constexpr const char* kPart = ".part";

private:
    std::shared_ptr<std::atomic<int>> m_received;
    std::set<std::string> m_allowed;
    std::shared_ptr<Stored> m_stored;
    mutable std::string m_lastStored;  // the file the base class just wrote
    std::string m_peer;                // the calling host of the association being negotiated
    Association m_association;         // the one in progress (one at a time)
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

std::vector<std::string> StorageScp::takeStored()
{
    std::vector<std::string> files;
    const std::lock_guard<std::mutex> guard(m_stored->lock);
    files.swap(m_stored->files);
    return files;
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
    m_server = std::make_unique<Server>(m_received, m_allowed, m_stored);
    Server& s = *m_server;
    s.setAETitle(m_aeTitle.c_str());
    s.setPort(Uint16(m_port));
    s.setConnectionBlockingMode(DUL_NOBLOCK);
    s.setConnectionTimeout(1);
    s.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    s.setDIMSETimeout(30);
    s.setRespondWithCalledAETitle(OFTrue);
    s.setOutputDirectory(m_folder.c_str());
    s.setDirectoryGenerationMode(DcmStorageSCP::DGM_NoSubdirectory);
    s.setFilenameGenerationMode(DcmStorageSCP::FGM_SOPInstanceUID);
    s.setFilenameExtension(Server::kPart);
    if (m_tls.enabled()) {
        m_tlsLayer = TlsLayer::make(m_tls, TlsLayer::Role::Server, {}, error);
        if (!m_tlsLayer) {
            m_server.reset();
            return false;
        }
        s.getConfig().setTransportLayer(m_tlsLayer->layer());
    }
    const OFList<OFString> syntaxes = retrieveSyntaxes();
    // An association profile holds at most 128 contexts: the common storage classes (and
    // DcmStorageSCP's own Verification; an abstract syntax listed twice voids the profile).
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && i < 120; ++i)
        s.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], syntaxes);
    const OFCondition opened = s.openListenPort();
    if (opened.bad()) {
        error = "cannot listen on port " + std::to_string(m_port) + " (" + opened.text() + ")";
        m_server.reset();
        return false;
    }
    m_thread = std::thread([&s] { s.acceptAssociations(); });
    return true;
}

void StorageScp::stop()
{
    if (!m_server)
        return;
    m_server->stopping = true;
    if (m_thread.joinable())
        m_thread.join();
    m_server.reset();
    m_tlsLayer.reset();
}

} // namespace hf
