#pragma once
// An in-process PACS for the sync engine's unit tests: it keeps what it is sent (once per SOP
// Instance UID, like a real archive), serves a study's SRs back, and can refuse every call or
// store an object but lose the answer. Everything sent is recorded, so a test can check that a
// retry sends the same instances. Test code; one thread.
#include "hf/annotations/SyncTransport.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace hf::test {

class FakeSyncTransport : public SyncTransport {
public:
    enum class Behaviour { Answer, Refuse, StoreButLoseAnswer };
    struct Held {
        std::string studyUid, sopClassUid;
        std::filesystem::path file;
    };

    FakeSyncTransport(std::string identity, std::filesystem::path archive)
        : m_identity(std::move(identity))
        , m_archive(std::move(archive))
    {
        std::filesystem::create_directories(m_archive);
    }

    Behaviour behaviour = Behaviour::Answer;
    int storeCalls = 0, fetchCalls = 0;
    std::set<std::string> attempted;   // every SOP Instance UID ever sent, answered or not
    std::map<std::string, Held> held;  // SOP Instance UID -> what the archive keeps

    std::string nodeName() const override { return "fake " + m_identity; }
    std::string nodeIdentity() const override { return m_identity; }

    StoreAnswer store(const std::string& path, const std::string& sopClassUid) override
    {
        ++storeCalls;
        DcmFileFormat file;
        if (file.loadFile(path.c_str()).bad())
            return {false, "fake archive: cannot read " + path};
        OFString study, sop;
        file.getDataset()->findAndGetOFString(DCM_StudyInstanceUID, study);
        file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop);
        attempted.insert(sop.c_str());
        if (behaviour == Behaviour::Refuse)
            return {false, "connection refused (fake archive)"};
        const std::filesystem::path kept = m_archive / (std::string(sop.c_str()) + ".dcm");
        std::filesystem::copy_file(path, kept, std::filesystem::copy_options::overwrite_existing);
        held[sop.c_str()] = {study.c_str(), sopClassUid, kept};
        if (behaviour == Behaviour::StoreButLoseAnswer)
            return {false, "association aborted after the store (fake archive)"};
        return {true, {}};
    }

    // Holds only SRs (never SEG or RTSTRUCT), so nothing is left out for `held`.
    FetchAnswer fetchReports(const std::string& studyUid, const std::string& folder, const std::function<int(const std::string&)>&) override
    {
        ++fetchCalls;
        if (behaviour == Behaviour::Refuse)
            return {false, "connection refused (fake archive)", {}, 0};
        std::filesystem::create_directories(folder);
        FetchAnswer answer{true, {}, {}, 0};
        for (const auto& [sop, h] : held)
            if (h.studyUid == studyUid && h.sopClassUid == kComprehensive3dSr) {
                const std::string copy = folder + "/" + sop + ".dcm";
                std::filesystem::copy_file(h.file, copy, std::filesystem::copy_options::overwrite_existing);
                answer.files.push_back(copy);
            }
        return answer;
    }

    int heldOfClass(const std::string& sopClassUid) const
    {
        int n = 0;
        for (const auto& [sop, h] : held)
            n += h.sopClassUid == sopClassUid;
        return n;
    }

    static constexpr const char* kComprehensive3dSr = "1.2.840.10008.5.1.4.1.1.88.34";
    static constexpr const char* kGsps = "1.2.840.10008.5.1.4.1.1.11.1";

private:
    std::string m_identity;
    std::filesystem::path m_archive;
};

} // namespace hf::test
