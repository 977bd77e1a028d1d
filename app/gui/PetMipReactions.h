#pragma once
// The rotating PET MIP: a view shows the projections of its PET series from every side (View >
// PET MIP, or a hanging protocol's "mip" view), made off the GUI thread and played as a cine; a
// click on it moves the other views (and the MPR crosshair) of that Frame of Reference to the
// hottest voxel of the lesion under the click. GUI thread.
#include <QObject>

#include <map>
#include <memory>
#include <set>

class QMenu;

namespace hf {
class MprWidget;
class RotatingMip;
class ViewportGrid;
class Volume;
struct Vec3;
}

namespace hf::gui {

class LayoutReactions;
class StatusPanel;

class PetMipReactions : public QObject {
    Q_OBJECT
public:
    PetMipReactions(ViewportGrid& grid, MprWidget& mpr, LayoutReactions& layout, StatusPanel& status, QObject* parent);

    void addViewActions(QMenu& view);
    // Shows `view`'s series (a whole volume) as the rotating MIP, `volume` being that series.
    void showMip(int view, std::shared_ptr<const Volume> volume);
    bool busy() const { return !m_making.empty(); }
    // The MIP a view shows, with the PET it projects (null when it shows none).
    const RotatingMip* mipOf(int view) const;
    // Moves the other views to the hottest voxel near a patient point of `view`'s PET; its position.
    Vec3 goToLesion(int view, const Vec3& near);

    // Rotation frames: 36, every 10 degrees.
    static constexpr int kAngles = 36;

signals:
    // The MIP asked for is shown, or not (its view shows another series by then).
    void mipDone(int view, bool shown);

private:
    void clicked(int view, int column, int row, int frame);

    struct Shown {
        std::shared_ptr<const RotatingMip> mip;
        std::shared_ptr<const Volume> pet;
    };
    ViewportGrid& m_grid;
    MprWidget& m_mpr;
    LayoutReactions& m_layout;
    StatusPanel& m_status;
    std::map<int, Shown> m_shown;
    std::set<int> m_making;
};

} // namespace hf::gui
