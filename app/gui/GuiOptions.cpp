#include "GuiOptions.h"

#include "hf/annotations/Annotation.h"
#include "hf/dicomio/CurvedPath.h"

#include "AuditTrail.h"
#include "CachePath.h"
#include "ProtocolLibrary.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstdio>

namespace hf::gui {

std::optional<GuiOptions> parseGuiOptions(const QStringList& arguments, QString& error, bool& helpShown)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Hounsfield radiology workstation");
    parser.addHelpOption();
    parser.addOptions({
        {"db", "Local cache database (default " + app::defaultCachePath() + "); PATHs are indexed into it.", "FILE"},
        {"audit-log", "The audit trail's log file (default audit.log beside the cache).", "FILE"},
        {"layout", "1x1, 1x2, 2x1, 2x2 or 3x3 slice views (PATHs' series fill them in order), 2d3d (a slice "
                   "view beside 3D, the default), mpr (axial, coronal, sagittal), mpr3d (MPR and 3D), 3d or cpr (the "
                   "curved reformat along --path).", "LAYOUT", "2d3d"},
        {"path", "The curved reformat's path (--layout cpr): points in patient LPS mm, \"x,y,z;x,y,z;...\".", "POINTS"},
        {"crosshair", "MPR crosshair in patient LPS mm, e.g. 0,10,1.", "X,Y,Z"},
        {"slab", "MPR slab: mip, minip or average and its thickness in mm, e.g. mip,20.", "MODE,MM"},
        {"series", "Series Instance UID to open (default: the first series).", "UID"},
        {"slice", "Image number to show, 1 = first along the slice normal (default: middle).", "N"},
        {"stack", "With --series: which of its stacks to show, 1 = the first (echoes, b-values, time points...).", "N"},
        {"time", "With --series of a 4D series: which time point to show, 1 = the first (an alias of --stack).", "N"},
        {"window", "Window centre and width, e.g. 40,400.", "CENTER,WIDTH"},
        {"preset", "Window preset name, e.g. 'CT bone' or 'lung'.", "NAME"},
        {"size", "Window size in pixels, e.g. 1280x720.", "WxH", "1400x800"},
        {"sync-node", "PACS node (a configured name, AET@HOST:PORT or a DICOMweb URL) that annotations, tags "
                      "and key images sync with (default: the one chosen in File > PACS nodes; none: nothing is sent).", "NODE"},
        {"protocol", "Hang the opened study by a hanging protocol: auto (the best match) or its name "
                     "(hounsfield-cli protocols lists them).", "NAME|auto"},
        {"study", "Open a cached study through its hanging protocol (auto unless --protocol).", "UID"},
        {"prior", "With --study: the earlier study to compare it with (default: the most relevant prior in the cache).", "UID"},
        {"presentation-state", "Apply this presentation state (SOP Instance UID, another producer's GSPS of the "
                               "opened study) to the active view once it is read.", "UID"},
        {"fuse", "Fuse this series of the study (SERIES_UID) over the first view once loaded: in a colour table "
                 "(hot-iron, pet-rainbow, jet, grey; default hot iron) at an opacity from 0 to 1 (default 0.5).",
         "SERIES_UID[,COLORMAP,OPACITY]"},
        {"protocols-folder", "The reader's hanging protocol folder (default " + protocols::ProtocolLibrary::defaultUserFolder() + ").", "DIR"},
        {"timings", "With --study: once everything is loaded, write the hang's timings (ms from the request to every "
                    "view's first image and to every volume) as JSON and exit (bench/run-hang-bench.sh).", "FILE.json"},
        {"screenshot", "Render once everything is loaded, save the window as PNG and exit.", "FILE.png"},
    });
    parser.addPositionalArgument("PATH", "DICOM files or folders to open.", "[PATH...]");
    if (!parser.parse(QStringList("hounsfield") + arguments)) {
        error = parser.errorText();
        return std::nullopt;
    }
    helpShown = parser.isSet("help");
    if (helpShown) {
        std::printf("%s", qPrintable(parser.helpText()));
        return std::nullopt;
    }
    GuiOptions o;
    o.paths = parser.positionalArguments();
    o.layout = parser.value("layout");
    if (!QStringList{"1x1", "1x2", "2x1", "2x2", "3x3", "2d3d", "mpr", "mpr3d", "3d", "cpr"}.contains(o.layout)) {
        error = "--layout " + o.layout + " is not one of 1x1, 1x2, 2x1, 2x2, 3x3, 2d3d, mpr, mpr3d, 3d, cpr";
        return std::nullopt;
    }
    o.seriesUid = parser.value("series");
    o.db = parser.isSet("db") ? parser.value("db") : app::defaultCachePath();
    o.auditLog = parser.isSet("audit-log") ? parser.value("audit-log") : app::defaultAuditLogPath(o.db);
    o.syncNode = parser.value("sync-node");
    if (parser.isSet("slice")) {
        bool ok = false;
        const int n = parser.value("slice").toInt(&ok);
        if (!ok || n < 1) {
            error = "--slice must be an image number from 1, not '" + parser.value("slice") + "'";
            return std::nullopt;
        }
        o.slice = n;
    }
    if (parser.isSet("stack")) {
        bool ok = false;
        const int n = parser.value("stack").toInt(&ok);
        if (!ok || n < 1) {
            error = "--stack must be a stack number from 1, not '" + parser.value("stack") + "'";
            return std::nullopt;
        }
        o.stack = n;
    }
    if (parser.isSet("time")) {
        bool ok = false;
        const int n = parser.value("time").toInt(&ok);
        if (!ok || n < 1 || parser.isSet("stack")) {
            error = parser.isSet("stack") ? QString("--time and --stack name the same thing: give one")
                                          : "--time must be a time point number from 1, not '" + parser.value("time") + "'";
            return std::nullopt;
        }
        o.stack = n;  // a 4D series' time points are its stacks
    }
    if (parser.isSet("window")) {
        const QStringList parts = parser.value("window").split(',');
        bool okC = false, okW = false;
        if (parts.size() == 2) {
            o.windowCenter = parts[0].toDouble(&okC);
            o.windowWidth = parts[1].toDouble(&okW);
        }
        if (!okC || !okW || *o.windowWidth <= 0) {
            error = "--window must be CENTER,WIDTH with a positive width, not '" + parser.value("window") + "'";
            return std::nullopt;
        }
    }
    o.windowPreset = parser.value("preset");
    if (parser.isSet("crosshair")) {
        const QStringList parts = parser.value("crosshair").split(',');
        bool ok[3] = {false, false, false};
        std::array<double, 3> c{};
        for (int i = 0; i < 3 && parts.size() == 3; ++i)
            c[size_t(i)] = parts[i].toDouble(&ok[i]);
        if (!(ok[0] && ok[1] && ok[2])) {
            error = "--crosshair must be three numbers X,Y,Z, not '" + parser.value("crosshair") + "'";
            return std::nullopt;
        }
        o.crosshair = c;
    }
    if (parser.isSet("slab")) {
        const QStringList parts = parser.value("slab").split(',');
        bool ok = false;
        if (parts.size() == 2) {
            o.slabMode = parts[0].toLower();
            o.slabMm = parts[1].toDouble(&ok);
        }
        if (!ok || o.slabMm <= 0 || !QStringList{"mip", "minip", "average"}.contains(o.slabMode)) {
            error = "--slab must be mip, minip or average and a thickness in mm, e.g. mip,20";
            return std::nullopt;
        }
    }
    if (parser.isSet("path")) {
        try {
            o.path = parsePoints(parser.value("path").toStdString());
            const CurvedPath check(o.path);
        } catch (const std::invalid_argument& e) {
            error = QString("--path: ") + e.what();
            return std::nullopt;
        }
    }
    if (o.layout == "cpr" && o.path.empty()) {
        error = "--layout cpr needs --path \"x,y,z;x,y,z;...\"";
        return std::nullopt;
    }
    const auto size = QRegularExpression("^(\\d+)x(\\d+)$").match(parser.value("size"));
    if (!size.hasMatch() || size.captured(1).toInt() < 200 || size.captured(2).toInt() < 150) {
        error = "--size must be WIDTHxHEIGHT of at least 200x150, not '" + parser.value("size") + "'";
        return std::nullopt;
    }
    o.size = QSize(size.captured(1).toInt(), size.captured(2).toInt());
    o.screenshotPath = parser.value("screenshot");
    o.studyUid = parser.value("study");
    o.priorUid = parser.value("prior");
    o.timingsPath = parser.value("timings");
    o.studyDelayMs = o.timingsPath.isEmpty() ? 0 : 1000;
    o.protocol = parser.value("protocol");
    if (!o.studyUid.isEmpty() && o.protocol.isEmpty())
        o.protocol = "auto";
    if (!o.priorUid.isEmpty() && o.studyUid.isEmpty()) {
        error = "--prior needs --study (the study it is the prior of)";
        return std::nullopt;
    }
    o.presentationState = parser.value("presentation-state");
    if (parser.isSet("fuse")) {
        const QStringList parts = parser.value("fuse").split(',');
        o.fuseSeriesUid = parts.value(0).trimmed();
        o.fuseColourTable = parts.value(1).trimmed();
        bool ok = true;
        if (parts.size() > 2)
            o.fuseOpacity = parts[2].toDouble(&ok);
        if (o.fuseSeriesUid.isEmpty() || parts.size() > 3 || !ok || (parts.size() > 2 && (o.fuseOpacity < 0 || o.fuseOpacity > 1))) {
            error = "--fuse must be SERIES_UID[,COLORMAP,OPACITY] with an opacity from 0 to 1, not '" + parser.value("fuse") + "'";
            return std::nullopt;
        }
    }
    o.protocolFolder = parser.isSet("protocols-folder") ? parser.value("protocols-folder") : protocols::ProtocolLibrary::defaultUserFolder();
    return o;
}

} // namespace hf::gui
