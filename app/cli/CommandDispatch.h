#pragma once
// What every command module does with its command line once its commands are made: --version,
// the named command (ended without the libraries' exit-time teardown), or an unknown-command
// error. Shared by the full and the network module.
#include "CliCommand.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace hf::cli {

// `args`: the command line without the program's name. Returns an exit code, or does not return.
int dispatchCommand(QStringList args, const std::vector<std::unique_ptr<CliCommand>>& commands);

} // namespace hf::cli
