#pragma once
// `hounsfield-cli register`: the rigid transform that takes a cached series (fixed) to another
// of the same patient (moving, e.g. a prior), by mutual information; with its metric and time.
#include "CliCommand.h"

namespace hf::cli {

class RegisterCommand : public CliCommand {
public:
    QString name() const override { return "register"; }
    QString summary() const override { return "rigidly register a cached series (moving) to another (fixed)"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
