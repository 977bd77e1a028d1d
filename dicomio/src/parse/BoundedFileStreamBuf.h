#pragma once
// A read-only, seekable stream over the first `limit` bytes of a file. The decoders read a file
// through it up to the end of its Pixel Data: what follows (padding, signatures, or a hostile
// element claiming gigabytes) is never parsed, since nothing checked it.
#include <cstdint>
#include <streambuf>
#include <string>
#include <vector>

namespace hf {

class BoundedFileStreamBuf : public std::streambuf {
public:
    BoundedFileStreamBuf(const std::string& path, std::uint64_t limit);
    ~BoundedFileStreamBuf() override;
    BoundedFileStreamBuf(const BoundedFileStreamBuf&) = delete;
    BoundedFileStreamBuf& operator=(const BoundedFileStreamBuf&) = delete;

    bool isOpen() const { return m_fd >= 0; }

protected:
    int_type underflow() override;
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode which) override;
    pos_type seekpos(pos_type position, std::ios_base::openmode which) override;

private:
    std::uint64_t position() const { return m_bufferStart + std::uint64_t(gptr() - eback()); }

    int m_fd;
    std::uint64_t m_limit;
    std::uint64_t m_bufferStart = 0;  // file offset of the buffer's first byte
    std::vector<char> m_buffer;
};

} // namespace hf
