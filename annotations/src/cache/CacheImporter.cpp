#include "hf/annotations/CacheImporter.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRebuild.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <iterator>
#include <list>
#include <mutex>
#include <thread>

namespace hf {

CacheImporter::CacheImporter(CacheDatabase& db, const CacheFileStore* store, size_t batchSize)
    : m_db(db)
    , m_store(store)
    , m_batchSize(std::max<size_t>(1, batchSize))
{
}

ImportResult CacheImporter::import(const std::vector<std::string>& paths, const ProgressSink& progress, const BatchDone& onBatch)
{
    ImportResult result;
    StudyIndex index(m_db);
    // One scan over everything; as runs of files are read, batches go to a writer thread that
    // indexes them while the children read on, so the index costs little beyond the scan.
    // Batches stay in place (a list) and are moved into the result at the end, never copied.
    std::list<ScanResult> batches;  // frames and objects (no errors: those go to the result at once)
    std::deque<ScanResult*> queue;
    std::mutex mutex;
    std::condition_variable ready;
    bool scanning = true;
    std::exception_ptr writeError;
    std::thread writer([&] {
        for (;;) {
            ScanResult* batch = nullptr;
            {
                std::unique_lock<std::mutex> lock(mutex);
                ready.wait(lock, [&] { return !queue.empty() || !scanning; });
                if (queue.empty())
                    return;
                batch = queue.front();
                queue.pop_front();
            }
            if (writeError)
                continue;  // drain; the first failure is rethrown
            try {
                const IndexCounts added = index.add(batch->frames, batch->objects);
                result.added.patients += added.patients;
                result.added.studies += added.studies;
                result.added.series += added.series;
                result.added.instances += added.instances;
                if (onBatch)
                    onBatch(added);
            } catch (...) {
                writeError = std::current_exception();
            }
        }
    });
    // A FrameHeader is large: room for a batch made once, not grown by doubling (each growth
    // moved every header again).
    const size_t batchRoom = std::min(m_batchSize, paths.size());
    ScanResult current;
    current.frames.reserve(batchRoom);
    auto handOver = [&] {
        if (current.frames.empty() && current.objects.empty())
            return;
        if (m_store) {
            if (m_move) {
                m_store->moveIn(current.frames, result.scan.errors);
                m_store->moveIn(current.objects, result.scan.errors);
            } else {
                m_store->copyIn(current.frames, result.scan.errors);
                m_store->copyIn(current.objects, result.scan.errors);
            }
        }
        std::lock_guard<std::mutex> lock(mutex);
        batches.push_back(std::move(current));
        queue.push_back(&batches.back());
        current = ScanResult();
        current.frames.reserve(batchRoom);
        ready.notify_one();
    };
    try {
        // The index outlives the working folder: a relative PATH is kept as the absolute one.
        std::vector<std::string> absolute;
        for (const std::string& path : paths) {
            std::error_code error;
            const auto full = std::filesystem::absolute(path, error);
            absolute.push_back(error ? path : full.lexically_normal().string());
        }
        result.scan.filesSeen = HeaderScanner().scanStreaming(
            absolute,
            [&](ScanResult&& run) {
                std::move(run.errors.begin(), run.errors.end(), std::back_inserter(result.scan.errors));
                std::move(run.frames.begin(), run.frames.end(), std::back_inserter(current.frames));
                std::move(run.objects.begin(), run.objects.end(), std::back_inserter(current.objects));
                if (current.frames.size() + current.objects.size() >= m_batchSize)
                    handOver();
            },
            progress);
        handOver();
    } catch (...) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            scanning = false;
        }
        ready.notify_one();
        writer.join();
        throw;
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        scanning = false;
    }
    ready.notify_one();
    writer.join();
    if (writeError)
        std::rethrow_exception(writeError);
    // Room made once here too.
    size_t frames = result.scan.frames.size(), objects = result.scan.objects.size();
    for (const auto& batch : batches) {
        frames += batch.frames.size();
        objects += batch.objects.size();
    }
    result.scan.frames.reserve(frames);
    result.scan.objects.reserve(objects);
    for (auto& batch : batches) {
        std::move(batch.frames.begin(), batch.frames.end(), std::back_inserter(result.scan.frames));
        std::move(batch.objects.begin(), batch.objects.end(), std::back_inserter(result.scan.objects));
    }
    rememberSources(m_db.path(), m_store ? std::vector<std::string>{m_store->folder()} : paths);
    return result;
}

} // namespace hf
