#include "hf/dicomio/net/StorageScp.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "RetrieveSyntaxes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/dstorscp.h>

#include <filesystem>

namespace hf {

class StorageScp::Server : public DcmStorageSCP {
public:
    explicit Server(std::shared_ptr<std::atomic<int>> received) : m_received(std::move(received)) {}
    std::atomic<bool> stopping{false};

protected:
    // Polled between connections (non-blocking mode, 1 s timeout).
    OFBool stopAfterConnectionTimeout() override { return stopping.load(); }
    OFBool stopAfterCurrentAssociation() override { return stopping.load(); }
    void notifyInstanceStored(const OFString&, const OFString&, const OFString&, DcmDataset*) const override { ++*m_received; }

private:
    std::shared_ptr<std::atomic<int>> m_received;
};

StorageScp::StorageScp(std::string aeTitle, int port, std::string folder)
    : m_aeTitle(std::move(aeTitle))
    , m_folder(std::move(folder))
    , m_port(port)
    , m_received(std::make_shared<std::atomic<int>>(0))
{
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
    m_server = std::make_unique<Server>(m_received);
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
    s.setFilenameExtension("");
    const OFList<OFString> syntaxes = retrieveSyntaxes();
    // An association profile holds at most 128 contexts: the common storage classes (and
    // DcmStorageSCP's own Verification; an abstract syntax listed twice voids the profile).
    for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && i < 120; ++i)
        s.addPresentationContext(dcmLongSCUStorageSOPClassUIDs[i], syntaxes);
    const OFCondition opened = s.openListenPort();
    if (opened.bad()) {
        error = "cannot listen for C-MOVE on port " + std::to_string(m_port) + " (" + opened.text() + ")";
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
}

} // namespace hf
