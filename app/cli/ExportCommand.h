#pragma once
// `hounsfield-cli export`: pictures, TIFF, the PDF report or DICOM Secondary Captures of a
// cached series, with or without annotations, optionally de-identified (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class ExportCommand : public CliCommand {
public:
    QString name() const override { return "export"; }
    QString summary() const override { return "export a series as jpeg, png, tiff, tiff16, pdf report or dicom-sc"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
