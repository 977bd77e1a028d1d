#pragma once
// View > Fusion: another series of the active view's study fused over it (PET over CT), loaded
// off the GUI thread from the cache, drawn in a colour table (resources/colormaps) at an opacity
// with its own window in its units (SUV where known); the Fusion toolbar changes them. The MPR
// planes fuse what the first view fuses. GUI thread.
#include <QObject>
#include <QString>

#include <map>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QMainWindow;
class QMenu;
class QSlider;
class QToolBar;

namespace hf {
class ViewportGrid;
class Volume;
}

namespace hf::gui {

class LayoutReactions;
class RegistrationReactions;
class StatusPanel;
class StudyLoadTask;
class Workstation;

class FusionReactions : public QObject {
    Q_OBJECT
public:
    // registration: a series of another Frame of Reference of the patient (a prior) is fused once
    // registered to the view's.
    FusionReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid, LayoutReactions& layout, RegistrationReactions& registration,
                    StatusPanel& status);
    ~FusionReactions() override;

    void addViewActions(QMenu& view);
    // Fuses a cached series over `view`: colour table by name (empty: hot iron), opacity 0..1
    // (negative: 0.5). Reported through fused().
    void fuse(int view, const QString& seriesUid, const QString& table = {}, double opacity = -1);
    void unfuse(int view);
    bool busy() const { return !m_tasks.empty() || m_registering > 0; }
    // The toolbar shows the active view's fusion.
    void followActiveView();

signals:
    void fused(int view, bool ok, const QString& message);

private:
    void lookChanged();
    void finish(int view, std::shared_ptr<const Volume> overlay, const QString& seriesUid, const QString& label, const std::string& patientId,
                const QString& table, double opacity);
    void shown(int view);  // the fusion is on screen (or says why not): tell the others
    void fillSeriesMenu(QMenu& menu);

    QMainWindow& m_window;
    Workstation& m_station;
    ViewportGrid& m_grid;
    LayoutReactions& m_layout;
    RegistrationReactions& m_registration;
    StatusPanel& m_status;
    int m_registering = 0;  // fusions waiting for their overlay's registration
    std::map<int, StudyLoadTask*> m_tasks;  // loads under way, by view
    QToolBar* m_bar = nullptr;
    QComboBox* m_table = nullptr;
    QSlider* m_opacity = nullptr;
    QDoubleSpinBox* m_lower = nullptr;
    QDoubleSpinBox* m_upper = nullptr;
    bool m_following = false;  // the toolbar is being set from the view: no look change back
};

} // namespace hf::gui
