#pragma once
// QIDO-RS study and series queries, and the DICOM JSON reading they need. Internal to dicomio.
#include "hf/dicomio/net/RemoteQuery.h"
#include "hf/dicomio/net/SeriesInstances.h"

namespace hf {

RemoteQueryResult findByQido(const PacsNode& node, const RemoteQuery& query);
SeriesInstancesResult findInstancesByQido(const PacsNode& node, const std::string& studyUid, const std::string& seriesUid,
                                          size_t maxInstances);
// One instance of a C-FIND or QIDO-RS answer, from its values as text ("" when absent).
ExpectedInstance expectedInstance(const std::string& uid, const std::string& number, const std::string& position,
                                  const std::string& orientation);
std::string urlEncode(const std::string& text);
// " (more match: only the first N read; narrow the search)" for a truncated answer, else "".
std::string truncationNote(const RemoteQueryResult& result);

} // namespace hf
