#include "InfoCommand.h"

#include "StudyTreeJson.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

namespace hf::cli {

int InfoCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOption({"json", "Print one JSON document."});
    parser.addPositionalArgument("PATH", "Files or folders.", "PATH...");
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    if (parser.positionalArguments().isEmpty())
        return fail(name(), "give at least one PATH", BadInput);
    std::vector<std::string> paths;
    for (const auto& p : parser.positionalArguments())
        paths.push_back(p.toStdString());

    ScanResult scan = HeaderScanner().scan(paths);
    const size_t filesSeen = scan.filesSeen;
    std::vector<FileError> errors = scan.errors;
    const StudyTree tree = StackBuilder().build(std::move(scan.frames), std::move(scan.objects));
    const QJsonObject report = StudyTreeJson(/*withStatistics=*/true).describe(tree, filesSeen, errors);

    if (parser.isSet("json"))
        std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    else
        std::printf("%s", qPrintable(StudyTreeJson::asText(report)));
    // Every path unreadable and nothing found: that is bad input, named on stderr.
    if (tree.patients.empty() && !errors.empty()) {
        for (const auto& e : errors)
            std::fprintf(stderr, "%s: %s\n", e.file.c_str(), e.reason.c_str());
        return fail(name(), QString::fromStdString(errors.front().file + ": " + errors.front().reason), BadInput);
    }
    return Success;
}

} // namespace hf::cli
