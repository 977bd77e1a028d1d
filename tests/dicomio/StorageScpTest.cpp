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

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

using namespace hf;

namespace {

// Each test case its own port: ctest runs them side by side.
constexpr int kKilledPort = 14320, kHostilePort = 14321, kTakenPort = 14322, kBurstPort = 14323, kBusyPort = 14324, kRoomPort = 14325;

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

// A small phantom of `slices` files written under folder/study; their paths.
std::vector<std::string> phantomFiles(const std::filesystem::path& folder, int slices)
{
    PhantomOptions options = hf::test::smallPhantom();
    options.slices = slices;
    PhantomWriter(PhantomModel(options)).write((folder / "study").string());
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder / "study"))
        files.push_back(entry.path().string());
    REQUIRE(files.size() == size_t(slices));
    return files;
}

std::vector<std::string> filesIn(const std::filesystem::path& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files.push_back(entry.path().filename().string());
    return files;
}

PacsNode receiverNode(int port)
{
    PacsNode node;
    node.calledAeTitle = "HFSCP";
    node.host = "127.0.0.1";
    node.port = port;
    node.callingAeTitle = "SENDER";
    return node;
}

// One association, one C-STORE of `file` (of this SOP class) in Explicit VR Little Endian; the response status.
Uint16 sendOne(int port, const std::string& file, const char* sopClass = UID_CTImageStorage)
{
    NodeScu scu;
    configureScu(scu, receiverNode(port));
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    scu.addPresentationContext(sopClass, syntaxes);
    ScuTransport tls;
    std::string error;
    REQUIRE(associate(scu, receiverNode(port), tls, error));
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

    StorageScp scp("HFSCP", kKilledPort, (folder / "received").string());
    std::string error;
    REQUIRE(scp.start(error));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        DyingScu scu;
        configureScu(scu, receiverNode(kKilledPort));
        scu.setProgressNotificationMode(OFTrue);
        OFList<OFString> syntaxes;
        syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
        scu.addPresentationContext(UID_CTImageStorage, syntaxes);
        ScuTransport tls;
        std::string failure;
        if (!associate(scu, receiverNode(kKilledPort), tls, failure)) {
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
    CHECK(sendOne(kKilledPort, study[2]) == 0);
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

    StorageScp scp("HFSCP", kHostilePort, (folder / "received").string());
    std::string error;
    REQUIRE(scp.start(error));
    CHECK_FALSE(std::filesystem::exists(folder / "received" / "1.2.3.7.part"));
    CHECK(sendOne(kHostilePort, hostile) == 0);
    // A storage class beyond the 120 common ones (an acceptor's list has no 128-context limit).
    DcmFileFormat uncommon;
    REQUIRE(uncommon.loadFile(file.c_str()).good());
    uncommon.getDataset()->putAndInsertString(DCM_SOPClassUID, UID_BreastProjectionXRayImageStorageForPresentation);
    uncommon.getDataset()->putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.2.1143.77.1");
    const std::string uncommonFile = (folder / "uncommon.dcm").string();
    REQUIRE(uncommon.saveFile(uncommonFile.c_str(), EXS_LittleEndianExplicit).good());
    CHECK(sendOne(kHostilePort, uncommonFile, UID_BreastProjectionXRayImageStorageForPresentation) == 0);
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
    StorageScp first("HFSCP", kTakenPort, (folder / "a").string()), second("HFSCP", kTakenPort, (folder / "b").string());
    std::string error;
    REQUIRE(first.start(error));
    CHECK(portIsListening(kTakenPort));
    CHECK_FALSE(portIsFree(kTakenPort));
    CHECK_FALSE(second.start(error));
    CHECK(error == "cannot listen on port " + std::to_string(kTakenPort) + " (it is in use)");
    first.stop();
    CHECK_FALSE(portIsListening(kTakenPort));
}

// DCMTK's own SCP pool corrupted the heap about once in twenty runs when an association was
// refused at once (its worker deleted itself while the listener still wrote into it): refusals
// from four senders at once, between accepted instances, must leave the receiver whole.
TEST_CASE("storage SCP: a burst of refused associations beside accepted ones is counted and leaves it serving", "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-refusals");
    const std::vector<std::string> study = phantomFiles(folder, 8);

    StorageScp scp("HFSCP", kBurstPort, (folder / "received").string());
    scp.setAllowedCallingAeTitles({"SENDER"});
    std::string error;
    REQUIRE(scp.start(error));
    constexpr int kStrangers = 4, kTries = 40;
    std::atomic<int> refusedAsUnknown{0};
    std::vector<std::thread> strangers;
    for (int s = 0; s < kStrangers; ++s)
        strangers.emplace_back([&] {
            PacsNode stranger = receiverNode(kBurstPort);
            stranger.callingAeTitle = "STRANGER";
            for (int i = 0; i < kTries; ++i) {
                NodeScu scu;
                configureScu(scu, stranger);
                OFList<OFString> syntaxes;
                syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
                scu.addPresentationContext(UID_VerificationSOPClass, syntaxes);
                ScuTransport tls;
                std::string why;
                if (!associate(scu, stranger, tls, why) && why.find("Association Rejected") != std::string::npos)
                    ++refusedAsUnknown;
            }
        });
    std::vector<Uint16> statuses;
    for (const std::string& file : study)
        statuses.push_back(sendOne(kBurstPort, file));
    for (auto& stranger : strangers)
        stranger.join();
    scp.stop();

    CHECK(refusedAsUnknown.load() == kStrangers * kTries);
    CHECK(scp.takeRefusals().size() == size_t(kStrangers * kTries));
    CHECK(statuses == std::vector<Uint16>(8, 0));
    CHECK(scp.received() == 8);
    CHECK(filesIn(folder / "received").size() == 8);
}

TEST_CASE("storage SCP: a ninth association at once is refused as busy, and a place that frees up is taken again", "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-busy");
    StorageScp scp("HFSCP", kBusyPort, (folder / "received").string());
    std::string error;
    REQUIRE(scp.start(error));
    auto open = [](NodeScu& scu, ScuTransport& tls, std::string& why) {
        configureScu(scu, receiverNode(kBusyPort));
        OFList<OFString> syntaxes;
        syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
        scu.addPresentationContext(UID_VerificationSOPClass, syntaxes);
        return associate(scu, receiverNode(kBusyPort), tls, why);
    };
    std::vector<ScuTransport> layers(9);
    std::vector<std::unique_ptr<NodeScu>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<NodeScu>());
        std::string why;
        REQUIRE(open(*held.back(), layers[i], why));
    }
    NodeScu ninth;
    std::string why;
    CHECK_FALSE(open(ninth, layers[8], why));
    CHECK(why.find("Association Rejected") != std::string::npos);
    CHECK(scp.takeRefusals().empty());  // not for its AE title: for the limit
    CHECK(held[0]->sendECHORequest(0).good());  // the eight held ones still answer
    held[0]->releaseAssociation();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // its worker is reaped at the listener's next turn
    NodeScu tenth;
    ScuTransport tenthTls;
    CHECK(open(tenth, tenthTls, why));
    tenth.releaseAssociation();
    for (int i = 1; i < 8; ++i)
        held[i]->releaseAssociation();
    scp.stop();
}

TEST_CASE("storage SCP: while the disk has less free than is kept, instances are refused as Out of Resources and nothing is written",
          "[storage-scp]")
{
    const auto folder = hf::test::scratch("storage-scp-room");
    const std::vector<std::string> files = phantomFiles(folder, 3);
    const std::string received = (folder / "received").string();
    {
        // More kept free than any disk has: every instance is refused, each answered.
        StorageScp scp("HFSCP", kRoomPort, received);
        scp.setKeepFree(std::uint64_t(1) << 60);
        std::string error;
        REQUIRE(scp.start(error));
        for (const std::string& file : files)
            CHECK(sendOne(kRoomPort, file) == STATUS_STORE_Refused_OutOfResources);
        scp.stop();
        CHECK(scp.received() == 0);
        CHECK(scp.takeStored().empty());
        CHECK(filesIn(received).empty());  // not even a ".part" or the place DCMTK was pointed at
        const StorageScp::RoomRefusals refused = scp.takeRoomRefusals();
        CHECK(refused.instances == 3);
        CHECK(refused.reason.rfind("the disk holding " + received + " has ", 0) == 0);
        CHECK(refused.reason.find(" MB kept free") != std::string::npos);
        CHECK(scp.takeRoomRefusals().instances == 0);  // taken once
    }
    // With room, the same receiver takes them.
    StorageScp scp("HFSCP", kRoomPort, received);
    scp.setKeepFree(1);
    std::string error;
    REQUIRE(scp.start(error));
    for (const std::string& file : files)
        CHECK(sendOne(kRoomPort, file) == 0);
    scp.stop();
    CHECK(scp.received() == 3);
    CHECK(filesIn(received).size() == 3);
    CHECK(scp.takeRoomRefusals().instances == 0);
}
