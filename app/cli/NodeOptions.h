#pragma once
// The options every PACS command shares: --node, --aet, --timeout.
#include "hf/dicomio/PacsNode.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace hf::cli {

QList<QCommandLineOption> nodeOptions(const QString& nodeHelp);
// The node the options describe; nothing (and the reason) when they are wrong.
std::optional<PacsNode> nodeFromOptions(const QCommandLineParser& parser, QString& reason);

} // namespace hf::cli
