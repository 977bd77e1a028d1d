#include "AnnotationReactions.h"

#include "AnnotationController.h"
#include "BackgroundJob.h"
#include "StatusPanel.h"

#include "hf/dicomio/VesselCentreline.h"

#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/CprWidget.h"
#include "hf/viewer/VolumeViewport.h"
#include "hf/viewer/ForeignMeasurementRows.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/ReportDisplay.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewAnnotation.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QToolBar>

#include <optional>

namespace hf::gui {

AnnotationReactions::AnnotationReactions(QMainWindow& window, ViewportGrid& grid, MprWidget& mpr, AnnotationController& annotations,
                                         StatusPanel& status)
    : QObject(&window)
    , m_window(window)
    , m_grid(grid)
    , m_mpr(mpr)
    , m_annotations(annotations)
    , m_status(status)
    , m_list(new AnnotationListPanel)
    , m_dock(new QDockWidget(tr("Annotations")))
{
    m_dock->setWidget(m_list);
    m_dock->setObjectName("annotations");
    window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->setVisible(false);  // shown once the series has annotations

    connect(&m_annotations, &AnnotationController::annotationsChanged, this, &AnnotationReactions::showAnnotations);
    connect(&m_annotations, &AnnotationController::saved, &m_status, &StatusPanel::say);
    connect(&m_annotations, &AnnotationController::keyImagesChanged, this,
            [this](const QString& studyUid, const QStringList& sops) { m_keyImages[studyUid] = sops; });
    connect(&m_annotations, &AnnotationController::failed, this,
            [this](const QString& reason) { m_status.say(tr("Annotation not saved: %1").arg(reason)); });
    connect(m_list, &AnnotationListPanel::jumpRequested, this, [this](const QString& id, int slice) {
        // One drawn on a reformatted plane: the MPR shows that plane again, when it is on screen;
        // a path: its curved reformat.
        for (const ViewAnnotation& a : m_grid.activeView()->editing().annotations())
            if (a.annotation.id == id.toStdString() && a.annotation.kind == AnnotationKind::Path) {
                emit pathChosen(a.annotation.points, QString::fromStdString(a.annotation.id));
                return;
            }
        if (showOnItsPlane(id))
            return;
        if (slice >= 0)
            m_grid.activeView()->setSlice(slice);
        m_grid.activeView()->editing().select(id.toStdString());  // none for another producer's
        m_grid.activeView()->update();
    });
    connect(m_list, &AnnotationListPanel::selectionChanged, this, [this](const QString& id) {
        m_grid.activeView()->editing().select(id.toStdString());
        m_grid.activeView()->update();
    });
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        connectView(m_grid.view(i));
    // The MPR shows the first view's series: a sphere drawn there is one of its annotations.
    connect(&m_mpr, &MprWidget::sphereDrawn, this, [this](const Vec3& centre, const Vec3& surface) {
        m_annotations.add(m_grid.view(0)->seriesUid(), AnnotationKind::Sphere, {centre, surface}, {});
    });
    // Any other tool on an MPR plane: a measurement kept with that plane.
    connect(&m_mpr, &MprWidget::annotationDrawn, this, &AnnotationReactions::addDrawnOnPlane);
    connect(&m_mpr, &MprWidget::annotationEdited, this,
            [this](const QString& id, const std::vector<Vec3>& points) { m_annotations.edit(m_grid.view(0)->seriesUid(), id, points); });
    connect(&m_mpr, &MprWidget::annotationDeleteRequested, this,
            [this](const QString& id) { m_annotations.remove(m_grid.view(0)->seriesUid(), id); });
}

void AnnotationReactions::showAnnotations(const QString& seriesUid, const std::vector<ViewAnnotation>& annotations)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        if (m_grid.view(i)->seriesUid() == seriesUid)
            m_grid.view(i)->setAnnotations(annotations);
    if (m_grid.view(0)->seriesUid() == seriesUid) {
        std::vector<MprObjectDisplay::Sphere> spheres;
        for (const ViewAnnotation& a : annotations)
            if (a.annotation.kind == AnnotationKind::Sphere && !a.annotation.deleted && a.annotation.points.size() == 2)
                spheres.push_back({a.annotation.id, a.annotation.points[0], a.annotation.points[1], a.summary});
        m_mpr.objects().setSpheres(std::move(spheres));
        m_mpr.setAnnotations(annotations);
        m_mpr.renderAll();
        if (m_cpr)
            m_cpr->setAnnotations(annotations);
    }
    if (m_grid.activeView()->seriesUid() == seriesUid) {
        m_list->setAnnotations(annotations);
        if (!annotations.empty())
            m_dock->setVisible(true);
    }
}

void AnnotationReactions::followVessel(const QString& seriesUid, std::shared_ptr<const Volume> volume, const Vec3& from, const Vec3& to)
{
    if (!volume)
        return;
    m_status.say(tr("Following the vessel..."));
    runInBackground(this, [this, seriesUid, volume, from, to]() -> GuiContinuation {
        const std::vector<Vec3> points = vesselCentreline(*volume, from, to);
        return [this, seriesUid, points] {
            m_annotations.add(seriesUid, AnnotationKind::Path, points, {});
            m_status.say(tr("Vessel centreline: a path of %1 points").arg(points.size()));
        };
    }, [this](const QString& reason) { m_status.say(tr("No centreline: %1").arg(reason)); });
}

bool AnnotationReactions::askText(AnnotationKind kind, QString& label)
{
    if (kind != AnnotationKind::Text)
        return true;
    label = QInputDialog::getText(&m_window, tr("Text annotation"), tr("Text:"));
    return !label.trimmed().isEmpty();
}

void AnnotationReactions::addDrawnOnPlane(AnnotationKind kind, const std::vector<Vec3>& points, const AnnotationPlane& plane)
{
    const QString series = m_grid.view(0)->seriesUid();
    QString label;
    if (m_vesselTool && kind == AnnotationKind::Length && points.size() == 2)
        followVessel(series, m_grid.view(0)->volume(), points[0], points[1]);
    else if (kind == AnnotationKind::Path)  // through the volume (a stretch of a reformat's path), not on the plane
        m_annotations.add(series, kind, points, {});
    else if (askText(kind, label))
        m_annotations.addOnPlane(series, kind, points, plane, label);
}

void AnnotationReactions::attachVolumeView(VolumeViewport& view)
{
    m_volumeViews.push_back(&view);
    connect(&view, &VolumeViewport::rulerMeasured, this, [this](const Vec3& from, const Vec3& to, const Vec3& looking) {
        const Vec3 along = (to - from).normalized();
        if ((to - from).norm() < 1e-6)
            return;
        // The plane holding the ruler and the line of sight (any other, seen end on).
        Vec3 across = looking - along * along.dot(looking);
        if (across.norm() < 1e-6)
            across = std::abs(along.z) < 0.9 ? Vec3{0, 0, 1} - along * along.z : Vec3{1, 0, 0} - along * along.x;
        AnnotationPlane plane;
        plane.origin = from;
        plane.row = along;
        plane.column = across.normalized();
        m_annotations.addOnPlane(m_grid.view(0)->seriesUid(), AnnotationKind::Length, {from, to}, plane, {});
    });
}

void AnnotationReactions::attachCurvedReformat(CprWidget& cpr)
{
    m_cpr = &cpr;
    connect(&cpr, &CprWidget::annotationDrawn, this, &AnnotationReactions::addDrawnOnPlane);
    connect(&cpr, &CprWidget::annotationEdited, this,
            [this](const QString& id, const std::vector<Vec3>& points) { m_annotations.edit(m_grid.view(0)->seriesUid(), id, points); });
    connect(&cpr, &CprWidget::annotationDeleteRequested, this,
            [this](const QString& id) { m_annotations.remove(m_grid.view(0)->seriesUid(), id); });
}

bool AnnotationReactions::showOnItsPlane(const QString& id)
{
    if (!m_mpr.isVisible() || m_grid.view(0)->seriesUid() != m_grid.activeView()->seriesUid())
        return false;
    for (const ViewAnnotation& a : m_grid.view(0)->editing().annotations())
        if (a.annotation.id == id.toStdString() && a.annotation.plane && !a.annotation.points.empty()) {
            Vec3 centre;
            for (const Vec3& p : a.annotation.points)
                centre = centre + p * (1.0 / double(a.annotation.points.size()));
            // The centre of a polygon may be off its outline, not off its plane.
            m_mpr.showPlane(*a.annotation.plane, centre, a.annotation.id);
            return true;
        }
    return false;
}

void AnnotationReactions::followActiveView()
{
    const SliceViewport& view = *m_grid.activeView();
    m_list->setAnnotations(view.editing().annotations());
    // Other producers' measurements on the series' study, below our own.
    const auto foreign = foreignMeasurementRows(view.reports().reports(), view.volume().get());
    m_list->setForeignMeasurements(foreign);
    if (!foreign.empty())
        m_dock->setVisible(true);
}

void AnnotationReactions::addEditActions(QMenu& edit)
{
    QAction* undo = edit.addAction(tr("Undo"), &m_annotations, &AnnotationController::undo);
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = edit.addAction(tr("Redo"), &m_annotations, &AnnotationController::redo);
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    auto follow = [undo, redo](const QString& undoText, const QString& redoText, bool canUndo, bool canRedo) {
        undo->setText(undoText);
        redo->setText(redoText);
        undo->setEnabled(canUndo);
        redo->setEnabled(canRedo);
    };
    const auto& now = m_annotations.history();  // another window may have made history already
    follow(now.undoText, now.redoText, now.canUndo, now.canRedo);
    connect(&m_annotations, &AnnotationController::historyChanged, this, follow);
    edit.addSeparator();
    edit.addAction(m_dock->toggleViewAction());
}

void AnnotationReactions::addToolBar()
{
    QToolBar* bar = m_toolBar = m_window.addToolBar(tr("Annotate"));
    bar->setObjectName("annotate");
    auto* tools = m_tools = new QActionGroup(this);
    const std::vector<std::pair<QString, std::optional<AnnotationKind>>> list{
        {tr("Window"), std::nullopt},          {tr("Length"), AnnotationKind::Length},
        {tr("Angle"), AnnotationKind::Angle},  {tr("Cobb"), AnnotationKind::CobbAngle},
        {tr("Ellipse"), AnnotationKind::Ellipse}, {tr("Rectangle"), AnnotationKind::Rectangle},
        {tr("Polygon"), AnnotationKind::Polygon}, {tr("Freehand"), AnnotationKind::Freehand},
        {tr("Point"), AnnotationKind::Point},  {tr("Arrow"), AnnotationKind::Arrow},
        {tr("Text"), AnnotationKind::Text},    {tr("Sphere VOI"), AnnotationKind::Sphere},
        {tr("Path"), AnnotationKind::Path}};
    for (const auto& [text, kind] : list) {
        const std::optional<AnnotationKind> tool = kind;
        QAction* a = bar->addAction(text, this, [this, tool] {
            m_vesselTool = false;
            for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
                m_grid.view(i)->setTool(tool);
            m_mpr.setSphereTool(tool == AnnotationKind::Sphere);
            m_mpr.setTool(tool);
            for (VolumeViewport* v : m_volumeViews)
                v->setRulerTool(tool == AnnotationKind::Length);
            if (m_cpr)
                m_cpr->setTool(tool);
        });
        a->setCheckable(true);
        a->setChecked(!tool);
        a->setObjectName(QString("tool-") + (tool ? annotationKindName(*tool) : "window"));
        tools->addAction(a);
    }
    // Two clicks inside a contrast-filled vessel (a line from one to the other): its centreline.
    QAction* vessel = bar->addAction(tr("Vessel"), this, [this] {
        for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
            m_grid.view(i)->setTool(AnnotationKind::Length);
        m_mpr.setSphereTool(false);
        m_mpr.setTool(AnnotationKind::Length);
        for (VolumeViewport* v : m_volumeViews)
            v->setRulerTool(false);
        if (m_cpr)
            m_cpr->setTool(std::nullopt);
        m_vesselTool = true;
    });
    vessel->setCheckable(true);
    vessel->setObjectName("tool-vessel");
    vessel->setToolTip(tr("Click inside a contrast-filled vessel and drag to another point inside it: its centreline becomes a path"));
    tools->addAction(vessel);
}

void AnnotationReactions::addStudyActions(QMenu& study)
{
    study.addAction(tr("Add tag..."), this, [this] {
        const QString studyUid = m_grid.activeView()->studyUid();
        if (studyUid.isEmpty())
            return;
        const QString word = QInputDialog::getText(&m_window, tr("Tag the study"), tr("Tag:"));
        if (!word.trimmed().isEmpty())
            m_annotations.addTag(studyUid, QString(), word);
    });
    study.addAction(tr("Study note..."), this, [this] {
        const QString studyUid = m_grid.activeView()->studyUid();
        if (studyUid.isEmpty())
            return;
        bool ok = false;
        const QString note = QInputDialog::getMultiLineText(&m_window, tr("Study note"), tr("Note:"), QString(), &ok);
        if (ok)
            m_annotations.setNote(studyUid, note);
    });
    study.addAction(tr("Key image on/off\tK"), this, [this] {
        m_annotations.toggleKeyImage(m_grid.activeView()->seriesUid(), m_grid.activeView()->slice());
    });
}

void AnnotationReactions::connectView(SliceViewport* view)
{
    connect(view, &SliceViewport::annotationDrawn, this, [this, view](AnnotationKind kind, const std::vector<Vec3>& points) {
        if (m_vesselTool && kind == AnnotationKind::Length && points.size() == 2) {
            followVessel(view->seriesUid(), view->volume(), points[0], points[1]);
            return;
        }
        QString label;
        if (askText(kind, label))
            m_annotations.add(view->seriesUid(), kind, points, label);
    });
    connect(view, &SliceViewport::annotationEdited, this, [this, view](const QString& id, const std::vector<Vec3>& points) {
        m_annotations.edit(view->seriesUid(), id, points);
    });
    connect(view, &SliceViewport::annotationDeleteRequested, this,
            [this, view](const QString& id) { m_annotations.remove(view->seriesUid(), id); });
    connect(view, &SliceViewport::keyImageToggled, this,
            [this, view](int slice) { m_annotations.toggleKeyImage(view->seriesUid(), slice); });
}

} // namespace hf::gui
