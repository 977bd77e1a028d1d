#pragma once
// Views of one patient's different studies (Frames of Reference) are linked by registering the
// older (moving) to the more recent (fixed) off the GUI thread as soon as both are whole: then
// they scroll together on the same anatomy and their corner says how they are linked
// ("registered (MI)"). Cancel in the status bar stops it. GUI thread.
#include "hf/dicomio/RigidTransform.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>
#include <string>
#include <utility>

class QMenu;

namespace hf {
class SliceViewport;
class ViewportGrid;
class Volume;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;

class RegistrationReactions : public QObject {
    Q_OBJECT
public:
    // cachePath: where registrations are kept, so that a pair opened again is linked at once.
    // `reader`: the author of the Spatial Registration objects it saves.
    RegistrationReactions(ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status, QString cachePath, QString reader, QObject* parent);

    bool busy() const { return !m_running.empty(); }
    // The transform from `fixed`'s patient points to `moving`'s: at once when their frames are
    // linked already, else once registered (in the background; nothing when that fails). The
    // link is kept for the views' scrolling too.
    void link(std::shared_ptr<const Volume> fixed, std::shared_ptr<const Volume> moving,
              std::function<void(std::optional<RigidTransform> transform, const QString& message)> done);
    // Study > Save registration as DICOM: the active view's link as a Spatial Registration object
    // of the more recent study, imported into the cache (and so sent with the study).
    void addStudyActions(QMenu& study);
    void saveAsSpatialRegistration(int view);
    // How a view is linked to another of another frame: that view, how, and the transform from
    // this view's patient points to the other's.
    struct ViewLink {
        int otherView = -1;
        std::string how;
        RigidTransform transform;
    };
    std::optional<ViewLink> linkOf(int view) const;
    // Ties view `movingView`'s frame to `fixedView`'s by a transform found otherwise (aligned by
    // hand): the views scroll by it, their corners say `how`, and the cache keeps it.
    void setLink(int fixedView, int movingView, const RigidTransform& transform, const std::string& how);
    // Which of two views of different studies is brought onto the other: the older onto the more
    // recent (the first when the dates are equal).
    static std::pair<int, int> fixedAndMoving(const SliceViewport& a, int aIndex, const SliceViewport& b, int bIndex);

signals:
    void registrationEnded(bool ok, const QString& message);

private:
    void considerLinks();
    // Each view's corner: how it is linked to another ("Linked: registered (MI), ...", "Linked:
    // same frame of reference"), or nothing; again whenever views, links or syncing change.
    void refreshLinkTexts();
    void start(int fixedView, int movingView);

    QString m_cachePath, m_reader;
    ViewportGrid& m_grid;
    StatusPanel& m_status;
    // (fixed, moving) frames being registered, and who waits for each: all hear of the result.
    using Done = std::function<void(std::optional<RigidTransform>, const QString&)>;
    std::map<std::pair<std::string, std::string>, std::vector<Done>> m_running;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
};

} // namespace hf::gui
