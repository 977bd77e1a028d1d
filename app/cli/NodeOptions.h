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

// What every PACS command does first: parse, answer --help, read the node. Nothing when the
// command is done (help shown, or bad input reported): `exitCode` says how it ended.
std::optional<PacsNode> parsePacsCommand(QCommandLineParser& parser, const QString& command, const QStringList& args, int& exitCode);

} // namespace hf::cli
