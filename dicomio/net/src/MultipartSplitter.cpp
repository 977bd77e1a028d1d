#include "MultipartSplitter.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace hf {
namespace {
constexpr const char* kPartSuffix = ".part";
}

MultipartSplitter::MultipartSplitter(std::string folder)
    : m_folder(std::move(folder))
{
}

MultipartSplitter::~MultipartSplitter()
{
    finish();
    if (m_folderFd >= 0)
        close(m_folderFd);
}

bool MultipartSplitter::openPart()
{
    if (m_folderFd < 0)
        m_folderFd = open(m_folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_folderFd < 0)
        return false;
    // Under a ".part" name until whole: whoever watches the folder takes only whole files.
    m_partName = "wado-" + std::to_string(++m_index) + ".dcm" + kPartSuffix;
    m_head.clear();
    m_writeFailed = false;
    m_out = openat(m_folderFd, m_partName.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    return m_out >= 0;
}

bool MultipartSplitter::write(const char* data, size_t size)
{
    if (m_head.size() < 132)
        m_head.append(data, std::min(size, 132 - m_head.size()));
    while (size > 0) {
        const ssize_t written = ::write(m_out, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            m_writeFailed = true;
            return false;
        }
        data += written;
        size -= size_t(written);
    }
    return true;
}

void MultipartSplitter::closePart(bool complete)
{
    if (m_out < 0)
        return;
    const bool closed = close(m_out) == 0;
    m_out = -1;
    const bool dicom = m_head.size() == 132 && std::memcmp(m_head.data() + 128, "DICM", 4) == 0;
    const std::string whole = m_partName.substr(0, m_partName.size() - std::strlen(kPartSuffix));
    if (complete && dicom && closed && !m_writeFailed && renameat(m_folderFd, m_partName.c_str(), m_folderFd, whole.c_str()) == 0) {
        ++m_parts;
    } else {
        unlinkat(m_folderFd, m_partName.c_str(), 0);
        ++m_unusable;
    }
}

bool MultipartSplitter::feed(const char* data, size_t size)
{
    m_buffer.append(data, size);
    bool more = true;
    bool ok = true;
    while (ok && more)
        ok = step(more);
    // What was handled leaves the buffer once per chunk: erasing it part by part moved the rest of
    // a 512 kB chunk to the front for every instance in it.
    m_buffer.erase(0, m_consumed);
    m_consumed = 0;
    return ok;
}

// Where `what` starts in the unhandled bytes (npos: not there yet), looking only where it was
// not looked for before; each find is over at most a piece plus the pattern's length.
size_t MultipartSplitter::findUnsearched(const char* what, size_t length)
{
    const size_t at = m_buffer.find(what, m_consumed + m_searched, length);
    const size_t available = m_buffer.size() - m_consumed;
    if (at != std::string::npos)
        m_searched = 0;  // the caller moves m_consumed past it
    else
        m_searched = available >= length ? available - (length - 1) : 0;
    return at;
}

// One state's work on the unhandled bytes; `more` false when it needs the next chunk.
bool MultipartSplitter::step(bool& more)
{
    const size_t available = m_buffer.size() - m_consumed;
    switch (m_state) {
    case State::Preamble: {
        // The first line that starts with "--" is the first delimiter: it names the boundary.
        const size_t end = findUnsearched("\r\n", 2);
        if (m_preambleBytes + (end == std::string::npos ? available : end + 2 - m_consumed) > kMaxHeadBytes) {
            m_error = "no multipart boundary in the body's first " + std::to_string(kMaxHeadBytes / 1024) + " KB";
            return false;
        }
        if (end == std::string::npos) {
            more = false;
            return true;
        }
        const std::string line = m_buffer.substr(m_consumed, end - m_consumed);
        m_preambleBytes += end + 2 - m_consumed;
        m_consumed = end + 2;
        if (line.rfind("--", 0) == 0 && line.size() > 2) {
            m_delimiter = "\r\n" + line;
            m_findDelimiter.emplace(m_delimiter.cbegin(), m_delimiter.cend());
            m_state = State::Headers;
        }
        return true;
    }
    case State::AfterDelimiter:
        if (available < 2) {
            more = false;
            return true;
        }
        if (m_buffer.compare(m_consumed, 2, "--") == 0) {
            m_state = State::Done;
            m_consumed = m_buffer.size();
            more = false;
            return true;
        }
        m_consumed += m_buffer.compare(m_consumed, 2, "\r\n") == 0 ? 2 : 0;
        m_state = State::Headers;
        return true;
    case State::Headers: {
        const size_t end = findUnsearched("\r\n\r\n", 4);
        if ((end == std::string::npos ? available : end - m_consumed) > kMaxHeadBytes) {
            m_error = "the headers of part " + std::to_string(m_index + 1) + " are longer than " +
                      std::to_string(kMaxHeadBytes / 1024) + " KB";
            return false;
        }
        if (end == std::string::npos) {
            more = false;
            return true;
        }
        m_consumed = end + 4;
        if (!openPart())
            return false;
        m_state = State::Body;
        return true;
    }
    case State::Body: {
        const auto from = m_buffer.cbegin() + std::ptrdiff_t(m_consumed);
        const auto found = (*m_findDelimiter)(from, m_buffer.cend()).first;
        if (found == m_buffer.cend()) {
            // Keep what could be the start of a delimiter split across two chunks.
            if (available >= m_delimiter.size()) {
                const size_t safe = available - (m_delimiter.size() - 1);
                if (!write(m_buffer.data() + m_consumed, safe))
                    return false;
                m_consumed += safe;
            }
            more = false;
            return true;
        }
        const size_t at = size_t(found - from);
        if (!write(m_buffer.data() + m_consumed, at))
            return false;
        closePart(true);
        m_consumed += at + m_delimiter.size();
        m_state = State::AfterDelimiter;
        return true;
    }
    case State::Done:
        m_consumed = m_buffer.size();
        more = false;
        return true;
    }
    more = false;
    return true;
}

void MultipartSplitter::finish()
{
    closePart(false);  // still open: the body ended inside it
}

} // namespace hf
