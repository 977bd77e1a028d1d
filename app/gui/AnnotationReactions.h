#pragma once
// Annotating: the tool bar (one tool for every view; "Window" returns the left button to
// window/level), undo and redo (the process's one history), the Annotations dock, tags, the study
// note and key images. Views hand what is drawn to the Workstation's AnnotationController and
// show what it answers, so every window on the cache shows the same annotations. GUI thread.
#include "hf/annotations/Annotation.h"
#include "hf/dicomio/Vec3.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QActionGroup;
class QDockWidget;
class QToolBar;
class QMainWindow;
class QMenu;

namespace hf {
class AnnotationListPanel;
class SliceViewport;
class CprWidget;
class MprWidget;
class Volume;
class VolumeViewport;
class ViewportGrid;
struct ViewAnnotation;
}

namespace hf::gui {

class AnnotationController;
class StatusPanel;

class AnnotationReactions : public QObject {
    Q_OBJECT
public:
    // mpr: its planes take the sphere tool (volumes of interest of the first view's series).
    AnnotationReactions(QMainWindow& window, ViewportGrid& grid, MprWidget& mpr, AnnotationController& annotations, StatusPanel& status);

    void addEditActions(QMenu& edit);
    void addToolBar();
    // The tool bar and its one-checked-at-a-time tools (other rooms add tools to them).
    QToolBar* toolBar() const { return m_toolBar; }
    QActionGroup* tools() const { return m_tools; }
    void addStudyActions(QMenu& study);

    AnnotationListPanel* list() const { return m_list; }
    // The key images of a study as last reported (SOP Instance UIDs), for exports.
    QStringList keyImagesOf(const QString& studyUid) const { return m_keyImages.value(studyUid); }
    // The active view changed: the list shows its annotations.
    void followActiveView();
    // The curved reformat's cross-section takes the tools and the first view's series'
    // measurements like an MPR plane; a path chosen in the list asks for it (pathChosen).
    void attachCurvedReformat(CprWidget& cpr);
    // A 3D view measures with the Length tool (its ruler): a length on the plane through the two
    // surface points along the view direction, an annotation of the first view's series.
    void attachVolumeView(VolumeViewport& view);

signals:
    void pathChosen(const std::vector<hf::Vec3>& points, const QString& annotationId);

private:
    void connectView(SliceViewport* view);
    void showAnnotations(const QString& seriesUid, const std::vector<ViewAnnotation>& annotations);
    // A text annotation's text, asked for (false: none given); true at once for other kinds.
    bool askText(AnnotationKind kind, QString& label);
    // Drawn on an MPR plane or the reformat's cross-section: kept with that plane (a path, or
    // the vessel tool's line, through the volume).
    void addDrawnOnPlane(AnnotationKind kind, const std::vector<Vec3>& points, const AnnotationPlane& plane);
    // The vessel tool's two clicks (a line drawn with it): the centreline between them, found in
    // the background, becomes a path annotation of the series.
    void followVessel(const QString& seriesUid, std::shared_ptr<const Volume> volume, const Vec3& from, const Vec3& to);
    // An annotation drawn on a reformatted plane, shown there by the MPR (on screen); false if not.
    bool showOnItsPlane(const QString& id);

    QMainWindow& m_window;
    ViewportGrid& m_grid;
    MprWidget& m_mpr;
    CprWidget* m_cpr = nullptr;
    std::vector<VolumeViewport*> m_volumeViews;
    bool m_vesselTool = false;  // the line tool stands for the vessel tool
    AnnotationController& m_annotations;
    StatusPanel& m_status;
    AnnotationListPanel* m_list;
    QDockWidget* m_dock;
    QToolBar* m_toolBar = nullptr;
    QActionGroup* m_tools = nullptr;
    QMap<QString, QStringList> m_keyImages;  // study -> SOP instances flagged
};

} // namespace hf::gui
