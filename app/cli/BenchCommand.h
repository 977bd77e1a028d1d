#pragma once
// `hounsfield-cli bench load PATH`: loads the first series of PATH the way the GUI does and
// prints timings (scan, first slice, full volume, MB/s) and memory. `bench open --db FILE
// --series UID`: opens a cached series as the workstation does (headers from the index;
// --rescan: from the files, as before the index kept them).
#include "CliCommand.h"

namespace hf::cli {

class BenchCommand : public CliCommand {
public:
    QString name() const override { return "bench"; }
    QString summary() const override { return "time loading a series (from files, or from the cache) as the GUI does"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
