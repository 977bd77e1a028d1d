#pragma once
// Runs one export (cli.md `export`, File > Export): pictures (JPEG, PNG, 8-bit TIFF) rendered as
// the view shows them, 16-bit TIFF with the raw modality values and the pixel spacing, the PDF
// report, or DICOM Secondary Captures; optionally de-identified. Every file is written to a
// temporary name and renamed; when a file fails, the files of this export already written are
// removed again, so nothing half-done is left. Any thread; progress may cancel.
#include "ExportInput.h"

#include <functional>

namespace hf::exporting {

struct ExportResult {
    QStringList files;
};

// Return false to cancel (the files written so far are removed).
using ExportProgress = std::function<bool(int done, int total)>;

// Throws std::runtime_error naming the file and the reason; std::invalid_argument for a request
// that cannot be met (a slice outside the series).
ExportResult runExport(const ExportRequest& request, const ExportInput& input, const ExportProgress& progress = {});

} // namespace hf::exporting
