#pragma once
// A protocol applied to one study: for each stage, the layout and what each view gets. Plain
// values, any thread.
#include "HangingProtocol.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace hf::protocols {

struct ViewAssignment {
    bool empty = true;  // no series matched any of the view's selectors
    QString studyUid, seriesUid, seriesDescription, modality, stackLabel;
    int seriesNumber = 0;
    int stackIndex = 0, stackCount = 1;
    int prior = 0;  // 0: the study itself; 1: its prior
    ViewRule rule;  // window, zoom, mirroring
    bool flipHorizontal = false;  // chest wall placement or flip_horizontal
    QString fuseSeriesUid;        // the rule's fuse selectors found this series (empty: none)
};

struct StagePlan {
    ProtocolStage stage;
    std::vector<ViewAssignment> views;
};

struct HangingPlan {
    QString protocol, file;
    int score = 0;          // how many of its study rules held (the fallback: 0)
    QStringList reasons;    // what matched, as a reader reads it
    std::vector<StagePlan> stages;
};

} // namespace hf::protocols
