#pragma once
// A QIDO-RS answer (DICOM JSON, PS3.18 F.2: a list of results, each attribute by its tag) read
// as it is parsed, keeping only the wanted attributes' values. Memory then holds what is kept,
// not a document tree of the whole answer: a tree costs about 30 times the answer's bytes (a
// server's 28 MB of "{}," took 820 MB), and a broken or hostile archive may send hundreds of
// MB. Internal to dicomio.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace hf {

struct QidoAnswer {
    bool ok = false;
    // Why not, as what the archive "answered": "something that is not JSON (...)" or "JSON that
    // is not a list of results".
    std::string error;
    // One map per result (an object of the list), tag -> its values as text joined by '\':
    // strings and numbers as written, a person name by its Alphabetic form.
    std::vector<std::map<std::string, std::string>> results;
    bool truncated = false;  // more results than maxResults: the rest were not read

    static QidoAnswer read(const std::string& body, const std::set<std::string>& wantedTags, size_t maxResults);
};

} // namespace hf
