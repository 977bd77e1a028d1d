#pragma once
// `hounsfield-cli listen`: the always-on receiver, headless. A storage SCP under our AE title on
// a port (C-STORE of any storage class and syntax, C-ECHO), accepting only the calling AE titles
// it is given (or any, when asked); each instance durable on disk before it is acknowledged and
// indexed into the cache at once (its study appears in `list` while more arrive). Runs until
// SIGINT/SIGTERM or --for; over TLS with --tls-*; its arrivals, refusals, start and stop go to the audit trail.
#include "CliCommand.h"

namespace hf::cli {

class ListenCommand : public CliCommand {
public:
    QString name() const override { return "listen"; }
    QString summary() const override { return "receive studies pushed by modalities and PACS (storage SCP) into the cache"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
