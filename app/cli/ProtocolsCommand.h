#pragma once
// `hounsfield-cli protocols`: the installed hanging protocols; with --match, the one a cached
// study gets and what each view of each stage shows.
#include "CliCommand.h"

namespace hf::cli {

class ProtocolsCommand : public CliCommand {
public:
    QString name() const override { return "protocols"; }
    QString summary() const override { return "list hanging protocols, or say which one a cached study gets"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
