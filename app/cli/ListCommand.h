#pragma once
// `hounsfield-cli list`: the studies in the local cache, filtered as the study list filters.
#include "CliCommand.h"

namespace hf::cli {

class ListCommand : public CliCommand {
public:
    QString name() const override { return "list"; }
    QString summary() const override { return "list the studies in the local cache"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
