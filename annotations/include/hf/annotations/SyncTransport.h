#pragma once
// How the sync reaches a PACS: store one object and have it confirmed, and fetch the
// measurement reports a study has there. An interface so that the engine is tested against a
// real Orthanc (NodeSyncTransport) and so that other transports (STOW-RS) can follow.
#include <functional>
#include <string>
#include <vector>

namespace hf {

struct StoreAnswer {
    bool ok = false;  // the node confirmed it holds the instance
    std::string message;
};

struct FetchAnswer {
    bool ok = false;
    std::string message;
    std::vector<std::string> files;  // what arrived, in the caller's folder
    int skippedSeries = 0;           // left out: the cache holds all their instances already
};

class SyncTransport {
public:
    virtual ~SyncTransport() = default;
    virtual std::string nodeName() const = 0;
    // What stays the same when the node is renamed (AET@HOST:PORT or the base URL): the engine
    // notices a switch to another node by it.
    virtual std::string nodeIdentity() const = 0;
    virtual StoreAnswer store(const std::string& path, const std::string& sopClassUid) = 0;
    // The study's object instances on the node (SR, PR, KO, SEG, RTSTRUCT: ours and other
    // producers'), downloaded into `folder` (created if needed). held(series UID): how many of
    // the series' instances the cache holds; SEG and RTSTRUCT series (never ours, never edited,
    // often large) of which the node has no more are left out. SR, PR and KO always come: that
    // is where annotations change.
    virtual FetchAnswer fetchReports(const std::string& studyUid, const std::string& folder,
                                     const std::function<int(const std::string&)>& held) = 0;
};

} // namespace hf
