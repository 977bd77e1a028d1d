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
    if (!parser.parse(QStringList("echo") + args))
        return fail(name(), parser.errorText(), BadInput);
    if (parser.isSet("help")) {
        std::printf("%s", qPrintable(parser.helpText()));
        return Success;
    }
    QString reason;
    const auto node = nodeFromOptions(parser, reason);
    if (!node)
        return fail(name(), reason, BadInput);
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
