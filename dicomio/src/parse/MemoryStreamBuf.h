#pragma once
// A read-only, seekable stream buffer over bytes already in memory, so GDCM can parse a header
// the preflight has read without opening the file a second time (std::istringstream would copy).
#include <streambuf>
#include <string>

namespace hf {

class MemoryStreamBuf : public std::streambuf {
public:
    explicit MemoryStreamBuf(const std::string& bytes)
    {
        char* begin = const_cast<char*>(bytes.data());  // never written: no put area
        setg(begin, begin, begin + bytes.size());
    }

protected:
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode which) override
    {
        if (!(which & std::ios_base::in))
            return pos_type(off_type(-1));
        const off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? gptr() - eback() : egptr() - eback();
        return seekpos(pos_type(base + offset), which);
    }

    pos_type seekpos(pos_type position, std::ios_base::openmode which) override
    {
        const off_type at = off_type(position);
        if (!(which & std::ios_base::in) || at < 0 || at > egptr() - eback())
            return pos_type(off_type(-1));
        setg(eback(), eback() + at, egptr());
        return position;
    }
};

} // namespace hf
