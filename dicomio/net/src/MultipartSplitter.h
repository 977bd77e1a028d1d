#pragma once
// Splits a multipart/related body (WADO-RS) into one file per part as it streams in, without
// holding the body: the boundary is read from the body's first delimiter line, each part's
// content goes straight to its own file (named "*.part" until it is whole), and a part that is not a DICOM file (no "DICM" at
// 128) or that the stream cut short is removed and counted. Internal to dicomio.
#include <fstream>
#include <functional>
#include <optional>
#include <string>

namespace hf {

class MultipartSplitter {
public:
    explicit MultipartSplitter(std::string folder);
    ~MultipartSplitter();
    // False when a part cannot be written.
    bool feed(const char* data, size_t size);
    // The end of the body: an unfinished part is dropped.
    void finish();
    int parts() const { return m_parts; }        // DICOM files written
    int unusable() const { return m_unusable; }  // parts dropped
    bool sawBoundary() const { return !m_delimiter.empty(); }

private:
    enum class State { Preamble, AfterDelimiter, Headers, Body, Done };
    bool write(const char* data, size_t size);
    void closePart(bool complete);

    std::string m_folder, m_delimiter, m_buffer, m_path, m_head;
    // Finds the delimiter in pixel data without stopping at every CR byte (memchr would).
    std::optional<std::boyer_moore_horspool_searcher<std::string::const_iterator>> m_findDelimiter;
    std::ofstream m_out;
    State m_state = State::Preamble;
    int m_index = 0, m_parts = 0, m_unusable = 0;
};

} // namespace hf
