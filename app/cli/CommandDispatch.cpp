#include "CommandDispatch.h"

#include <cstdio>
#include <cstdlib>

namespace hf::cli {

int dispatchCommand(QStringList args, const std::vector<std::unique_ptr<CliCommand>>& commands)
{
    if (!args.isEmpty() && args[0] == "--version") {
        std::printf("hounsfield-cli %s\n", HF_VERSION);
        return Success;
    }
    const QString name = args.isEmpty() ? QString() : args.takeFirst();
    for (const auto& c : commands)
        if (c->name() == name) {
            // Everything a command writes (cache, audit trail, files) is closed when run()
            // returns. Skipping the libraries' exit-time teardown (GDCM's dictionaries, Qt) saves
            // ~30 ms of every command (docs/performance.md, the remote archive).
            const int exitCode = c->run(args);
            std::fflush(stdout);
            std::fflush(stderr);
            std::_Exit(exitCode);
        }
    return fail(name, "unknown command (try hounsfield-cli --help)", BadInput);
}

} // namespace hf::cli
