#pragma once
// `hounsfield-cli retrieve --node NODE --study UID`: C-GET a study (or --series) into the local
// cache (copied into its folder and indexed); prints the count of instances received (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class RetrieveCommand : public CliCommand {
public:
    QString name() const override { return "retrieve"; }
    QString summary() const override { return "retrieve a study from a PACS node into the local cache"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
