#pragma once
// `hounsfield-cli send --node NODE --study UID`: C-STORE a cached study to a PACS node (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class SendCommand : public CliCommand {
public:
    QString name() const override { return "send"; }
    QString summary() const override { return "send a cached study to a PACS node"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
