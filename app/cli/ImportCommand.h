#pragma once
// `hounsfield-cli import`: indexes files, folders or DICOMDIRs into the local cache (files stay
// where they are), or rebuilds a damaged index from everything imported before (--rebuild).
#include "CliCommand.h"

namespace hf::cli {

class ImportCommand : public CliCommand {
public:
    QString name() const override { return "import"; }
    QString summary() const override { return "index DICOM files, folders or a DICOMDIR into the local cache"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
