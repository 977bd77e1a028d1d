#pragma once
// `hounsfield-cli tag`: add or remove study and series tags, key images and the study note (cli.md).
#include "CliCommand.h"

namespace hf::cli {

class TagCommand : public CliCommand {
public:
    QString name() const override { return "tag"; }
    QString summary() const override { return "add or remove study and series tags, key images and the study note"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
