#pragma once
// Splits a multipart/related body (WADO-RS) into one file per part as it streams in, without
// holding the body: the boundary is read from the body's first delimiter line, each part's
// content goes straight to its own file (named "*.part" until it is whole), and a part that is
// not a DICOM file (no "DICM" at 128) or that the stream cut short is removed and counted.
// What it holds is bounded whatever the server sends: a preamble or a part's headers longer
// than 64 KB stop the split (error() says which). Internal to dicomio.
#include <functional>
#include <optional>
#include <string>

namespace hf {

class MultipartSplitter {
public:
    explicit MultipartSplitter(std::string folder);
    ~MultipartSplitter();
    MultipartSplitter(const MultipartSplitter&) = delete;
    MultipartSplitter& operator=(const MultipartSplitter&) = delete;
    // False when a part cannot be written or the body is not one we split (error()).
    bool feed(const char* data, size_t size);
    // The end of the body: an unfinished part is dropped.
    void finish();
    int parts() const { return m_parts; }        // DICOM files written
    int unusable() const { return m_unusable; }  // parts dropped
    bool sawBoundary() const { return !m_delimiter.empty(); }
    // Why feed() refused the body ("" when it did not, or when a part could not be written).
    const std::string& error() const { return m_error; }
    static constexpr size_t kMaxHeadBytes = 64 * 1024;  // the preamble, and each part's headers

private:
    enum class State { Preamble, AfterDelimiter, Headers, Body, Done };
    bool step(bool& more);
    size_t findUnsearched(const char* what, size_t length);
    bool openPart();
    bool write(const char* data, size_t size);
    void closePart(bool complete);

    std::string m_folder, m_delimiter, m_buffer, m_partName, m_head, m_error;
    size_t m_preambleBytes = 0;
    size_t m_consumed = 0;  // bytes of m_buffer already handled (dropped once per feed, not per part)
    // Unhandled bytes already searched for the end of a preamble line or of part headers: a
    // server sending them a byte at a time would otherwise have them searched again per byte.
    size_t m_searched = 0;
    // Finds the delimiter in pixel data without stopping at every CR byte (memchr would).
    std::optional<std::boyer_moore_horspool_searcher<std::string::const_iterator>> m_findDelimiter;
    // Parts are opened and renamed relative to the folder: a path walk of one name, not of the
    // whole path, for each of hundreds of instances.
    int m_folderFd = -1;
    int m_out = -1;
    bool m_writeFailed = false;
    State m_state = State::Preamble;
    int m_index = 0, m_parts = 0, m_unusable = 0;
};

} // namespace hf
