#pragma once
// The PDF report: patient and study header, key images with their annotations, a table of
// every measurement (type, value, unit, calibration, image), tags and the study note, export
// date and "page i of n" on every page. Text is vector text (searchable), written with Qt's
// PDF writer to a temporary file renamed at the end. Any thread (no widgets).
#include "ExportInput.h"

namespace hf::exporting {

// Throws std::runtime_error naming the path when it cannot be written.
void writeReport(const QString& path, const ExportInput& input, const ExportRequest& request, const StudyDescription& shownStudy);

} // namespace hf::exporting
