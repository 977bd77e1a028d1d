#pragma once
// What the retrieval tests against the test Orthanc share: the three ways a study is retrieved
// (the CLI's node options, and how the result names the way and the node) and the datasets of a
// folder's files, to compare what arrived with what was sent.
#include "OrthancPeer.h"
#include "ProcessRunner.h"

#include <QDirIterator>
#include <QStringList>

#include <map>
#include <vector>

namespace hf::test::orthanc {

// Where our storage SCP listens for C-MOVE: the test Orthanc knows HOUNSFIELD there
// (tests/pacs/orthanc.sh: DICOM port + 18).
inline const QString movePort = QString::number(HF_ORTHANC_DICOM + 18);

struct RetrieveWay {
    const char* name;
    QStringList node;
    const char* method;
    const char* from;
};

inline const std::vector<RetrieveWay>& retrieveWays()
{
    static const std::vector<RetrieveWay> ways{
        {"move", {"--node", dimseNode, "--method", "move", "--storage-port", movePort}, "C-MOVE", "ORTHANC@127.0.0.1"},
        {"get", {"--node", dimseNode, "--method", "get"}, "C-GET", "ORTHANC@127.0.0.1"},
        {"wado", {"--node", webNode}, "WADO-RS", "http://127.0.0.1"},
    };
    return ways;
}

// Every file's dataset as dcmdump prints it, without the file meta group (which a transfer
// may rewrite), by SOP Instance UID.
inline std::map<QString, QString> datasets(const QString& folder)
{
    std::map<QString, QString> out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const ProcessResult dumped = runProcess("dcmdump", {"-q", "+L", "+U8", file});
        if (dumped.exitCode != 0)
            continue;
        QStringList lines;
        QString sop;
        for (const QString& line : dumped.out.split('\n')) {
            if (line.startsWith("(0002,") || line.startsWith("#") || line.trimmed().isEmpty())
                continue;
            if (line.startsWith("(0008,0018)"))
                sop = line.section('[', 1).section(']', 0, 0);
            lines << line;
        }
        out[sop] = lines.join('\n');
    }
    return out;
}

} // namespace hf::test::orthanc
