#pragma once
// `hounsfield-cli bench load PATH`: loads the first series of PATH the way the GUI does and
// prints timings (scan, first slice, full volume, MB/s) and memory.
#include "CliCommand.h"

namespace hf::cli {

class BenchCommand : public CliCommand {
public:
    QString name() const override { return "bench"; }
    QString summary() const override { return "bench load PATH: time loading a series as the GUI does"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
