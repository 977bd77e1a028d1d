#pragma once
// `hounsfield-cli sync --node NODE [--db FILE] [--study UID] [--json]`: pushes the cache's
// pending annotations, tags, key images and notes as SR/GSPS/KOS and pulls the node's (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class SyncCommand : public CliCommand {
public:
    QString name() const override { return "sync"; }
    QString summary() const override { return "push pending annotations to a PACS node as SR/GSPS/KOS and pull its"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
