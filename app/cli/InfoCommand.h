#pragma once
// `hounsfield-cli info`: scans and loads PATHs, prints patients > studies > series > stacks with
// geometry, warnings, errors and pixel statistics (text, or JSON with --json).
#include "CliCommand.h"

namespace hf::cli {

class InfoCommand : public CliCommand {
public:
    QString name() const override { return "info"; }
    QString summary() const override { return "scan and load DICOM files and describe what they hold"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
