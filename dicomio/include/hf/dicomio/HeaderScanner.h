#pragma once
// Reads the tags of DICOM files (never their pixel data) into FrameHeaders, in parallel.
// By default GDCM parses only in forked child processes: Debian's GDCM aborts on some hostile
// headers, and that must cost one file, not the application. Files our own reader reads (little
// endian data sets with a meta header: nearly all) are read on threads. Synchronous: the call returns when
// every file is read or cancel is set; workers live only inside the call. Any thread.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/Progress.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace hf {

struct ScanResult {
    std::vector<FrameHeader> frames;
    // Instances with no image to stack (SR, PR, KO, SEG, RT objects, waveforms, documents: see
    // SopClasses.h), one header each: identity fields only, framesInFile 0.
    std::vector<FrameHeader> objects;
    std::vector<FileError> errors;
    size_t filesSeen = 0;
    // Files a scanned DICOMDIR refers to; scan() reads them too.
    std::vector<std::string> referencedFiles;
};

class HeaderScanner {
public:
    enum class Isolation { ChildProcesses, Threads };

    explicit HeaderScanner(unsigned workers = 0, Isolation isolation = Isolation::ChildProcesses);

    // PATHs may be files, folders (recursed) or DICOMDIRs (their referenced files are read).
    // Non-DICOM files become errors, not exceptions.
    ScanResult scan(const std::vector<std::string>& paths, const ProgressSink& progress = {}) const;

    // As scan(), but each run of files read (in file order) is handed to `consumer` as soon as
    // it is complete, on the calling thread, so that indexing can start while the rest is read;
    // the consumer owns what it gets. Returns how many files were seen.
    using ScanConsumer = std::function<void(ScanResult&& completed)>;
    size_t scanStreaming(const std::vector<std::string>& paths, const ScanConsumer& consumer, const ProgressSink& progress = {}) const;

    // One file; appends to result. Exposed for tests and fuzzing.
    static void scanFile(const std::string& path, ScanResult& result);
    // GDCM's read of one file (after the preflight), for what our own reader leaves to it.
    // Defined beside GDCM (parse/GdcmHeaderScan.cpp); a program that must start without GDCM
    // defines its own, which loads GDCM from elsewhere (hounsfield-cli's network module).
    static void scanFileWithGdcm(const std::string& path, ScanResult& result);
    // Makes GDCM ready in this process before the scanning children fork, so that they inherit
    // it (loading a library in a child of a threaded process is not safe). Defined with
    // scanFileWithGdcm; nothing to do where GDCM is linked.
    static void prepareGdcm();

private:
    // perFile[i] for files[i]; onRange(from, to) as runs of files complete (child processes only).
    using RangeDone = std::function<void(std::vector<ScanResult>& perFile, size_t from, size_t to)>;
    std::vector<ScanResult> scanFiles(const std::vector<std::string>& files, const ProgressSink& progress,
                                      const RangeDone& onRange = {}) const;
    // files[which[j]] parsed with GDCM in child processes, into perFile[which[j]].
    void scanWithGdcmInChildren(const std::vector<std::string>& files, const std::vector<size_t>& which,
                                std::vector<ScanResult>& perFile, const ProgressSink& progress, std::atomic<size_t>& done) const;

    unsigned m_workers;
    Isolation m_isolation;
};

// Expands folders into the regular files below them, sorted by path.
std::vector<std::string> listFiles(const std::vector<std::string>& paths, std::vector<FileError>& errors);

} // namespace hf
