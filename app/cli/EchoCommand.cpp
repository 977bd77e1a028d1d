#include "EchoCommand.h"

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
    parser.addOptions({{"node", "AET@HOST:PORT (DIMSE) or an http(s) DICOMweb base URL.", "NODE"},
                       {"aet", "Our own AE title (default HOUNSFIELD).", "AET", "HOUNSFIELD"},
                       {"timeout", "Seconds to wait (default 10).", "S", "10"},
                       {"json", "Print one JSON document."}});
    if (!parser.parse(QStringList("echo") + args))
        return fail(name(), parser.errorText(), BadInput);
    if (parser.isSet("help")) {
        std::printf("%s", qPrintable(parser.helpText()));
        return Success;
    }
    if (!parser.isSet("node"))
        return fail(name(), "--node is required", BadInput);
    std::string reason;
    auto node = parsePacsNode(parser.value("node").toStdString(), reason);
    if (!node)
        return fail(name(), "--node: " + QString::fromStdString(reason), BadInput);
    bool ok = false;
    node->timeoutSeconds = parser.value("timeout").toDouble(&ok);
    if (!ok || node->timeoutSeconds <= 0 || node->timeoutSeconds > 600)
        return fail(name(), "--timeout must be 1 to 600 seconds", BadInput);
    node->callingAeTitle = parser.value("aet").toStdString();
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
