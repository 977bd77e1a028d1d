#pragma once
// Hanging protocols in a window: a study opened through its protocol (the study list's Enter,
// --protocol, --study) gets the protocol's first stage (layout, which series or stack each view
// shows, window, zoom, mirroring, which views scroll, window and zoom together); View > Next
// and Previous stage (Alt+Right, Alt+Left) step through the stages; File > Save layout as
// protocol writes the arrangement on screen as a protocol file the reader can edit. The study's
// facts come from the cache off the GUI thread. GUI thread.
#include "CacheTasks.h"

#include "HangingPlan.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <set>

class QMenu;
class QWidget;

namespace hf {
class ViewportGrid;
class Volume;
}

namespace hf::gui {

class LayoutReactions;
class SeriesLoading;
class StatusPanel;
class Workstation;

// What the window shows of a protocol (the screenshot's JSON says it).
struct HangingState {
    QString protocol, stageName;
    int stage = 0, stages = 0;  // stage is 1-based; 0: no protocol hung
    // Since the hang was asked for (Enter): every view of the first stage shows its first image,
    // and every one holds its whole volume; -1 until then.
    qint64 firstImagesMs = -1, volumesMs = -1;
};

class ProtocolReactions : public QObject {
    Q_OBJECT
public:
    ProtocolReactions(Workstation& station, ViewportGrid& grid, LayoutReactions& layout, SeriesLoading& loading,
                      StatusPanel& status, QWidget* dialogParent);

    void addViewActions(QMenu& view);
    void addFileActions(QMenu& file);
    // protocol: a name, or "auto" (or empty) for the best match.
    // priorUid: the earlier study to compare with (empty: the default prior).
    void hangStudy(const QString& studyUid, const QString& protocol = "auto", const QString& priorUid = {});
    // 0-based; false when there is no such stage.
    bool showStage(int stage);
    bool stepStage(int by) { return showStage(m_stage + by); }
    HangingState state() const;
    // Writes the views on screen as protocol NAME in the reader's protocol folder and reloads
    // the protocols; the file's path, or empty with `error` set.
    QString saveLayoutAsProtocol(const QString& name, QString& error);

    // Called once a view's series is whole (or at once when it showed it already), with what
    // the stage wants of it beyond the look: a series fused over it, the rotating MIP.
    using ViewExtras = std::function<void(int view, const protocols::ViewAssignment& assignment, std::shared_ptr<const Volume> volume)>;
    void setViewExtras(ViewExtras extras) { m_extras = std::move(extras); }

signals:
    // A hang that loads nothing (every view already showed its series, or nothing matched), or
    // could not start: what a load's end would have said.
    void hangEnded(bool ok, const QString& message);

private:
    void applyLook(int view);

    Workstation& m_station;
    ViewportGrid& m_grid;
    LayoutReactions& m_layout;
    SeriesLoading& m_loading;
    StatusPanel& m_status;
    QWidget* m_dialogParent;
    CacheReplyTo m_replyTo;
    protocols::HangingPlan m_plan;
    int m_stage = -1;
    std::map<int, protocols::ViewAssignment> m_pending;
    std::map<int, protocols::ViewAssignment> m_extrasPending;  // per view: waiting for its whole volume
    ViewExtras m_extras;  // per view: the look to give once it shows its series
    QElapsedTimer m_clock;                          // since hangStudy
    std::set<int> m_awaitingFirst, m_awaitingVolume;  // views of the first stage still loading
    qint64 m_firstImagesMs = -1, m_volumesMs = -1;
};

} // namespace hf::gui
