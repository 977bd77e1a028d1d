#pragma once
// Reads the tags of DICOM files (never their pixel data) into FrameHeaders, in parallel.
// Synchronous: the call returns when every file is read or cancel is set; worker threads live
// only inside the call. Safe to call from any thread.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/Progress.h"

#include <string>
#include <vector>

namespace hf {

struct ScanResult {
    std::vector<FrameHeader> frames;
    std::vector<FileError> errors;
    size_t filesSeen = 0;
};

class HeaderScanner {
public:
    explicit HeaderScanner(unsigned threads = 0);

    // PATHs may be files or folders (recursed). Non-DICOM files become errors, not exceptions.
    ScanResult scan(const std::vector<std::string>& paths, const ProgressSink& progress = {}) const;

    // One file; appends to result. Exposed for tests and fuzzing.
    static void scanFile(const std::string& path, ScanResult& result);

private:
    unsigned m_threads;
};

// Expands folders into the regular files below them, sorted by path.
std::vector<std::string> listFiles(const std::vector<std::string>& paths, std::vector<FileError>& errors);

} // namespace hf
