#include "MainWindow.h"

#include "AnnotationController.h"
#include "CacheExportInput.h"
#include "CacheTasks.h"
#include "ExportDialog.h"
#include "Exporter.h"
#include "StudyLoadTask.h"
#include "NodeSettingsDialog.h"
#include "RemoteTasks.h"
#include "SyncController.h"
#include "TransferQueue.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/rendering/VolumeScene.h"
#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/ProblemsDialog.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"

#include <QAction>
#include <QSettings>
#include <QCheckBox>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <QActionGroup>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <memory>
#include <tuple>
#include <utility>

namespace hf::gui {
namespace {

struct LayoutShape {
    int rows = 1, columns = 1;
    bool with3d = false;
    bool volumeOnly = false;
};

std::optional<LayoutShape> layoutShape(const QString& name)
{
    if (name == "2d3d")
        return LayoutShape{1, 1, true};
    if (name == "3d")
        return LayoutShape{1, 1, true, true};
    for (const QString grid : {"1x1", "1x2", "2x1", "2x2", "3x3"})
        if (name == grid)
            return LayoutShape{name[0].digitValue(), name[2].digitValue(), false};
    return std::nullopt;
}

// --sync-node, else the node chosen in Settings > PACS nodes; none (nothing sent) when neither.
std::optional<PacsNode> syncNodeOf(const GuiOptions& options, const NodeSettings& nodes)
{
    const QString name = !options.syncNode.isEmpty() ? options.syncNode : nodes.syncNode;
    return name.isEmpty() ? std::nullopt : nodes.node(name);
}

NodeSettings loadNodeSettings()
{
    QSettings settings;
    return NodeSettings::load(settings);
}

} // namespace

QString MainWindow::syncStatusText() const
{
    return m_syncStatus->text();
}

MainWindow::MainWindow(const GuiOptions& options, const PresetLibrary& presets, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_nodes(loadNodeSettings())
    , m_presets(presets)
    , m_grid(new ViewportGrid)
    , m_mpr(new MprWidget)
    , m_centre(new QStackedWidget)
    , m_volume(new VolumeViewport)
    , m_cache(new CacheTasks(options.db, this))
    , m_annotations(new AnnotationController(options.db, qEnvironmentVariable("USER", "unknown"), this))
    , m_sync(new SyncController(options.db, qEnvironmentVariable("USER", "unknown"), syncNodeOf(options, m_nodes), this))
    , m_syncStatus(new QLabel)
    , m_remote(new RemoteTasks(this))
    , m_transfers(new TransferQueue(options.db, this))
    , m_transferProgress(new QProgressBar)
    , m_transferCancel(new QToolButton)
    , m_annotationList(new AnnotationListPanel)
    , m_annotationDock(new QDockWidget(tr("Annotations")))
    , m_studyList(new StudyListWidget)
    , m_studyDock(new QDockWidget(tr("Studies")))
    , m_progress(new QProgressBar)
    , m_cancel(new QToolButton)
    , m_problemsButton(new QToolButton)
    , m_status(new QLabel)
    , m_probe(new QLabel)
    , m_windowCenter(new QDoubleSpinBox)
    , m_windowWidth(new QDoubleSpinBox)
    , m_cineRate(new QDoubleSpinBox)
{
    setWindowTitle("Hounsfield");
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_volume);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({options.size.width() / 2, options.size.width() / 2});
    m_centre->addWidget(splitter);
    m_centre->addWidget(m_mpr);
    setCentralWidget(m_centre);
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i) {
        m_tasks.push_back(new StudyLoadTask(this));
        m_loading.push_back(false);
        connectLoadTask(i);
    }
    setLayoutName(options.layout);

    m_studyDock->setWidget(m_studyList);
    m_studyDock->setObjectName("studies");
    addDockWidget(Qt::LeftDockWidgetArea, m_studyDock);
    // Opening PATHs from the command line goes straight to the images; otherwise the list.
    m_studyDock->setVisible(options.paths.isEmpty() && options.seriesUid.isEmpty());
    resizeDocks({m_studyDock}, {options.size.width() * 3 / 5}, Qt::Horizontal);
    setAcceptDrops(true);
    buildMenusAndToolbar();
    buildAnnotationTools();
    connectStudyList();

    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setVisible(false);
    m_problemsButton->setVisible(false);
    connect(m_problemsButton, &QToolButton::clicked, this, [this] {
        auto* dialog = new ProblemsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setProblems(m_problems);
        dialog->show();
    });
    statusBar()->addWidget(m_status, 1);
    statusBar()->addWidget(m_probe, 1);
    statusBar()->addPermanentWidget(m_syncStatus);
    m_transferProgress->setObjectName("transfer-progress");
    m_transferProgress->setMaximumWidth(180);
    m_transferProgress->setFormat("%v/%m");
    m_transferProgress->hide();
    m_transferCancel->setText(tr("Stop transfer"));
    m_transferCancel->setToolTip(tr("Cancel the retrieval or send in progress (what arrived stays, marked partial)"));
    m_transferCancel->hide();
    connect(m_transferCancel, &QToolButton::clicked, m_transfers, &TransferQueue::cancelCurrent);
    statusBar()->addPermanentWidget(m_transferProgress);
    statusBar()->addPermanentWidget(m_transferCancel);
    statusBar()->addPermanentWidget(m_problemsButton);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        for (StudyLoadTask* task : m_tasks)
            task->cancel();
        if (m_exportCancel)
            m_exportCancel->store(true);
    });
    connect(m_grid, &ViewportGrid::probed, m_probe, &QLabel::setText);
    connect(m_mpr, &MprWidget::probed, m_probe, &QLabel::setText);
    connect(m_grid, &ViewportGrid::activeChanged, this, &MainWindow::activeViewChanged);
    connect(m_grid, &ViewportGrid::seriesDropped, this, [this](int view, const QString& studyUid, const QString& seriesUid) {
        m_openNextInView = view;
        m_cache->locateSeries(studyUid, seriesUid);
    });
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        connect(m_grid->view(i), &SliceViewport::windowChanged, this, [this, i](double center, double width) {
            if (i != m_grid->activeIndex())
                return;
            const QSignalBlocker blockCenter(m_windowCenter), blockWidth(m_windowWidth);
            m_windowCenter->setValue(center);
            m_windowWidth->setValue(width);
        });
    if (auto bone = m_presets.volumePreset("ct-bone"))
        m_volume->setPreset(*bone);
    resize(options.size);
}

MainWindow::~MainWindow()
{
    for (StudyLoadTask* task : m_tasks)
        task->cancel();
}

SliceViewport* MainWindow::sliceViewport() const { return m_grid->activeView(); }

bool MainWindow::mprShown() const { return m_centre->currentWidget() == m_mpr; }

void MainWindow::showInMpr()
{
    if (!m_primaryVolume || m_mpr->scene().volume() == m_primaryVolume.get())
        return;
    m_mpr->setVolume(m_primaryVolume);
    MprScene& scene = m_mpr->scene();
    if (m_options.windowCenter && m_options.windowWidth)
        scene.setWindow(*m_options.windowCenter, *m_options.windowWidth);
    else if (auto p = m_presets.windowPreset(m_options.windowPreset))
        scene.setWindow(p->center, p->width);
    if (m_options.crosshair)
        scene.setCrosshair({(*m_options.crosshair)[0], (*m_options.crosshair)[1], (*m_options.crosshair)[2]});
    else if (m_options.slice)
        scene.setCrosshair(SlicePlane::of(m_primaryVolume->geometry(), *m_options.slice - 1).center());
    if (!m_options.slabMode.isEmpty())
        scene.setSlab(m_options.slabMode == "mip" ? SlabMode::Maximum : m_options.slabMode == "minip" ? SlabMode::Minimum : SlabMode::Mean,
                      m_options.slabMm);
    if (auto bone = m_presets.volumePreset("ct-bone"))
        m_mpr->volumeView()->setPreset(*bone);
    m_mpr->refresh();
}

bool MainWindow::setLayoutName(const QString& layout)
{
    if (layout == "mpr" || layout == "mpr3d") {
        m_mpr->setWith3d(layout == "mpr3d");
        m_centre->setCurrentWidget(m_mpr);
        m_options.layout = layout;
        showInMpr();
        return true;
    }
    const auto shape = layoutShape(layout);
    if (!shape)
        return false;
    m_centre->setCurrentWidget(m_centre->widget(0));
    m_grid->setVisible(!shape->volumeOnly);
    m_grid->setGrid(shape->rows, shape->columns);
    m_volume->setVisible(shape->with3d);
    m_options.layout = layout;
    return true;
}

void MainWindow::buildMenusAndToolbar()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openAction = file->addAction(tr("&Open folder..."), this, &MainWindow::openFolderDialog);
    openAction->setShortcut(QKeySequence::Open);
    file->addAction(tr("Import folder, &copying it into the cache..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import DICOM folder (copy)"));
        if (!dir.isEmpty()) {
            m_options.seriesUid.clear();
            m_options.slice.reset();
            open({dir}, true);
        }
    });
    QAction* exportAction = file->addAction(tr("&Export..."), this, [this] {
        SliceViewport* view = sliceViewport();
        if (!view->volume()) {
            m_status->setText(tr("Open a series first"));
            return;
        }
        ExportDialog dialog(view->slice(), view->scene().sliceCount(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        std::vector<int> keySlices;
        const QStringList keys = m_keyImages[view->seriesInfo().studyUid];
        for (size_t k = 0; k < view->volume()->sliceSopInstanceUids.size(); ++k)
            if (keys.contains(QString::fromStdString(view->volume()->sliceSopInstanceUids[k])))
                keySlices.push_back(int(k));
        exporting::ExportRequest request = dialog.request(keySlices);
        // The window the reader set, not the file's; zoom and pan too when asked.
        request.windowCenter = view->scene().windowCenter();
        request.windowWidth = view->scene().windowWidth();
        if (dialog.asShown()->isChecked())
            request.visibleRegion = visibleRegion(*view);
        exportActive(request);
    });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("PACS &nodes..."), this, &MainWindow::openNodeSettings);
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* toggle = m_studyDock->toggleViewAction();
    toggle->setShortcut(Qt::Key_F2);
    view->addAction(toggle);
    QToolBar* bar = addToolBar(tr("Reading"));
    bar->setObjectName("reading");
    auto* layouts = new QActionGroup(this);
    QMenu* layoutMenu = view->addMenu(tr("&Layout"));
    for (const QString name : {"1x1", "1x2", "2x1", "2x2", "3x3", "2d3d", "mpr", "mpr3d", "3d"}) {
        const QString text = name == "2d3d" ? tr("2D + 3D") : name == "mpr" ? tr("MPR") : name == "mpr3d" ? tr("MPR + 3D") : name == "3d" ? tr("3D") : name;
        QAction* a = layoutMenu->addAction(text, this, [this, name] { setLayoutName(name); });
        a->setCheckable(true);
        a->setChecked(name == m_options.layout);
        layouts->addAction(a);
        bar->addAction(a);
    }
    bar->addSeparator();
    QAction* sync = view->addAction(tr("&Synchronise scrolling (same frame of reference)"), m_grid, &ViewportGrid::setSynchronized);
    sync->setCheckable(true);
    sync->setChecked(m_grid->synchronized());
    QAction* lines = view->addAction(tr("&Reference lines"), m_grid, &ViewportGrid::setReferenceLinesVisible);
    lines->setCheckable(true);
    lines->setChecked(m_grid->referenceLinesVisible());
    sync->setIconText(tr("Sync"));
    lines->setIconText(tr("Ref lines"));
    bar->addAction(sync);
    bar->addAction(lines);
    view->addSeparator();
    // Shown with their keys; the keys themselves are handled by the view under focus.
    view->addAction(tr("Rotate clockwise\tR"), this, [this] { applyToActive([](SliceViewport& v) { v.scene().rotateClockwise(); }); });
    view->addAction(tr("Rotate counter-clockwise\tShift+R"), this,
                    [this] { applyToActive([](SliceViewport& v) { v.scene().rotateCounterClockwise(); }); });
    view->addAction(tr("Flip horizontally\tH"), this, [this] { applyToActive([](SliceViewport& v) { v.scene().flipHorizontal(); }); });
    view->addAction(tr("Flip vertically\tV"), this, [this] { applyToActive([](SliceViewport& v) { v.scene().flipVertical(); }); });
    view->addAction(tr("Fit to view\tF"), this, [this] { applyToActive([](SliceViewport& v) { v.scene().fit(); }); });
    view->addAction(tr("Actual pixels (1:1)\t="), this, [this] { applyToActive([](SliceViewport& v) { v.scene().zoomToActualPixels(); }); });
    view->addAction(tr("Reset view\tEsc"), this, [this] { applyToActive([](SliceViewport& v) { v.scene().resetView(); }); });
    view->addAction(tr("Show/hide corner text\tT"), this, [this] {
        applyToActive([](SliceViewport& v) { v.setCornerTextVisible(!v.scene().overlay().cornerTextVisible()); });
    });
    view->addAction(tr("Play/stop cine\tC"), this, [this] { sliceViewport()->setCinePlaying(!sliceViewport()->cinePlaying()); });

    // 3D presets (resources/presets/volume) and the MPR slab, for the 3D and MPR layouts.
    QMenu* threeD = view->addMenu(tr("3D &preset"));
    for (const auto& [file, label] : {std::pair{"ct-bone", "CT bone"}, std::pair{"ct-soft-tissue", "CT soft tissue"},
                                      std::pair{"ct-lung", "CT lung"}, std::pair{"ct-angio", "CT angiography"},
                                      std::pair{"ct-mip", "CT MIP"}, std::pair{"mr-default", "MR default"}}) {
        const QString name = file;
        threeD->addAction(tr(label), this, [this, name] {
            if (auto preset = m_presets.volumePreset(name)) {
                m_volume->setPreset(*preset);
                m_mpr->volumeView()->setPreset(*preset);
            }
        });
    }
    QMenu* slab = view->addMenu(tr("MPR &slab"));
    for (const auto& [label, mode, mm] : {std::tuple{"Thin (no slab)", SlabMode::None, 0.0}, std::tuple{"MIP 10 mm", SlabMode::Maximum, 10.0},
                                          std::tuple{"MIP 20 mm", SlabMode::Maximum, 20.0}, std::tuple{"MinIP 10 mm", SlabMode::Minimum, 10.0},
                                          std::tuple{"Average 5 mm", SlabMode::Mean, 5.0}}) {
        const SlabMode m = mode;
        const double thickness = mm;
        slab->addAction(tr(label), this, [this, m, thickness] {
            m_mpr->scene().setSlab(m, thickness);
            m_mpr->refresh();
        });
    }
    // 3D clipping at the MPR crosshair (the volume's centre until MPR was shown).
    auto crosshair = [this] {
        return m_mpr->scene().volume() ? m_mpr->scene().crosshair()
                                       : (m_primaryVolume ? SlicePlane::of(m_primaryVolume->geometry(), m_primaryVolume->geometry().slices / 2).center()
                                                          : Vec3{});
    };
    auto both3d = [this](const std::function<void(VolumeScene&)>& change) {
        for (VolumeViewport* v : {m_volume, m_mpr->volumeView()}) {
            change(v->scene());
            v->update();
        }
    };
    view->addAction(tr("3D: crop away what is in front of the crosshair"), this, [crosshair, both3d] {
        const Vec3 c = crosshair();
        both3d([c](VolumeScene& s) { s.addCropPlane(c, {0, -1, 0}); });  // anterior is -y
    });
    view->addAction(tr("3D: clip to a 10 cm box around the crosshair"), this, [crosshair, both3d] {
        const Vec3 c = crosshair(), half{50, 50, 50};
        both3d([c, half](VolumeScene& s) {
            s.clearClipping();
            s.setClippingBox(c - half, c + half);
        });
    });
    view->addAction(tr("3D: show everything"), this, [both3d] { both3d([](VolumeScene& s) { s.clearClipping(); }); });
    view->addAction(tr("Reset MPR orientation"), this, [this] {
        m_mpr->scene().resetOrientation();
        m_mpr->refresh();
    });

    QMenu* window = menuBar()->addMenu(tr("&Window"));
    for (const auto& preset : m_presets.windowPresets()) {
        QAction* a = window->addAction(preset.name, this, [this, preset] {
            if (mprShown()) {
                m_mpr->scene().setWindow(preset.center, preset.width);
                m_mpr->refresh();
            } else {
                sliceViewport()->setWindow(preset.center, preset.width);
            }
        });
        a->setShortcut(QKeySequence(preset.key));
    }
    window->addSeparator();
    window->addAction(tr("Auto (from the histogram)\tA"), this, [this] { sliceViewport()->autoWindow(); });
    window->addAction(tr("Invert\tI"), this, [this] { sliceViewport()->setInverted(!sliceViewport()->scene().viewState().inverted()); });

    // Numeric window entry for the active view.
    bar->addSeparator();
    for (QDoubleSpinBox* box : {m_windowCenter, m_windowWidth}) {
        box->setRange(-100000, 100000);
        box->setDecimals(0);
        box->setKeyboardTracking(false);
    }
    m_windowWidth->setMinimum(1);
    m_windowCenter->setPrefix(tr("L "));
    m_windowWidth->setPrefix(tr("W "));
    m_windowCenter->setToolTip(tr("Window centre (level)"));
    m_windowWidth->setToolTip(tr("Window width"));
    bar->addWidget(m_windowCenter);
    bar->addWidget(m_windowWidth);
    auto applyWindow = [this] { sliceViewport()->setWindow(m_windowCenter->value(), m_windowWidth->value()); };
    connect(m_windowCenter, &QDoubleSpinBox::valueChanged, this, applyWindow);
    connect(m_windowWidth, &QDoubleSpinBox::valueChanged, this, applyWindow);
    bar->addSeparator();
    QAction* cine = bar->addAction(tr("Cine"), this, [this](bool on) { sliceViewport()->setCinePlaying(on); });
    cine->setCheckable(true);
    m_cineRate->setRange(1, 60);
    m_cineRate->setDecimals(0);
    m_cineRate->setValue(15);
    m_cineRate->setSuffix(tr(" fps"));
    m_cineRate->setToolTip(tr("Cine frame rate"));
    bar->addWidget(m_cineRate);
    connect(m_cineRate, &QDoubleSpinBox::valueChanged, this, [this](double fps) { sliceViewport()->setCineRate(fps); });
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        connect(m_grid->view(i), &SliceViewport::cineChanged, this, [this, i, cine](bool playing, double fps) {
            if (i != m_grid->activeIndex())
                return;
            const QSignalBlocker block(m_cineRate);
            cine->setChecked(playing);
            m_cineRate->setValue(fps);
        });
}

void MainWindow::buildAnnotationTools()
{
    m_annotationDock->setWidget(m_annotationList);
    m_annotationDock->setObjectName("annotations");
    addDockWidget(Qt::RightDockWidgetArea, m_annotationDock);
    m_annotationDock->setVisible(false);  // shown once the series has annotations
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("Undo"), m_annotations, &AnnotationController::undo);
    undo->setShortcut(QKeySequence::Undo);
    undo->setEnabled(false);
    QAction* redo = edit->addAction(tr("Redo"), m_annotations, &AnnotationController::redo);
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setEnabled(false);
    connect(m_annotations, &AnnotationController::historyChanged, this,
            [undo, redo](const QString& undoText, const QString& redoText, bool canUndo, bool canRedo) {
                undo->setText(undoText);
                redo->setText(redoText);
                undo->setEnabled(canUndo);
                redo->setEnabled(canRedo);
            });
    edit->addSeparator();
    edit->addAction(m_annotationDock->toggleViewAction());

    // Tools: one at a time for every view; "Window" (no tool) drags window/level.
    QToolBar* bar = addToolBar(tr("Annotate"));
    bar->setObjectName("annotate");
    auto* tools = new QActionGroup(this);
    struct Tool {
        QString text;
        std::optional<AnnotationKind> kind;
    };
    const std::vector<Tool> list{{tr("Window"), std::nullopt},
                                 {tr("Length"), AnnotationKind::Length},
                                 {tr("Angle"), AnnotationKind::Angle},
                                 {tr("Cobb"), AnnotationKind::CobbAngle},
                                 {tr("Ellipse"), AnnotationKind::Ellipse},
                                 {tr("Rectangle"), AnnotationKind::Rectangle},
                                 {tr("Polygon"), AnnotationKind::Polygon},
                                 {tr("Freehand"), AnnotationKind::Freehand},
                                 {tr("Point"), AnnotationKind::Point},
                                 {tr("Arrow"), AnnotationKind::Arrow},
                                 {tr("Text"), AnnotationKind::Text}};
    for (const Tool& tool : list) {
        QAction* a = bar->addAction(tool.text, this, [this, tool] {
            for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
                m_grid->view(i)->setTool(tool.kind);
        });
        a->setCheckable(true);
        a->setChecked(!tool.kind);
        a->setObjectName(QString("tool-") + (tool.kind ? annotationKindName(*tool.kind) : "window"));
        tools->addAction(a);
    }

    QMenu* study = menuBar()->addMenu(tr("&Study"));
    study->addAction(tr("Send to PACS node..."), this, [this] {
        const QString studyUid = !m_studyList->source().isEmpty() || m_studyList->selectedStudyUid().isEmpty()
                                     ? sliceViewport()->seriesInfo().studyUid
                                     : m_studyList->selectedStudyUid();
        QStringList names;
        for (const PacsNode& n : m_nodes.nodes)
            names << QString::fromStdString(n.name);
        if (studyUid.isEmpty() || names.isEmpty()) {
            m_status->setText(names.isEmpty() ? tr("No PACS node yet: File > PACS nodes") : tr("Select or open a study first"));
            return;
        }
        bool ok = false;
        const QString name = QInputDialog::getItem(this, tr("Send study"), tr("Send to:"), names, 0, false, &ok);
        if (const auto node = ok ? m_nodes.node(name) : std::nullopt)
            m_transfers->send(*node, studyUid, tr("Sending to %1").arg(name));
    });
    study->addAction(tr("Add tag..."), this, [this] {
        const SeriesInfo& info = sliceViewport()->seriesInfo();
        if (info.studyUid.isEmpty())
            return;
        const QString word = QInputDialog::getText(this, tr("Tag the study"), tr("Tag:"));
        if (!word.trimmed().isEmpty())
            m_annotations->addTag(info.studyUid, QString(), word);
    });
    study->addAction(tr("Study note..."), this, [this] {
        const SeriesInfo& info = sliceViewport()->seriesInfo();
        if (info.studyUid.isEmpty())
            return;
        bool ok = false;
        const QString note = QInputDialog::getMultiLineText(this, tr("Study note"), tr("Note:"), QString(), &ok);
        if (ok)
            m_annotations->setNote(info.studyUid, note);
    });
    study->addAction(tr("Key image on/off\tK"), this, [this] {
        m_annotations->toggleKeyImage(sliceViewport()->seriesInfo().seriesUid, sliceViewport()->slice());
    });

    connect(m_annotations, &AnnotationController::annotationsChanged, this,
            [this](const QString& seriesUid, const std::vector<ViewAnnotation>& annotations) {
                for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
                    if (m_grid->view(i)->seriesInfo().seriesUid == seriesUid)
                        m_grid->view(i)->setAnnotations(annotations);
                if (sliceViewport()->seriesInfo().seriesUid == seriesUid) {
                    m_annotationList->setAnnotations(annotations);
                    if (!annotations.empty())
                        m_annotationDock->setVisible(true);
                }
            });
    connect(m_annotations, &AnnotationController::saved, m_status, &QLabel::setText);
    connect(m_annotations, &AnnotationController::saved, m_sync, &SyncController::localChange);
    connect(m_sync, &SyncController::statusChanged, this, [this](const QString& text, bool problem) {
        m_syncStatus->setText(text);
        m_syncStatus->setStyleSheet(problem ? "color: #c0392b" : "");
    });
    connect(m_sync, &SyncController::studyChanged, m_annotations, &AnnotationController::reloadAll);
    connect(m_sync, &SyncController::syncStatesChanged, m_annotations, &AnnotationController::reloadAll);
    connect(m_annotations, &AnnotationController::keyImagesChanged, this,
            [this](const QString& studyUid, const QStringList& sops) { m_keyImages[studyUid] = sops; });
    connect(m_annotations, &AnnotationController::failed, this,
            [this](const QString& reason) { m_status->setText(tr("Annotation not saved: %1").arg(reason)); });
    connect(m_annotationList, &AnnotationListPanel::jumpRequested, this, [this](const QString& id, int slice) {
        if (slice >= 0)
            sliceViewport()->setSlice(slice);
        sliceViewport()->editing().select(id.toStdString());
        sliceViewport()->update();
    });
    connect(m_annotationList, &AnnotationListPanel::selectionChanged, this, [this](const QString& id) {
        sliceViewport()->editing().select(id.toStdString());
        sliceViewport()->update();
    });
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        connectAnnotations(i);
}

void MainWindow::connectAnnotations(int index)
{
    SliceViewport* view = m_grid->view(index);
    connect(view, &SliceViewport::annotationDrawn, this, [this, view](AnnotationKind kind, const std::vector<Vec3>& points) {
        QString label;
        if (kind == AnnotationKind::Text) {
            label = QInputDialog::getText(this, tr("Text annotation"), tr("Text:"));
            if (label.trimmed().isEmpty())
                return;
        }
        m_annotations->add(view->seriesInfo().seriesUid, kind, points, label);
    });
    connect(view, &SliceViewport::annotationEdited, this, [this, view](const QString& id, const std::vector<Vec3>& points) {
        m_annotations->edit(view->seriesInfo().seriesUid, id, points);
    });
    connect(view, &SliceViewport::annotationDeleteRequested, this,
            [this, view](const QString& id) { m_annotations->remove(view->seriesInfo().seriesUid, id); });
    connect(view, &SliceViewport::keyImageToggled, this,
            [this, view](int slice) { m_annotations->toggleKeyImage(view->seriesInfo().seriesUid, slice); });
}

QRectF MainWindow::visibleRegion(const SliceViewport& view)
{
    // The view's corners in pixel index coordinates (edges, not centres). Rotation and flips
    // are not carried into exports: the region is the axis-aligned box the view covers.
    const StackGeometry& g = view.volume()->geometry();
    const qreal ratio = view.devicePixelRatioF();
    const Vec3 a = g.toIndex(view.scene().patientPosition(0, 0)), b = g.toIndex(view.scene().patientPosition(view.width() * ratio, view.height() * ratio));
    return QRectF(QPointF(std::min(a.x, b.x), std::min(a.y, b.y)), QPointF(std::max(a.x, b.x), std::max(a.y, b.y)));
}

void MainWindow::exportActive(const exporting::ExportRequest& request)
{
    SliceViewport* view = sliceViewport();
    if (!view->volume()) {
        emit exportFinished(false, {}, tr("no series to export"));
        return;
    }
    const SeriesInfo& info = view->seriesInfo();
    exporting::StudyDescription study;
    study.patientName = info.patientName;
    study.patientId = info.patientId;
    study.patientBirthDate = info.patientBirthDate;
    study.patientSex = info.patientSex;
    study.studyUid = info.studyUid;
    study.studyDate = info.studyDate;
    study.studyTime = info.studyTime;
    study.studyDescription = info.studyDescription;
    study.seriesUid = info.seriesUid;
    study.seriesDescription = info.seriesDescription;
    study.modality = info.modality;
    study.seriesNumber = info.seriesNumber;
    const std::shared_ptr<const Volume> volume = view->volume();
    const std::string db = m_options.db.toStdString();
    auto cancel = m_exportCancel = std::make_shared<std::atomic<bool>>(false);
    QPointer<MainWindow> self(this);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_progress->setFormat(tr("Exporting %v/%m"));
    m_status->setText(tr("Exporting to %1").arg(request.out));
    (void)QtConcurrent::run([self, request, study, volume, db, cancel] {
        QStringList files;
        QString message;
        bool ok = true;
        try {
            CacheDatabase database(db);
            const exporting::ExportInput input = exporting::collectFromCache(database, volume, study);
            files = exporting::runExport(request, input, [self, cancel](int done, int total) {
                if (!self)
                    return false;  // the window is gone: stop (written files are removed)
                QMetaObject::invokeMethod(self.data(), [self, done, total] {
                    if (self) {
                        self->m_progress->setRange(0, total);
                        self->m_progress->setValue(done);
                    }
                }, Qt::QueuedConnection);
                return !cancel->load();
            }).files;
        } catch (const std::exception& e) {
            ok = false;
            message = QString::fromUtf8(e.what());
        }
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, ok, files, message] {
            if (!self)
                return;
            self->m_progress->setVisible(false);
            self->m_cancel->setVisible(false);
            self->m_status->setText(ok ? tr("Exported %1").arg(files.join(", ")) : tr("Export failed: %1").arg(message));
            emit self->exportFinished(ok, files, message);
        }, Qt::QueuedConnection);
    });
}

void MainWindow::applyToActive(const std::function<void(SliceViewport&)>& action)
{
    SliceViewport* view = sliceViewport();
    action(*view);
    view->refresh();  // corner text (zoom, orientation) and a repaint
}

void MainWindow::activeViewChanged()
{
    SliceViewport* view = sliceViewport();
    const QSignalBlocker blockCenter(m_windowCenter), blockWidth(m_windowWidth), blockRate(m_cineRate);
    m_windowCenter->setValue(view->scene().windowCenter());
    m_windowWidth->setValue(view->scene().windowWidth());
    m_cineRate->setValue(view->cineRate());
    m_annotationList->setAnnotations(view->editing().annotations());
    if (!view->seriesInfo().patientName.isEmpty() || !view->seriesInfo().studyDescription.isEmpty())
        setWindowTitle(QString("Hounsfield - %1 - %2").arg(view->seriesInfo().patientName, view->seriesInfo().studyDescription));
}

void MainWindow::connectLoadTask(int view)
{
    StudyLoadTask* task = m_tasks[size_t(view)];
    connect(task, &StudyLoadTask::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        m_progress->setVisible(true);
        m_cancel->setVisible(true);
        m_progress->setFormat(stage + " %v/%m");
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(task, &StudyLoadTask::firstSliceReady, this,
            [this, view](std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series) {
                showFirstSlice(view, std::move(volume), slice, series);
            });
    connect(task, &StudyLoadTask::finished, this, [this, view](std::shared_ptr<const Volume> volume, const QStringList& errors) {
        showVolume(view, std::move(volume), errors);
    });
    connect(task, &StudyLoadTask::failed, this,
            [this, view](const QString& reason, const QStringList& errors) { showFailure(view, reason, errors); });
    connect(task, &StudyLoadTask::imported, this, [this] { m_cache->queryStudies(m_studyList->filter()); });
}

void MainWindow::open(const QStringList& paths, bool copyIntoCache)
{
    m_status->setText(tr("Opening %1").arg(paths.join(", ")));
    const int firstSlice = m_options.slice ? *m_options.slice - 1 : -1;
    const int view = m_grid->activeIndex();
    m_problems.clear();
    m_fillOtherViews = true;
    m_loading[size_t(view)] = true;
    m_tasks[size_t(view)]->start(paths, m_options.seriesUid, firstSlice, m_options.db, copyIntoCache);
}

void MainWindow::loadInto(int view, const QStringList& files, const QString& seriesUid, int firstSlice)
{
    m_loading[size_t(view)] = true;
    m_tasks[size_t(view)]->start(files, seriesUid, firstSlice);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        m_options.seriesUid.clear();
        m_options.slice.reset();
        open(paths);
        event->acceptProposedAction();
    }
}

void MainWindow::openInNewWindow(const QString& seriesUid, const QStringList& files)
{
    // Another viewer window on the same cache, without its own study list.
    GuiOptions options = m_options;
    options.paths = files;  // only hides its study list: opening below does not import again
    options.screenshotPath.clear();
    options.seriesUid = seriesUid;
    options.slice.reset();
    options.layout = "1x1";
    auto* window = new MainWindow(options, m_presets);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->m_fillOtherViews = false;
    window->show();
    window->loadInto(0, files, seriesUid, -1);
}

void MainWindow::offerRebuild(const QString& reason)
{
    const auto answer = QMessageBox::warning(
        this, tr("Damaged study index"),
        reason + "\n\n" + tr("Rebuild the index from the imported files? The damaged file is kept beside it."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
        m_status->setText(tr("Rebuilding the study index from the imported files..."));
        m_cache->rebuild();
    }
}

void MainWindow::connectStudyList()
{
    // The list shows the cache or a PACS node; answers for the other are dropped.
    m_studyList->setSources(nodeNames());
    connect(m_studyList, &StudyListWidget::filterChanged, this, [this](const StudyFilter& filter) {
        const QString source = m_studyList->source();
        if (source.isEmpty()) {
            m_cache->queryStudies(filter);
        } else if (const auto node = m_nodes.node(source)) {
            m_status->setText(tr("Searching %1...").arg(source));
            m_remote->queryStudies(*node, filter);
        }
    });
    connect(m_cache, &CacheTasks::studiesReady, this, [this](std::vector<StudyRow> rows) {
        if (m_studyList->source().isEmpty())
            m_studyList->setStudies(std::move(rows));
    });
    connect(m_remote, &RemoteTasks::studiesReady, this, [this](std::vector<StudyRow> rows) {
        if (m_studyList->source().isEmpty())
            return;
        m_status->setText(tr("%1 studies on %2").arg(rows.size()).arg(m_studyList->source()));
        m_studyList->setStudies(std::move(rows));
    });
    connect(m_remote, &RemoteTasks::seriesReady, this, [this](const QString& studyUid, std::vector<SeriesRow> series) {
        if (!m_studyList->source().isEmpty())
            m_studyList->setSeries(studyUid, series);
    });
    connect(m_remote, &RemoteTasks::failed, m_status, &QLabel::setText);
    connect(m_studyList, &StudyListWidget::retrieveRequested, this,
            [this](const QString& nodeName, const QString& studyUid, const QString& seriesUid) {
                if (const auto node = m_nodes.node(nodeName))
                    m_transfers->retrieve(*node, studyUid, seriesUid, tr("Retrieving from %1").arg(nodeName), true);
            });
    connect(m_transfers, &TransferQueue::progress, this, [this](const QString& label, int done, int expected, int waiting) {
        m_transferProgress->setMaximum(std::max(expected, 1));
        m_transferProgress->setValue(std::min(done, std::max(expected, 1)));
        m_transferProgress->show();
        m_transferCancel->show();
        m_status->setText(waiting ? tr("%1 (%2 more waiting)").arg(label).arg(waiting) : label);
    });
    auto transferDone = [this](const QString& message) {
        m_status->setText(message);
        if (m_transfers->waiting() == 0) {
            m_transferProgress->hide();
            m_transferCancel->hide();
        }
    };
    connect(m_transfers, &TransferQueue::retrieved, this,
            [this, transferDone](const QString& studyUid, bool ok, const QString& message, bool openWhenDone) {
                transferDone(message);
                if (m_studyList->source().isEmpty())
                    m_cache->queryStudies(m_studyList->filter());
                if (ok && openWhenDone) {
                    m_openNextInNewWindow = false;
                    m_cache->locateSeries(studyUid, QString());
                }
            });
    connect(m_transfers, &TransferQueue::sent, this, [transferDone](const QString&, bool, const QString& message) { transferDone(message); });
    if (m_options.paths.isEmpty() && !m_options.seriesUid.isEmpty()) {
        // Started with --series and no PATH: that series from the cache (loaded when it is).
        m_cache->locateSeries(QString(), m_options.seriesUid);
    } else if (m_options.paths.isEmpty()) {
        // Started on the study list: it is "loaded" once the first query has filled it.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_cache, &CacheTasks::studiesReady, this, [this, once] {
            disconnect(*once);
            QTimer::singleShot(0, this, [this] { emit loadFinished(true, {}); });
        });
    }
    connect(m_studyList, &StudyListWidget::studySelected, this, [this](const QString& studyUid) {
        const QString source = m_studyList->source();
        if (source.isEmpty())
            m_cache->querySeries(studyUid);
        else if (const auto node = m_nodes.node(source))
            m_remote->querySeries(*node, studyUid);
    });
    connect(m_cache, &CacheTasks::seriesReady, this, [this](const QString& studyUid, const std::vector<SeriesRow>& series) {
        if (!m_studyList->source().isEmpty())
            return;
        m_studyList->setSeries(studyUid, series);
        for (const auto& s : series)
            m_cache->thumbnail(QString::fromStdString(s.uid));
    });
    connect(m_cache, &CacheTasks::thumbnailReady, m_studyList, &StudyListWidget::setSeriesThumbnail);
    connect(m_studyList, &StudyListWidget::openSeriesRequested, this,
            [this](const QString& studyUid, const QString& seriesUid, bool inNewWindow) {
                m_openNextInNewWindow = inNewWindow;
                m_cache->locateSeries(studyUid, seriesUid);
            });
    connect(m_cache, &CacheTasks::seriesLocated, this, [this](const QString& seriesUid, const QStringList& files) {
        const int targetView = std::exchange(m_openNextInView, -1);
        if (files.isEmpty()) {
            const QString why = tr("Series %1: none of its files are in the cache or on disk").arg(seriesUid);
            m_status->setText(why);
            emit loadFinished(false, why);
            return;
        }
        if (std::exchange(m_openNextInNewWindow, false)) {
            openInNewWindow(seriesUid, files);
            return;
        }
        m_options.seriesUid = seriesUid;
        const int firstSlice = m_options.slice ? *m_options.slice - 1 : -1;  // --slice, for the series asked for at start
        m_options.slice.reset();
        m_status->setText(tr("Opening series %1").arg(seriesUid));
        const int view = targetView >= 0 ? targetView : m_grid->activeIndex();
        m_grid->setActive(view);
        loadInto(view, files, seriesUid, firstSlice);
    });
    connect(m_studyList, &StudyListWidget::removeStudyRequested, this, &MainWindow::confirmRemoveStudy);
    connect(m_cache, &CacheTasks::studyRemoved, this, [this](const QString&, long long instances, long long bytes) {
        m_status->setText(tr("Removed %1 images from the cache, freeing %2 MB (linked files stay where they were)")
                              .arg(instances)
                              .arg(double(bytes) / 1e6, 0, 'f', 1));
        m_cache->queryStudies(m_studyList->filter());
    });
    connect(m_cache, &CacheTasks::failed, this, [this](const QString& reason) { m_status->setText(reason); });
    connect(m_cache, &CacheTasks::damaged, this, &MainWindow::offerRebuild, Qt::UniqueConnection);
    connect(m_cache, &CacheTasks::rebuilt, this, [this](long long instances, const QString& damagedCopy) {
        m_status->setText(tr("Study index rebuilt: %1 images (the damaged index is kept as %2)").arg(instances).arg(damagedCopy));
        m_cache->queryStudies(m_studyList->filter());
    });
    m_cache->queryStudies(m_studyList->filter());
}

QStringList MainWindow::nodeNames() const
{
    QStringList names;
    for (const PacsNode& n : m_nodes.nodes)
        names << QString::fromStdString(n.name);
    return names;
}

void MainWindow::setNodeSettings(const NodeSettings& nodes)
{
    m_nodes = nodes;
    QSettings settings;
    m_nodes.save(settings);
    m_studyList->setSources(nodeNames());
    m_sync->setNode(syncNodeOf(m_options, m_nodes));
}

void MainWindow::openNodeSettings()
{
    NodeSettingsDialog dialog(m_nodes, this);
    if (dialog.exec() == QDialog::Accepted) {
        setNodeSettings(dialog.settings());
        m_status->setText(tr("PACS nodes saved"));
    }
}

void MainWindow::confirmRemoveStudy(const QString& studyUid)
{
    const auto answer = QMessageBox::question(this, tr("Remove study"),
                                              tr("Remove this study from the local cache? Copies the cache made are "
                                                 "deleted; files it only links to stay on disk."));
    if (answer == QMessageBox::Yes)
        m_cache->removeStudy(studyUid);
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
    if (!dir.isEmpty()) {
        m_options.seriesUid.clear();
        m_options.slice.reset();
        open({dir});
    }
}

void MainWindow::showProblems(const QStringList& problems)
{
    m_problems = problems;
    m_problemsButton->setText(problems.size() == 1 ? tr("1 file could not be read")
                                                   : tr("%1 files could not be read").arg(problems.size()));
    m_problemsButton->setToolTip(problems.mid(0, 5).join('\n'));
    m_problemsButton->setVisible(!problems.isEmpty());
}

void MainWindow::applyRequestedWindow(SliceViewport* view)
{
    if (m_options.windowCenter && m_options.windowWidth) {
        view->setWindow(*m_options.windowCenter, *m_options.windowWidth);
    } else if (!m_options.windowPreset.isEmpty()) {
        if (auto p = m_presets.windowPreset(m_options.windowPreset))
            view->setWindow(p->center, p->width);
    }
}

void MainWindow::showFirstSlice(int index, std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series)
{
    SliceViewport* view = m_grid->view(index);
    view->setSeriesInfo(series.info);
    view->setVolume(volume, slice);
    applyRequestedWindow(view);
    if (index == m_grid->activeIndex())
        activeViewChanged();
    if (!series.warnings.isEmpty())
        m_status->setText(tr("Warning: %1").arg(series.warnings.join("; ")));
    // The first series of freshly opened PATHs: its siblings fill the other views, in order.
    if (std::exchange(m_fillOtherViews, false)) {
        QList<int> freeViews;
        for (int i = 0; i < m_grid->viewCount(); ++i)
            if (i != index)
                freeViews << i;
        for (int n = 0; n < series.otherSeries.size() && n < freeViews.size(); ++n)
            loadInto(freeViews[n], series.otherSeries[n].second, series.otherSeries[n].first, -1);
    }
}

void MainWindow::showVolume(int index, std::shared_ptr<const Volume> volume, const QStringList& errors)
{
    SliceViewport* view = m_grid->view(index);
    view->volumeLoaded();
    // Measured on the whole series, so only now that every slice is decoded.
    m_annotations->openSeries(view->seriesInfo().studyUid, view->seriesInfo().seriesUid, volume);
    m_sync->studyOpened(view->seriesInfo().studyUid);  // the PACS may hold others' annotations
    if (index == 0) {
        m_volume->setVolume(volume);
        m_primaryVolume = volume;
        if (mprShown())
            showInMpr();
    }
    showProblems(m_problems + errors);
    if (m_status->text().startsWith(tr("Opening")))
        m_status->setText(tr("Loaded %1 images").arg(volume->geometry().slices));
    loadEnded(index, true, errors.join("\n"));
}

void MainWindow::showFailure(int index, const QString& reason, const QStringList& errors)
{
    m_status->setText(reason);
    showProblems(m_problems + errors);
    loadEnded(index, false, (QStringList(reason) + errors).join("\n"));
}

void MainWindow::loadEnded(int view, bool ok, const QString& message)
{
    m_loading[size_t(view)] = false;
    m_loadFailed |= !ok;
    if (!message.isEmpty())
        m_loadMessages += (m_loadMessages.isEmpty() ? "" : "\n") + message;
    if (std::find(m_loading.begin(), m_loading.end(), true) != m_loading.end())
        return;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    const bool failed = std::exchange(m_loadFailed, false);
    emit loadFinished(!failed, std::exchange(m_loadMessages, {}));
}

} // namespace hf::gui
