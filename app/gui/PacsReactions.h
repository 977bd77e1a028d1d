#pragma once
// The PACS side of a window: Settings > PACS nodes (kept by the Workstation, applied at once),
// Study > Send to PACS node, the transfer queue's progress and "Stop transfer", and the sync's
// state in the status bar. GUI thread.
#include <QObject>

class QMenu;
class QWidget;

namespace hf {
class StudyListWidget;
class ViewportGrid;
}

namespace hf::gui {

class StatusPanel;
class Workstation;

class PacsReactions : public QObject {
    Q_OBJECT
public:
    PacsReactions(Workstation& station, StatusPanel& status, ViewportGrid& grid, StudyListWidget& list, QWidget* dialogParent);

    void addFileActions(QMenu& file);
    void addStudyActions(QMenu& study);
    void openNodeSettings();

private:
    void sendStudy();

    Workstation& m_station;
    StatusPanel& m_status;
    ViewportGrid& m_grid;
    StudyListWidget& m_list;
    QWidget* m_dialogParent;
};

} // namespace hf::gui
