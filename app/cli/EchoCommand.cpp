#include "EchoCommand.h"

#include "NodeOptions.h"

#include "hf/dicomio/PacsNode.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int EchoCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    parser.addOptions(nodeOptions("AET@HOST:PORT (DIMSE) or an http(s) DICOMweb base URL."));
    parser.addOptions({{"json", "Print one JSON document."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    const EchoResult result = echo(*node);
    if (parser.isSet("json"))
        std::printf("%s", QJsonDocument(QJsonObject{{"ok", result.ok},
                                                    {"message", QString::fromStdString(result.message)},
                                                    {"seconds", result.seconds},
                                                    {"protocol", node->kind == PacsNode::Kind::Dimse ? "dimse" : "dicomweb"}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    else
        std::printf("%s (%.0f ms)\n", result.message.c_str(), result.seconds * 1000);
    if (!result.ok)
        return fail(name(), QString::fromStdString(result.message), Failure);
    return Success;
}

} // namespace hf::cli
