#pragma once
// `hounsfield-cli echo --node NODE`: C-ECHO to a DIMSE node (AET@HOST:PORT) or a QIDO-RS
// request to a DICOMweb node (URL); says in plain words what failed (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class EchoCommand : public CliCommand {
public:
    QString name() const override { return "echo"; }
    QString summary() const override { return "check a PACS node: C-ECHO or a DICOMweb (QIDO-RS) request"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
