#pragma once
// The `hounsfield` command line (cli.md), parsed once in main().
#include "hf/dicomio/Vec3.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace hf::gui {

struct GuiOptions {
    QStringList paths;
    QString layout = "2d3d";  // 2D slice next to 3D; "1x1" is the slice alone
    QString seriesUid;
    std::optional<int> slice;  // 1-based image number, as the corner text shows it
    std::optional<int> stack;  // 1-based stack of the --series (several echoes, b-values, ...)
    std::optional<double> windowCenter, windowWidth;
    QString windowPreset;
    QSize size{1400, 800};
    QString screenshotPath;
    // Hanging protocols: "auto" or a name (PATHs, --series or --study open through it); the
    // cached study to open through its protocol; the reader's protocol folder.
    QString protocol;
    QString studyUid;
    QString priorUid;  // the --study's prior to compare with (empty: the default one)
    QString protocolFolder;
    QString presentationState;
    // --fuse SERIES_UID[,COLORMAP,OPACITY]: that series fused over the first view once loaded.
    QString fuseSeriesUid, fuseColourTable;
    double fuseOpacity = -1;  // negative: the default  // a GSPS to apply to the active view once read (SOP Instance UID)
    // Benchmarks: once loaded, write how long the hang took (JSON) and exit. The --study is then
    // hung a second after start, on a window that is up and idle, as a reader's Enter would be.
    QString timingsPath;
    int studyDelayMs = 0;
    QString db;
    QString auditLog;  // the audit trail's log (--audit-log; default audit.log beside the cache)
    QString syncNode;  // AET@HOST:PORT the annotations sync with (else the "sync/node" setting)
    // MPR layouts: the crosshair (patient LPS mm) and a slab ("mip", "minip" or "average" and mm).
    std::optional<std::array<double, 3>> crosshair;
    QString slabMode;
    double slabMm = 0;
    // The curved reformat layout ("cpr"): the path's points (patient LPS mm), at least 2.
    std::vector<Vec3> path;
};

// Parses arguments (without the program name). On error returns nullopt and sets error.
std::optional<GuiOptions> parseGuiOptions(const QStringList& arguments, QString& error, bool& helpShown);

} // namespace hf::gui
