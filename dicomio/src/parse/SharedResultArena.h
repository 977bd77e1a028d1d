#pragma once
// Shared memory where child processes leave one result (a byte string) per job for the parent.
// A result counts only once its job's entry is written, after its bytes: a child that dies
// half-way leaves nothing the parent would read. Virtual space is reserved up front; pages are
// committed only as results arrive.
#include <cstddef>
#include <optional>
#include <string>

namespace hf {

class SharedResultArena {
public:
    SharedResultArena(size_t jobCount, size_t capacityBytes);
    ~SharedResultArena();
    SharedResultArena(const SharedResultArena&) = delete;
    SharedResultArena& operator=(const SharedResultArena&) = delete;

    // From a child: stores job's result; false when the arena is full.
    bool put(size_t job, const std::string& bytes);
    // From the parent, after the children are done.
    std::optional<std::string> get(size_t job) const;

private:
    struct Header;
    size_t m_jobCount, m_capacity, m_mappedBytes;
    void* m_memory;
    Header* header() const;
};

} // namespace hf
