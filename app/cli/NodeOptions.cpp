#include "NodeOptions.h"

#include <QCommandLineParser>

namespace hf::cli {

QList<QCommandLineOption> nodeOptions(const QString& nodeHelp)
{
    return {{"node", nodeHelp, "NODE"},
            {"aet", "Our own AE title (default HOUNSFIELD).", "AET", "HOUNSFIELD"},
            {"timeout", "Seconds to wait for each step (default 10).", "S", "10"}};
}

std::optional<PacsNode> nodeFromOptions(const QCommandLineParser& parser, QString& reason)
{
    if (!parser.isSet("node")) {
        reason = "--node is required";
        return std::nullopt;
    }
    std::string why;
    auto node = parsePacsNode(parser.value("node").toStdString(), why);
    if (!node) {
        reason = "--node: " + QString::fromStdString(why);
        return std::nullopt;
    }
    bool ok = false;
    node->timeoutSeconds = parser.value("timeout").toDouble(&ok);
    if (!ok || node->timeoutSeconds <= 0 || node->timeoutSeconds > 600) {
        reason = "--timeout must be 1 to 600 seconds";
        return std::nullopt;
    }
    node->callingAeTitle = parser.value("aet").toStdString();
    return node;
}

} // namespace hf::cli
