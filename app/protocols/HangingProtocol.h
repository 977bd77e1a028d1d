#pragma once
// A hanging protocol as its data file says it (docs/hanging-protocols.md): which studies it
// suits, and in stages, the layout and what each view shows and how. Plain values, any thread.
#include <QString>

#include <optional>
#include <vector>

namespace hf::protocols {

// Which series (stack) a view takes. Every field set must hold; texts are regular expressions
// matched case-insensitively anywhere in the value (anchor them with ^ and $).
struct SeriesSelector {
    QString modality, description, stackLabel, laterality, viewPosition, bodyPart;
    QString orientation;  // axial, coronal, sagittal, oblique or projection (no plane in space)
    int minImages = 0;
    std::optional<bool> contrast;
    int prior = 0;          // 0: the study itself; 1: the most recent earlier study of the patient
    bool distinct = false;  // not one an earlier view of the stage already took
};

struct ViewRule {
    std::vector<SeriesSelector> series;  // tried in order: the first that finds one wins
    QString windowPreset;                // a preset name ("CT lung"), or
    std::optional<double> windowCenter, windowWidth;
    std::optional<double> zoom;  // 1 = fit (the default); "actual" = one image pixel per screen pixel
    bool actualPixels = false;
    QString chestWall;  // "left" or "right": a projection is mirrored so its chest wall is there
    bool flipHorizontal = false;
    // PET/CT: a series fused over the view's (tried in order like `series`), in a colour table
    // at an opacity; or the view's series shown as the rotating MIP ("display": "mip").
    std::vector<SeriesSelector> fuse;
    QString fuseColourTable;
    double fuseOpacity = 0.5;
    bool mip = false;
};

struct ProtocolStage {
    QString name;
    QString layout = "1x1";  // 1x1, 1x2, 2x1, 2x2, 3x3, 2d3d, 3d, mpr, mpr3d
    std::vector<ViewRule> views;  // MPR and 3D layouts: the first view's series is the volume
    bool scrollTogether = true;   // views of one frame of reference scroll by position together
    bool windowTogether = false;  // windowing one view windows the others of the same modality
    bool zoomTogether = false;    // zooming one view zooms the others
    QString slabMode;             // mpr layouts: mip, minip or average
    double slabMm = 0;
    bool needsPrior = false;      // left out when the patient has no earlier study to compare with
};

// What makes a protocol apply to a study; every field set must hold. A file's "match" is one
// rule or a list of alternatives.
struct StudyRule {
    QString modality;  // some series' modality
    QString bodyPart, studyDescription, seriesDescription;
    QString orientation;  // some series has images in this plane
    int minImages = 0;    // in the whole study
    std::optional<bool> contrast, priors;
};

struct HangingProtocol {
    QString name, file;
    bool builtIn = false;
    int priority = 0;  // between protocols that match equally well
    bool fallback = false;
    std::vector<StudyRule> match;  // alternatives: the protocol applies when one of them holds
    std::vector<ProtocolStage> stages;
};

} // namespace hf::protocols
