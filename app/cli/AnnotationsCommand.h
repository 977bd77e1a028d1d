#pragma once
// `hounsfield-cli annotations`: list annotations, tags, key images and notes with values, units and calibration (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class AnnotationsCommand : public CliCommand {
public:
    QString name() const override { return "annotations"; }
    QString summary() const override { return "list annotations, tags, key images and notes with values, units and calibration"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
