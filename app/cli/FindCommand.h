#pragma once
// `hounsfield-cli find --node NODE`: study-level query (series level with --study) of a remote
// archive; C-FIND for DIMSE nodes (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class FindCommand : public CliCommand {
public:
    QString name() const override { return "find"; }
    QString summary() const override { return "query a PACS node for studies (or a study's series)"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
