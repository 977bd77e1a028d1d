#include "TagCommand.h"


#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/annotations/StudyTags.h"

#include <QCommandLineParser>

#include <cstdio>

namespace hf::cli {

int TagCommand::run(const QStringList& args)
{
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({dbOption(),
                       {"study", "Study Instance UID.", "UID"},
                       {"series", "Tag this series of the study instead of the study.", "UID"},
                       {"add", "Add a tag word.", "WORD"},
                       {"remove", "Remove a tag word.", "WORD"},
                       {"key-image", "Mark an image (SOP Instance UID) as a key image.", "SOPUID"},
                       {"unkey-image", "Clear an image's key image mark.", "SOPUID"},
                       {"frame", "Frame of a multi-frame key image (default 1).", "N", "1"},
                       {"note", "Set the study's free-text note.", "TEXT"}});
    if (const auto done = parseArguments(parser, *this, args, {"study"}))
        return *done;
    int actions = 0;
    for (const char* a : {"add", "remove", "key-image", "unkey-image", "note"})
        actions += parser.isSet(a);
    if (actions != 1)
        return fail(name(), "give one of --add, --remove, --key-image, --unkey-image, --note", BadInput);
    bool frameOk = false;
    const int frame = parser.value("frame").toInt(&frameOk);
    if (!frameOk || frame < 1)
        return fail(name(), "--frame must be a frame number from 1", BadInput);
    const std::string db = cachePathOf(parser).toStdString();
    const std::string study = parser.value("study").toStdString(), series = parser.value("series").toStdString();
    try {
        CacheDatabase database(db);
        const auto studies = StudyIndex(database).seriesOf(study);
        if (studies.empty())
            return fail(name(), "study " + parser.value("study") + " is not in the cache", BadInput);
        StudyTags tags(database);
        if (parser.isSet("add")) {
            if (parser.value("add").trimmed().isEmpty())
                return fail(name(), "--add needs a word", BadInput);
            tags.addTag(study, series, parser.value("add").toStdString());
        } else if (parser.isSet("remove")) {
            if (!tags.removeTag(study, series, parser.value("remove").toStdString()))
                return fail(name(), "no tag '" + parser.value("remove") + "' on that study", BadInput);
        } else if (parser.isSet("note")) {
            tags.setNote(study, parser.value("note").toStdString());
        } else {
            const bool key = parser.isSet("key-image");
            tags.setKeyImage(study, series, parser.value(key ? "key-image" : "unkey-image").toStdString(), frame, key);
        }
    } catch (const CacheError& e) {
        return failWith(name(), e, db);
    }
    return Success;
}

} // namespace hf::cli
