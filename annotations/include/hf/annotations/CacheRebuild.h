#pragma once
// Keeps the list of imported folders and files beside the cache database (DB.sources, plain
// text, one path a line), so that a damaged index can be rebuilt from the files themselves.
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/Progress.h"

#include <string>
#include <vector>

namespace hf {

class HeaderScanner;

void rememberSources(const std::string& dbPath, const std::vector<std::string>& paths);
std::vector<std::string> rememberedSources(const std::string& dbPath);

struct RebuildReport {
    std::string damagedCopy;  // where the old database file was moved ("" if there was none)
    IndexCounts counts;
    std::vector<FileError> errors;
};

// Moves the database aside, creates a fresh one and indexes every remembered source again.
RebuildReport rebuildCache(const std::string& dbPath, const HeaderScanner& scanner, const ProgressSink& progress = {});

} // namespace hf
