#include "NodeOptions.h"

#include "CliAudit.h"
#include "CliCommand.h"

#include <QCommandLineParser>

namespace hf::cli {

void describePacsCommand(QCommandLineParser& parser, const CliCommand& command, const QString& nodeHelp)
{
    describe(parser, command);
    parser.addOptions({{"node", nodeHelp, "NODE"},
            {"aet", "Our own AE title (default HOUNSFIELD).", "AET", "HOUNSFIELD"},
            {"timeout", "Seconds to wait for each step (default 10).", "S", "10"},
            {"storage-port", "Port our storage SCP listens on for C-MOVE (default 11112; the PACS must know it).", "PORT",
             "11112"},
            {"authorization", "DICOMweb: the Authorization header value, e.g. 'Bearer TOKEN' (never printed).", "VALUE"},
            keepFreeOption()});
    describeTlsOptions(parser);
    describeAuditOptions(parser);
}

void describeTlsOptions(QCommandLineParser& parser)
{
    parser.addOptions({{"tls-cert", "DICOM TLS / HTTPS: our certificate (PEM); with --tls-key.", "FILE"},
            {"tls-key", "DICOM TLS / HTTPS: our private key (PEM, unencrypted).", "FILE"},
            {"tls-ca", "DICOM TLS / HTTPS: the CAs trusted to sign the peer's certificate (PEM; alone: a client that only "
                       "verifies the server). TLS is used when any --tls-* option is given.",
             "FILE"}});
}

TlsSettings tlsFromOptions(const QCommandLineParser& parser)
{
    TlsSettings tls;
    tls.certificateFile = parser.value("tls-cert").toStdString();
    tls.privateKeyFile = parser.value("tls-key").toStdString();
    tls.trustedCaFile = parser.value("tls-ca").toStdString();
    return tls;
}

QCommandLineOption keepFreeOption()
{
    return {"keep-free-mb", "Refuse instances, and stop a retrieval, while the cache's disk has less than this many MB free (default 1024; 0: never).",
            "MB", QString::number(DiskRoom::kDefaultKeepFreeBytes >> 20)};
}

std::optional<std::uint64_t> keepFreeFromOptions(const QCommandLineParser& parser, QString& reason)
{
    bool ok = false;
    const qulonglong mb = parser.value("keep-free-mb").toULongLong(&ok);
    if (!ok || mb > (qulonglong(1) << 40)) {
        reason = "--keep-free-mb must be a number of MB";
        return std::nullopt;
    }
    return std::uint64_t(mb) << 20;
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
    node->storagePort = parser.value("storage-port").toInt(&ok);
    if (!ok || node->storagePort < 1 || node->storagePort > 65535) {
        reason = "--storage-port must be 1 to 65535";
        return std::nullopt;
    }
    node->authorization = parser.value("authorization").toStdString();
    const auto keepFree = keepFreeFromOptions(parser, reason);
    if (!keepFree)
        return std::nullopt;
    node->keepFreeBytes = *keepFree;
    node->tls = tlsFromOptions(parser);
    if (node->tls.certificateFile.empty() != node->tls.privateKeyFile.empty()) {
        reason = "--tls-cert and --tls-key go together";
        return std::nullopt;
    }
    if (node->kind == PacsNode::Kind::DicomWeb && node->tls.enabled() && node->baseUrl.rfind("https:", 0) != 0) {
        reason = "--tls-* options need an https:// DICOMweb URL";
        return std::nullopt;
    }
    return node;
}

std::optional<PacsNode> parsePacsCommand(QCommandLineParser& parser, const QString& command, const QStringList& args, int& exitCode,
                                         const QStringList& required)
{
    if (const auto done = parseArguments(parser, command, args, required)) {
        exitCode = *done;
        return std::nullopt;
    }
    QString reason;
    auto node = nodeFromOptions(parser, reason);
    if (!node)
        exitCode = fail(command, reason, BadInput);
    return node;
}

} // namespace hf::cli
