#include "ArrivalImporter.h"

#include "hf/annotations/CacheImporter.h"

#include <chrono>
#include <exception>

namespace hf {

namespace {
constexpr std::chrono::milliseconds kPause(400);
}

ArrivalImporter::ArrivalImporter(CacheDatabase& db, const CacheFileStore* store, std::function<void(int)> onBatch, bool firstAtOnce)
    : m_db(db)
    , m_store(store)
    , m_onBatch(std::move(onBatch))
    , m_firstAtOnce(firstAtOnce)
    , m_thread([this] { importWhileArriving(); })
{
}

ArrivalImporter::~ArrivalImporter()
{
    finish();
}

void ArrivalImporter::add(std::vector<std::string> files)
{
    if (files.empty())
        return;
    {
        const std::lock_guard<std::mutex> guard(m_lock);
        m_waiting.insert(m_waiting.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
    }
    m_wake.notify_one();
}

int ArrivalImporter::finish()
{
    {
        const std::lock_guard<std::mutex> guard(m_lock);
        m_finishing = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    return m_added;
}

std::string ArrivalImporter::error()
{
    const std::lock_guard<std::mutex> guard(m_lock);
    return m_error;
}

void ArrivalImporter::importWhileArriving()
{
    bool first = m_firstAtOnce;
    for (;;) {
        std::vector<std::string> batch;
        {
            std::unique_lock<std::mutex> held(m_lock);
            // The first file at once when a reader waits for it; then batches at most every
            // kPause: each batch forks scanning processes and commits. Measured in the window
            // on 500 instances (docs/performance.md): without a pause the first image took
            // 909 ms and the whole study 1993 ms, with 400 ms 294 and 837 ms (the CLI alone is
            // a little faster without one).
            if (!first)
                m_wake.wait_for(held, kPause, [this] { return m_finishing; });
            first = false;
            m_wake.wait(held, [this] { return m_finishing || !m_waiting.empty(); });
            if (m_waiting.empty())
                return;  // finishing, nothing left
            batch.swap(m_waiting);
        }
        // Received once, then renamed into the store: no second write of the pixels.
        try {
            CacheImporter importer(m_db, m_store);
            importer.moveIntoStore(true);
            const int added = int(importer.import(batch).added.instances);
            m_added += added;
            if (m_onBatch)
                m_onBatch(added);
        } catch (const std::exception& e) {
            // The files stay where they arrived; the retrieval reports the count it got into
            // the cache, which is then short (a cache that cannot be written: disk full).
            const std::lock_guard<std::mutex> guard(m_lock);
            if (m_error.empty())
                m_error = e.what();
        }
    }
}

} // namespace hf
