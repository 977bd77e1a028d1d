#include "SharedResultArena.h"

#include <sys/mman.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace hf {

struct SharedResultArena::Header {
    std::atomic<size_t> used;
    struct Entry {
        std::atomic<size_t> offset;  // 1 + offset into data once complete; 0 = no result
        size_t length;
    } entries[1];
};

SharedResultArena::SharedResultArena(size_t jobCount, size_t capacityBytes)
    : m_jobCount(jobCount)
    , m_capacity(capacityBytes)
    , m_mappedBytes(sizeof(Header) + (jobCount + 1) * sizeof(Header::Entry) + capacityBytes)
    , m_memory(mmap(nullptr, m_mappedBytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0))
{
    if (m_memory == MAP_FAILED)
        throw std::runtime_error("cannot map shared memory for scanner processes");
}

SharedResultArena::~SharedResultArena()
{
    munmap(m_memory, m_mappedBytes);
}

SharedResultArena::Header* SharedResultArena::header() const
{
    return static_cast<Header*>(m_memory);
}

bool SharedResultArena::put(size_t job, const std::string& bytes)
{
    if (job >= m_jobCount)
        return false;
    const size_t offset = header()->used.fetch_add(bytes.size());
    if (offset + bytes.size() > m_capacity)
        return false;
    char* data = static_cast<char*>(m_memory) + sizeof(Header) + (m_jobCount + 1) * sizeof(Header::Entry);
    std::memcpy(data + offset, bytes.data(), bytes.size());
    header()->entries[job].length = bytes.size();
    header()->entries[job].offset.store(offset + 1, std::memory_order_release);
    return true;
}

std::optional<std::string> SharedResultArena::get(size_t job) const
{
    if (job >= m_jobCount)
        return std::nullopt;
    const size_t stored = header()->entries[job].offset.load(std::memory_order_acquire);
    if (stored == 0)
        return std::nullopt;
    const char* data = static_cast<const char*>(m_memory) + sizeof(Header) + (m_jobCount + 1) * sizeof(Header::Entry);
    return std::string(data + stored - 1, header()->entries[job].length);
}

} // namespace hf
