#pragma once
// Indexes a retrieval's instances while it runs, so the first image can open long before the
// last arrives: the retrieving thread hands over files that are complete, and a thread of this
// class moves them into the store and indexes them in batches (whatever came in while the last
// batch was being indexed). The database connection belongs to that thread from construction
// until finish() returns: the caller must not use it meanwhile.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hf {

class CacheDatabase;
class CacheFileStore;

class ArrivalImporter {
public:
    // onBatch: after each batch is indexed, with the instances it added, on the importing thread.
    // firstAtOnce: the first file is indexed as soon as it is handed over (someone waits to see
    // it); otherwise it waits for the pause like every batch after it.
    ArrivalImporter(CacheDatabase& db, const CacheFileStore* store, std::function<void(int added)> onBatch, bool firstAtOnce);
    ~ArrivalImporter();
    ArrivalImporter(const ArrivalImporter&) = delete;
    ArrivalImporter& operator=(const ArrivalImporter&) = delete;

    void add(std::vector<std::string> files);
    // Indexes what is still waiting, ends the thread; the instances added in all.
    int finish();
    // Why a batch could not be indexed (the first failure), or empty.
    std::string error();

private:
    void importWhileArriving();

    CacheDatabase& m_db;
    const CacheFileStore* m_store;
    std::function<void(int)> m_onBatch;
    bool m_firstAtOnce;
    std::mutex m_lock;
    std::condition_variable m_wake;
    std::vector<std::string> m_waiting;
    bool m_finishing = false;
    int m_added = 0;
    std::string m_error;
    std::thread m_thread;
};

} // namespace hf
