#include "hf/annotations/CacheImporter.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheRebuild.h"

#include <exception>
#include <iterator>
#include <list>
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
    const std::vector<std::string> files = listFiles(paths, result.scan.errors);
    StudyIndex index(m_db);
    std::thread writer;
    std::exception_ptr writeError;
    auto waitForWriter = [&] {
        if (writer.joinable())
            writer.join();
        if (writeError)
            std::rethrow_exception(writeError);
    };
    // Batches stay where they are (a list) while the writer indexes one and the next is scanned;
    // they are moved into the result at the end, never copied.
    std::list<std::vector<FrameHeader>> batches;
    for (size_t first = 0; first < files.size() && !progress.cancelled(); first += m_batchSize) {
        const std::vector<std::string> batch(files.begin() + long(first),
                                             files.begin() + long(std::min(files.size(), first + m_batchSize)));
        ProgressSink batchProgress{[&, first](size_t done, size_t) { progress(first + done, files.size()); }, progress.cancel};
        ScanResult part = HeaderScanner().scan(batch, batchProgress);
        if (m_store)
            m_store->copyIn(part.frames, part.errors);
        waitForWriter();
        batches.push_back(std::move(part.frames));
        const std::vector<FrameHeader>& pending = batches.back();
        writer = std::thread([&, &pending = pending] {
            try {
                const IndexCounts added = index.add(pending);
                result.added.patients += added.patients;
                result.added.studies += added.studies;
                result.added.series += added.series;
                result.added.instances += added.instances;
                if (onBatch)
                    onBatch(added);
            } catch (...) {
                writeError = std::current_exception();
            }
        });
        std::move(part.errors.begin(), part.errors.end(), std::back_inserter(result.scan.errors));
        result.scan.filesSeen += part.filesSeen;
    }
    waitForWriter();
    for (auto& batch : batches)
        std::move(batch.begin(), batch.end(), std::back_inserter(result.scan.frames));
    rememberSources(m_db.path(), m_store ? std::vector<std::string>{m_store->folder()} : paths);
    return result;
}

} // namespace hf
