#pragma once
// `hounsfield-cli make-phantom`: writes the synthetic study of PhantomModel as DICOM files.
#include "CliCommand.h"

namespace hf::cli {

class MakePhantomCommand : public CliCommand {
public:
    QString name() const override { return "make-phantom"; }
    QString summary() const override { return "write a synthetic study with exactly known geometry and values"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
