#pragma once
// The original instances of a cached series or study copied into a folder, or de-identified
// (InstanceDeidentifier: one UID map for the whole export). What the CLI's `export --format
// dicom` and the workstation's Export dialog both run; any thread.
#include "hf/dicomio/InstanceDeidentifier.h"
#include "hf/dicomio/audit/AuditEvent.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hf {
class CacheDatabase;
}

namespace hf::exporting {

struct OriginalsResult {
    QStringList written;  // the files made, "(masked)" noted by `masked`
    QStringList masked;
    QStringList refused;  // "FILE: why" for each source not exported
    std::string studyUid;
    // The audit trail's Export event says this: how many went to `folder`, and whether any failed.
    void describe(AuditEvent& exported, const std::string& folder) const;
};

// The files of a cached series (its images and objects) or study, each once; empty when the
// cache has none of them.
std::vector<std::string> cachedFilesOf(CacheDatabase& database, const std::string& seriesUid, const std::string& studyUid,
                                       std::string& studyOfThem);

// "X,Y,W,H;X,Y,W,H" in pixels: nothing (and why) when malformed.
std::optional<std::vector<DeidentifyOptions::Rect>> parseMasks(const QString& text, QString& why);

// `progress(done, total)` returns false to stop.
OriginalsResult exportOriginals(const std::vector<std::string>& files, const std::string& folder, bool anonymize,
                                const DeidentifyOptions& options, const std::function<bool(int, int)>& progress = {});

} // namespace hf::exporting
