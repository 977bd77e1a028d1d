#pragma once
// `hounsfield-cli audit`: the audit trail as a privacy officer reads it: every recorded event
// (rotated files first, then the current one), when, what, by whom, with which node or file,
// which patient and studies, and how it ended.
#include "CliCommand.h"

namespace hf::cli {

class AuditCommand : public CliCommand {
public:
    QString name() const override { return "audit"; }
    QString summary() const override { return "list the audit trail's events (PS3.15 audit messages in the local log)"; }
    int run(const QStringList& args) override;
};

} // namespace hf::cli
