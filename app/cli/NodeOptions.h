#pragma once
// The options every PACS command shares: --node, --aet, --timeout, --tls-cert/--tls-key/--tls-ca.
#include "hf/dicomio/net/PacsNode.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

class QCommandLineParser;

namespace hf::cli {

class CliCommand;

// The command's description and --help, then --node (with nodeHelp), --aet, --timeout and the rest.
void describePacsCommand(QCommandLineParser& parser, const CliCommand& command, const QString& nodeHelp);
// --tls-cert, --tls-key, --tls-ca (every node command, and `listen`), and what they say.
void describeTlsOptions(QCommandLineParser& parser);
TlsSettings tlsFromOptions(const QCommandLineParser& parser);
// --keep-free-mb (node commands, and `listen`): instances are refused, and a retrieval stops,
// while the cache's disk has less free than this. Nothing (and the reason) when it is wrong.
QCommandLineOption keepFreeOption();
std::optional<std::uint64_t> keepFreeFromOptions(const QCommandLineParser& parser, QString& reason);
// The node the options describe; nothing (and the reason) when they are wrong.
std::optional<PacsNode> nodeFromOptions(const QCommandLineParser& parser, QString& reason);

// What every PACS command does first: parse, answer --help, check the `required` options, read
// the node. Nothing when the command is done (help shown, or bad input reported): `exitCode`
// says how it ended.
std::optional<PacsNode> parsePacsCommand(QCommandLineParser& parser, const QString& command, const QStringList& args, int& exitCode,
                                         const QStringList& required = {});

} // namespace hf::cli
