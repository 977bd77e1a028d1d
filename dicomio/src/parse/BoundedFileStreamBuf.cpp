#include "BoundedFileStreamBuf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace hf {

BoundedFileStreamBuf::BoundedFileStreamBuf(const std::string& path, std::uint64_t limit)
    : m_fd(open(path.c_str(), O_RDONLY | O_CLOEXEC))
    , m_limit(limit)
    , m_buffer(size_t(1) << 16)
{
    struct stat st {};
    if (m_fd >= 0 && fstat(m_fd, &st) == 0)
        m_limit = std::min<std::uint64_t>(m_limit, std::uint64_t(st.st_size));
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
}

BoundedFileStreamBuf::~BoundedFileStreamBuf()
{
    if (m_fd >= 0)
        close(m_fd);
}

BoundedFileStreamBuf::int_type BoundedFileStreamBuf::underflow()
{
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    const std::uint64_t at = position();
    if (m_fd < 0 || at >= m_limit)
        return traits_type::eof();
    const size_t want = size_t(std::min<std::uint64_t>(m_buffer.size(), m_limit - at));
    const ssize_t got = pread(m_fd, m_buffer.data(), want, off_t(at));
    if (got <= 0)
        return traits_type::eof();
    m_bufferStart = at;
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
    return traits_type::to_int_type(*gptr());
}

BoundedFileStreamBuf::pos_type BoundedFileStreamBuf::seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode which)
{
    const off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? off_type(position()) : off_type(m_limit);
    return seekpos(pos_type(base + offset), which);
}

BoundedFileStreamBuf::pos_type BoundedFileStreamBuf::seekpos(pos_type position, std::ios_base::openmode which)
{
    const off_type at = off_type(position);
    if (!(which & std::ios_base::in) || at < 0 || std::uint64_t(at) > m_limit)
        return pos_type(off_type(-1));
    const std::uint64_t target = std::uint64_t(at);
    if (target >= m_bufferStart && target <= m_bufferStart + std::uint64_t(egptr() - eback())) {
        setg(eback(), eback() + (target - m_bufferStart), egptr());  // inside what is buffered
    } else {
        m_bufferStart = target;
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data());  // read from there on demand
    }
    return position;
}

} // namespace hf
