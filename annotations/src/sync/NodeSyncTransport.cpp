#include "hf/annotations/NodeSyncTransport.h"

#include "hf/dicomio/net/RemoteQuery.h"
#include "hf/dicomio/net/RemoteRetrieve.h"
#include "hf/dicomio/net/RemoteSend.h"

#include <filesystem>
#include <set>

namespace hf {

NodeSyncTransport::NodeSyncTransport(PacsNode node)
    : m_node(std::move(node))
{
}

std::string NodeSyncTransport::nodeName() const
{
    return nodeLabel(m_node);
}

std::string NodeSyncTransport::nodeIdentity() const
{
    return nodeAddress(m_node);
}

StoreAnswer NodeSyncTransport::store(const std::string& path, const std::string& sopClassUid)
{
    // Explicit VR Little Endian is how the sync writes every object (C-STORE or STOW-RS).
    const SendResult sent = sendToNode(m_node, {{path, sopClassUid, "1.2.840.10008.1.2.1"}});
    StoreAnswer answer;
    answer.ok = sent.ok && sent.sent == 1 && sent.failures.empty();
    answer.message = !sent.failures.empty() ? sent.failures.front() : sent.message;
    return answer;
}

FetchAnswer NodeSyncTransport::fetchReports(const std::string& studyUid, const std::string& folder,
                                            const std::function<int(const std::string&)>& held)
{
    FetchAnswer answer;
    RemoteQuery query;
    query.studyUid = studyUid;
    const RemoteQueryResult series = findRemote(m_node, query);
    if (!series.ok) {
        answer.message = series.message;
        return answer;
    }
    // Every object series: ours (SR, PR, KO) and other producers' (SEG, RTSTRUCT too).
    static const std::set<std::string> objectModalities{"SR", "PR", "KO", "SEG", "RTSTRUCT"};
    for (const RemoteRecord& s : series.records) {
        if (!objectModalities.count(s.series.modality))
            continue;
        const bool unchanging = s.series.modality == "SEG" || s.series.modality == "RTSTRUCT";
        if (unchanging && held && s.instances > 0 && held(s.series.uid) >= s.instances) {
            ++answer.skippedSeries;
            continue;
        }
        const RetrieveResult got = retrieveFromNode(m_node, studyUid, s.series.uid, folder);
        if (!got.ok) {
            answer.message = got.message;
            return answer;
        }
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.is_regular_file())
            answer.files.push_back(entry.path().string());
    answer.ok = true;
    answer.message = std::to_string(answer.files.size()) + " objects found on " + nodeName();
    return answer;
}

} // namespace hf
