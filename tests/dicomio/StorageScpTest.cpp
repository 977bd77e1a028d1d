// Our storage SCP under hostile conditions (issue 23): a sender that dies in the middle of an
// instance leaves no file (only what was acknowledged is there, whole), and the receiver keeps
// serving; a hostile SOP Instance UID never names a path.
#include "PhantomFixture.h"
#include "ScuConnection.h"
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/PhantomModel.h"
#include "hf/dicomio/PhantomWriter.h"
#include "hf/dicomio/net/ListenPort.h"
#include "hf/dicomio/net/StorageScp.h"

#include <catch2/catch.hpp>

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcdeftag.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace hf;

namespace {

constexpr int kPort = 14308;

// A sender that dies (as if killed) once `bytesBeforeDeath` of its second instance are out.
class DyingScu : public NodeScu {
public:
    unsigned long bytesBeforeDeath = 0;
    bool second = false;

protected:
    void notifySENDProgress(const unsigned long byteCount) override
    {
        if (second && byteCount > bytesBeforeDeath)
            ::_exit(9);
    }
};

std::vector<std::string> filesIn(const std::filesystem::path& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files.push_back(entry.path().filename().string());
    return files;
}

PacsNode receiverNode()
{
    PacsNode node;
    node.calledAeTitle = "HFSCP";
    node.host = "127.0.0.1";
    node.port = kPort;
    node.callingAeTitle = "SENDER";
    return node;
}

// One association, one C-STORE of `file` (of this SOP class) in Explicit VR Little Endian; the response status.
Uint16 sendOne(const std::string& file, const char* sopClass = UID_CTImageStorage)
{
    NodeScu scu;
    configureScu(scu, receiverNode());
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    scu.addPresentationContext(sopClass, syntaxes);
    std::unique_ptr<TlsLayer> tls;
    std::string error;
    REQUIRE(associate(scu, receiverNode(), tls, error));
    const T_ASC_PresentationContextID context = scu.findPresentationContextID(sopClass, UID_LittleEndianExplicitTransferSyntax);
    REQUIRE(context != 0);  // the class was accepted
    Uint16 status = 0xFFFF;
    scu.sendSTORERequest(context, file.c_str(), nullptr, status);
    scu.releaseAssociation();
    return status;
}

} // namespace

TEST_CASE("storage SCP: a sender killed in the middle of an instance leaves only what was acknowledged, whole", "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-killed");
    PhantomOptions options = hf::test::smallPhantom();
    options.columns = options.rows = 512;  // about 0.5 MB an instance: the death comes mid-instance
    options.slices = 3;
    PhantomWriter(PhantomModel(options)).write((folder / "study").string());
    std::vector<std::string> study;
    for (const auto& entry : std::filesystem::directory_iterator(folder / "study"))
        study.push_back(entry.path().string());
    std::sort(study.begin(), study.end());

    StorageScp scp("HFSCP", kPort, (folder / "received").string());
    std::string error;
    REQUIRE(scp.start(error));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        DyingScu scu;
        configureScu(scu, receiverNode());
        scu.setProgressNotificationMode(OFTrue);
        OFList<OFString> syntaxes;
        syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
        scu.addPresentationContext(UID_CTImageStorage, syntaxes);
        std::unique_ptr<TlsLayer> tls;
        std::string failure;
        if (!associate(scu, receiverNode(), tls, failure)) {
            std::fprintf(stderr, "child: %s\n", failure.c_str());
            ::_exit(2);
        }
        const T_ASC_PresentationContextID context = scu.findPresentationContextID(UID_CTImageStorage, UID_LittleEndianExplicitTransferSyntax);
        Uint16 status = 0;
        scu.sendSTORERequest(context, study[0].c_str(), nullptr, status);
        scu.bytesBeforeDeath = 200000;
        scu.second = true;
        scu.sendSTORERequest(context, study[1].c_str(), nullptr, status);
        ::_exit(3);  // never reached: it died sending
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 9);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the receiver notices the broken link

    const std::vector<std::string> left = filesIn(folder / "received");
    INFO(left.size());
    REQUIRE(left.size() == 1);  // the first, acknowledged; nothing of the second
    CHECK(left[0].find(".part") == std::string::npos);
    CHECK(scp.received() == 1);
    const ScanResult scanned = HeaderScanner().scan({(folder / "received").string()});
    CHECK(scanned.errors.empty());
    CHECK(scanned.frames.size() == 1);

    // And it still serves the next sender.
    CHECK(sendOne(study[2]) == 0);
    CHECK(scp.received() == 2);
    scp.stop();
}

TEST_CASE("storage SCP: a hostile SOP Instance UID never names a path; half-written files of a crash are cleared at start; "
          "an uncommon storage class is taken",
          "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-hostile");
    PhantomOptions options = hf::test::smallPhantom();
    options.slices = 1;
    PhantomWriter(PhantomModel(options)).write((folder / "study").string());
    std::string file;
    for (const auto& entry : std::filesystem::directory_iterator(folder / "study"))
        file = entry.path().string();
    // The dataset says one UID, the request (what names the file) another, with "../".
    DcmFileFormat dicom;
    REQUIRE(dicom.loadFile(file.c_str()).good());
    dicom.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "../../escape");
    const std::string hostile = (folder / "hostile.dcm").string();
    REQUIRE(dicom.saveFile(hostile.c_str(), EXS_LittleEndianExplicit).good());
    std::filesystem::create_directories(folder / "received");
    std::ofstream(folder / "received" / "1.2.3.7.part") << "half";

    StorageScp scp("HFSCP", kPort, (folder / "received").string());
    std::string error;
    REQUIRE(scp.start(error));
    CHECK_FALSE(std::filesystem::exists(folder / "received" / "1.2.3.7.part"));
    CHECK(sendOne(hostile) == 0);
    // A storage class beyond the 120 common ones (an acceptor's list has no 128-context limit).
    DcmFileFormat uncommon;
    REQUIRE(uncommon.loadFile(file.c_str()).good());
    uncommon.getDataset()->putAndInsertString(DCM_SOPClassUID, UID_BreastProjectionXRayImageStorageForPresentation);
    uncommon.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.2.1143.77.1");
    const std::string uncommonFile = (folder / "uncommon.dcm").string();
    REQUIRE(uncommon.saveFile(uncommonFile.c_str(), EXS_LittleEndianExplicit).good());
    CHECK(sendOne(uncommonFile, UID_BreastProjectionXRayImageStorageForPresentation) == 0);
    scp.stop();
    std::vector<std::string> left = filesIn(folder / "received");
    std::sort(left.begin(), left.end());
    REQUIRE(left.size() == 2);
    CHECK(left[0] == "1.2.826.0.1.3680043.2.1143.77.1");
    CHECK(left[1].rfind("instance-", 0) == 0);
    CHECK_FALSE(std::filesystem::exists(folder / "escape"));
}

TEST_CASE("storage SCP: a port already taken is refused by name; the first receiver keeps it", "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-taken");
    StorageScp first("HFSCP", kPort, (folder / "a").string()), second("HFSCP", kPort, (folder / "b").string());
    std::string error;
    REQUIRE(first.start(error));
    CHECK(portIsListening(kPort));
    CHECK_FALSE(portIsFree(kPort));
    CHECK_FALSE(second.start(error));
    CHECK(error == "cannot listen on port " + std::to_string(kPort) + " (it is in use)");
    first.stop();
    CHECK_FALSE(portIsListening(kPort));
}
