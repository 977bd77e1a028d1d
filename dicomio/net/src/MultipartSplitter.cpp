#include "MultipartSplitter.h"

#include <cstdio>
#include <cstring>

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
}

bool MultipartSplitter::write(const char* data, size_t size)
{
    if (m_head.size() < 132)
        m_head.append(data, std::min(size, 132 - m_head.size()));
    m_out.write(data, std::streamsize(size));
    return bool(m_out);
}

void MultipartSplitter::closePart(bool complete)
{
    if (!m_out.is_open())
        return;
    m_out.close();
    const bool dicom = m_head.size() == 132 && std::memcmp(m_head.data() + 128, "DICM", 4) == 0;
    const std::string whole = m_path.substr(0, m_path.size() - std::strlen(kPartSuffix));
    if (complete && dicom && m_out && std::rename(m_path.c_str(), whole.c_str()) == 0) {
        ++m_parts;
    } else {
        std::remove(m_path.c_str());
        ++m_unusable;
    }
}

bool MultipartSplitter::feed(const char* data, size_t size)
{
    m_buffer.append(data, size);
    for (;;) {
        switch (m_state) {
        case State::Preamble: {
            // The first line that starts with "--" is the first delimiter: it names the boundary.
            const size_t end = m_buffer.find("\r\n");
            if (end == std::string::npos)
                return true;
            const std::string line = m_buffer.substr(0, end);
            m_buffer.erase(0, end + 2);
            if (line.rfind("--", 0) == 0 && line.size() > 2) {
                m_delimiter = "\r\n" + line;
                m_findDelimiter.emplace(m_delimiter.cbegin(), m_delimiter.cend());
                m_state = State::Headers;
            }
            break;
        }
        case State::AfterDelimiter:
            if (m_buffer.size() < 2)
                return true;
            if (m_buffer.compare(0, 2, "--") == 0) {
                m_state = State::Done;
                m_buffer.clear();
                return true;
            }
            m_buffer.erase(0, m_buffer.compare(0, 2, "\r\n") == 0 ? 2 : 0);
            m_state = State::Headers;
            break;
        case State::Headers: {
            const size_t end = m_buffer.find("\r\n\r\n");
            if (end == std::string::npos)
                return true;
            m_buffer.erase(0, end + 4);
            // Under a ".part" name until whole: whoever watches the folder takes only whole files.
            m_path = m_folder + "/wado-" + std::to_string(++m_index) + ".dcm" + kPartSuffix;
            m_head.clear();
            m_out.open(m_path, std::ios::binary | std::ios::trunc);
            if (!m_out)
                return false;
            m_state = State::Body;
            break;
        }
        case State::Body: {
            const auto found = (*m_findDelimiter)(m_buffer.cbegin(), m_buffer.cend()).first;
            const size_t at = found == m_buffer.cend() ? std::string::npos : size_t(found - m_buffer.cbegin());
            if (at == std::string::npos) {
                // Keep what could be the start of a delimiter split across two chunks.
                if (m_buffer.size() >= m_delimiter.size()) {
                    const size_t safe = m_buffer.size() - (m_delimiter.size() - 1);
                    if (!write(m_buffer.data(), safe))
                        return false;
                    m_buffer.erase(0, safe);
                }
                return true;
            }
            if (!write(m_buffer.data(), at))
                return false;
            closePart(true);
            m_buffer.erase(0, at + m_delimiter.size());
            m_state = State::AfterDelimiter;
            break;
        }
        case State::Done:
            m_buffer.clear();
            return true;
        }
    }
}

void MultipartSplitter::finish()
{
    closePart(false);  // still open: the body ended inside it
}

} // namespace hf
