#pragma once
// `hounsfield-cli priors`: a cached study's priors, the patient's earlier studies in the cache,
// most relevant first (same modality and body part, then same modality, then the rest; the most
// recent first within each): the first is the one the hanging protocols compare with.
#include "CliCommand.h"

namespace hf::cli {

class PriorsCommand : public CliCommand {
public:
    QString name() const override { return "priors"; }
    QString summary() const override { return "list a cached study's priors in the cache (and on a PACS node with --node), the default first"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
