#include "AuditCommand.h"

#include "AuditTrail.h"
#include "CliAudit.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include <cstdio>

namespace hf::cli {
namespace {

// One audit message (one line of the log) as the listing shows it; empty when it is not one.
QJsonObject readMessage(const QByteArray& line)
{
    QXmlStreamReader xml(line);
    QJsonObject event;
    QJsonArray participants, studies;
    QString patientId;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto a = xml.attributes();
        const auto name = xml.name();
        if (name == QLatin1String("EventIdentification")) {
            event["time"] = a.value("EventDateTime").toString();
            event["action"] = a.value("EventActionCode").toString();
            event["outcome"] = a.value("EventOutcomeIndicator") == QLatin1String("0") ? "success" : "failure";
        } else if (name == QLatin1String("EventID")) {
            event["event"] = a.value("originalText").toString();
            event["event_code"] = a.value("csd-code").toString();
        } else if (name == QLatin1String("EventTypeCode")) {
            event["type"] = a.value("originalText").toString();
        } else if (name == QLatin1String("EventOutcomeDescription")) {
            event["description"] = xml.readElementText();
        } else if (name == QLatin1String("ActiveParticipant")) {
            QJsonObject p{{"user_id", a.value("UserID").toString()}, {"requestor", a.value("UserIsRequestor") == QLatin1String("true")}};
            if (a.hasAttribute("UserName"))
                p["user_name"] = a.value("UserName").toString();
            if (a.hasAttribute("NetworkAccessPointID"))
                p["address"] = a.value("NetworkAccessPointID").toString();
            participants.append(p);
        } else if (name == QLatin1String("RoleIDCode") && !participants.isEmpty()) {
            QJsonObject p = participants.last().toObject();
            p["role"] = a.value("originalText").toString();
            participants.replace(participants.size() - 1, p);
        } else if (name == QLatin1String("ParticipantObjectIdentification")) {
            if (a.value("ParticipantObjectTypeCodeRole") == QLatin1String("3"))
                studies.append(a.value("ParticipantObjectID").toString());
            else if (a.value("ParticipantObjectTypeCodeRole") == QLatin1String("1"))
                patientId = a.value("ParticipantObjectID").toString();
            else if (a.value("ParticipantObjectTypeCodeRole") == QLatin1String("24"))
                event["query_model"] = a.value("ParticipantObjectID").toString();
        } else if (name == QLatin1String("ParticipantObjectQuery")) {
            event["query"] = QString::fromUtf8(QByteArray::fromBase64(xml.readElementText().toLatin1()));
        } else if (name == QLatin1String("SOPClass")) {
            event["instances"] = a.value("NumberOfInstances").toInt();
        }
    }
    if (xml.hasError() || !event.contains("event"))
        return {};
    event["participants"] = participants;
    event["studies"] = studies;
    if (!patientId.isEmpty())
        event["patient_id"] = patientId;
    return event;
}

// The log's files, oldest first: the rotated ones (named by their closing time), then the current one.
QStringList logFiles(const QString& path)
{
    const QFileInfo current(path);
    QStringList files;
    for (const QFileInfo& rotated : QDir(current.absolutePath()).entryInfoList({current.fileName() + ".*"}, QDir::Files, QDir::Name))
        files << rotated.absoluteFilePath();
    if (current.exists())
        files << current.absoluteFilePath();
    return files;
}

} // namespace

int AuditCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(), {"json", "Print one JSON document."}});
    describeAuditOptions(parser);
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    const QString path = parser.isSet("audit-log") ? parser.value("audit-log") : app::defaultAuditLogPath(cachePathOf(parser));
    const QStringList files = logFiles(path);
    if (files.isEmpty())
        return fail(name(), path + ": no audit log here (nothing recorded yet, or another --audit-log)", BadInput);
    QJsonArray events;
    int unreadable = 0;
    for (const QString& file : files) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return fail(name(), file + ": cannot be read", Failure);
        while (!in.atEnd()) {
            const QByteArray line = in.readLine().trimmed();
            if (line.isEmpty())
                continue;
            const QJsonObject event = readMessage(line);
            if (event.isEmpty())
                ++unreadable;
            else
                events.append(event);
        }
    }
    if (parser.isSet("json")) {
        std::printf("%s", QJsonDocument(QJsonObject{{"log", QFileInfo(path).absoluteFilePath()},
                                                    {"files", QJsonArray::fromStringList(files)},
                                                    {"events", events},
                                                    {"unreadable_records", unreadable}})
                              .toJson(QJsonDocument::Indented)
                              .constData());
    } else {
        for (const auto value : events) {
            const QJsonObject e = value.toObject();
            QString who;
            for (const auto p : e["participants"].toArray())
                if (p.toObject()["requestor"].toBool())
                    who = p.toObject()["user_name"].toString(p.toObject()["user_id"].toString());
            std::printf("%s  %-28s %-7s %-12s %s%s\n", qPrintable(e["time"].toString()),
                        qPrintable(e["event"].toString() + (e.contains("type") ? " (" + e["type"].toString() + ")" : "")),
                        qPrintable(e["outcome"].toString()), qPrintable(who), qPrintable(e["studies"].toVariant().toStringList().join(' ')),
                        e.contains("description") ? qPrintable("  " + e["description"].toString()) : "");
        }
    }
    if (unreadable)
        std::fprintf(stderr, "hounsfield-cli audit: %d record(s) are not audit messages\n", unreadable);
    return Success;
}

} // namespace hf::cli
