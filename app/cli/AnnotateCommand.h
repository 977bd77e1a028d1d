#pragma once
// `hounsfield-cli annotate`: create an annotation as the GUI's tools would and print it with its values (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class AnnotateCommand : public CliCommand {
public:
    QString name() const override { return "annotate"; }
    QString summary() const override { return "create an annotation as the GUI's tools would and print it with its values"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
