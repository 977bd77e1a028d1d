#include "EchoCommand.h"

#include "CachePath.h"
#include "CliAudit.h"
#include "NodeOptions.h"

#include "hf/dicomio/net/NodeProbe.h"
#include "hf/dicomio/net/PacsNode.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hf::cli {

int EchoCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describePacsCommand(parser, *this, "AET@HOST:PORT (DIMSE) or an http(s) DICOMweb base URL.");
    parser.addOptions({{"json", "Print one JSON document."},
                       {"probe", "Also find out what the node supports (C-FIND, C-GET, C-MOVE and whether it knows our AE "
                                 "title as a destination; QIDO-RS, WADO-RS) and which retrieval will be used."}});
    int exitCode = Success;
    const auto node = parsePacsCommand(parser, name(), args, exitCode);
    if (!node)
        return exitCode;
    QString auditProblem;
    const auto trail = auditTrailOf(parser, app::defaultCachePath(), auditProblem, QString::fromStdString(node->callingAeTitle));
    if (!trail)
        return fail(name(), auditProblem, BadInput);
    const bool probing = parser.isSet("probe");
    const NodeCapabilities probed = probing ? probeNode(*node) : NodeCapabilities{};
    const EchoResult result = probing ? probed.echo : echo(*node);
    if (parser.isSet("json")) {
        QJsonObject o{{"ok", result.ok},
                      {"message", QString::fromStdString(result.message)},
                      {"seconds", result.seconds},
                      {"protocol", node->kind == PacsNode::Kind::Dimse ? "dimse" : "dicomweb"}};
        if (probing) {
            QJsonArray lines;
            for (const auto& line : probed.lines)
                lines.append(QString::fromStdString(line));
            o["capabilities"] = QJsonObject{{"c_find", probed.find},     {"c_get", probed.get},
                                            {"c_move", probed.move},     {"move_destination_known", probed.moveDestinationKnown},
                                            {"qido_rs", probed.qido},    {"wado_rs", probed.wado},
                                            {"retrieval", QString::fromStdString(probed.retrieval)},
                                            {"lines", lines}};
        }
        std::printf("%s", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
    } else if (probing) {
        for (const auto& line : probed.lines)
            std::printf("%s\n", line.c_str());
    } else {
        std::printf("%s (%.0f ms)\n", result.message.c_str(), result.seconds * 1000);
    }
    if (!result.ok) {
        recordIfSecurityAlert(*trail, *node, result.message);
        return fail(name(), QString::fromStdString(result.message), Failure);
    }
    return Success;
}

} // namespace hf::cli
