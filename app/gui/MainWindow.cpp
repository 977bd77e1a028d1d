#include "MainWindow.h"

#include "AnnotationController.h"
#include "AnnotationReactions.h"
#include "BurnedInMaskReactions.h"
#include "ExportReaction.h"
#include "FusionReactions.h"
#include "PetMipReactions.h"
#include "SuvKindReactions.h"
#include "ManualAlignmentReactions.h"
#include "RegistrationReactions.h"
#include "LayoutReactions.h"
#include "PacsReactions.h"
#include "ProtocolReactions.h"
#include "SeriesLoading.h"
#include "SeriesStripReactions.h"
#include "KeyObjectReactions.h"
#include "PresentationStateReactions.h"
#include "ReportReactions.h"
#include "SegmentationReactions.h"
#include "StructureReactions.h"
#include "StatusPanel.h"
#include "StudyBrowserReactions.h"
#include "SyncController.h"
#include "TimeReactions.h"
#include "ViewTransformReactions.h"
#include "WindowLevelReactions.h"
#include "Workstation.h"

#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/CprWidget.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMimeData>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <utility>

namespace hf::gui {

MainWindow::MainWindow(Workstation& station, const GuiOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_station(station)
    , m_options(options)
    , m_grid(new ViewportGrid)
    , m_mpr(new MprWidget)
    , m_cpr(new CprWidget)
    , m_volume(new VolumeViewport)
    , m_status(new StatusPanel(*statusBar(), this))
{
    setWindowTitle("Hounsfield");
    auto* centre = static_cast<QStackedWidget*>(buildCentre(options));
    m_loading = new SeriesLoading(*m_grid, *m_status, station.presets(), options, station.audit(), this);
    m_loading->setKeepFree(station.nodes().keepFreeBytes());
    connect(&station, &Workstation::nodeSettingsChanged, this, [this] { m_loading->setKeepFree(m_station.nodes().keepFreeBytes()); });
    m_layout = new LayoutReactions(*m_grid, *m_mpr, *m_cpr, *m_volume, *centre, station.presets(), options, this);
    m_transforms = new ViewTransformReactions(*m_grid, this);
    m_windowLevel = new WindowLevelReactions(*m_grid, *m_mpr, *m_layout, station.presets(), this);
    m_annotations = new AnnotationReactions(*this, *m_grid, *m_mpr, station.annotations(), *m_status);
    m_masks = new BurnedInMaskReactions(*m_grid, *m_status, this);
    m_annotations->attachCurvedReformat(*m_cpr);
    m_annotations->attachVolumeView(*m_volume);
    m_annotations->attachVolumeView(*m_mpr->volumeView());
    connect(m_annotations, &AnnotationReactions::pathChosen, this, [this](const std::vector<Vec3>& points, const QString& id) {
        try {
            m_layout->showPath(points, id.toStdString());
        } catch (const std::invalid_argument& e) {
            m_status->say(tr("No curved reformat: %1").arg(e.what()));
        }
    });
    m_studies = new StudyBrowserReactions(*this, station, *m_grid, *m_loading, *m_status);
    m_pacs = new PacsReactions(station, *m_status, *m_grid, m_studies->list(), this);
    m_export = new ExportReaction(*m_grid, *m_status, station.dbPath(), station.audit(),
                                  [this](const QString& study) { return m_annotations->keyImagesOf(study); },
                                  [this](const QString& series) { return m_masks->masksText(series); }, this);
    m_strip = new SeriesStripReactions(*this, station, *m_grid, *m_loading, *m_status);
    m_structures = new StructureReactions(*this, station.cache(), *m_grid, *m_loading, *m_status);
    m_segmentations = new SegmentationReactions(*this, station.cache(), *m_grid, *m_loading, *m_status);
    m_reports = new ReportReactions(*this, station.cache(), *m_grid, *m_loading, *m_status, station.annotations());
    m_keyObjects = new KeyObjectReactions(*this, station.cache(), *m_grid, *m_loading, *m_status);
    m_presentationStates = new PresentationStateReactions(*this, station.cache(), *m_grid, *m_loading, *m_status, options.presentationState);
    for (StudyObjectDock* dock : std::initializer_list<StudyObjectDock*>{m_structures, m_segmentations, m_reports, m_keyObjects, m_presentationStates})
        connect(&station.sync(), &SyncController::objectsArrived, dock, &StudyObjectDock::reload);
    for (StudyObjectDock* dock : std::initializer_list<StudyObjectDock*>{m_structures, m_segmentations})
        connect(dock, &StudyObjectDock::viewsChanged, m_layout, &LayoutReactions::objectsChanged);
    // Other producers' measurements are listed with ours, and copied from there.
    connect(m_reports, &StudyObjectDock::viewsChanged, m_annotations, &AnnotationReactions::followActiveView);
    connect(m_annotations->list(), &AnnotationListPanel::copyForeignRequested, m_reports, &ReportReactions::copyToAnnotations);
    m_protocols = new ProtocolReactions(station, *m_grid, *m_layout, *m_loading, *m_status, this);
    m_time = new TimeReactions(*m_grid, *m_loading, *m_status, station.dbPath(), this);
    m_petMip = new PetMipReactions(*m_grid, *m_mpr, *m_layout, *m_status, this);
    m_suvKind = new SuvKindReactions(*m_grid, station.annotations(), *m_status, this);
    m_registration = new RegistrationReactions(*m_grid, *m_loading, *m_status, station.dbPath(), station.user().author(), this);
    m_alignment = new ManualAlignmentReactions(*m_grid, *m_registration, *m_status, this);
    m_fusion = new FusionReactions(*this, station, *m_grid, *m_layout, *m_registration, *m_status);
    m_layout->setLayoutName(options.layout);

    // Opening PATHs, a series or a study from the command line goes straight to the images; else the list.
    const bool startOnList = options.paths.isEmpty() && options.seriesUid.isEmpty() && options.studyUid.isEmpty();
    m_hangAfterOpen = !options.protocol.isEmpty() && options.studyUid.isEmpty() && !startOnList;
    m_studies->dock().setVisible(startOnList);
    resizeDocks({&m_studies->dock()}, {options.size.width() * 3 / 5}, Qt::Horizontal);
    setAcceptDrops(true);
    buildMenusAndToolBars();
    wireReactions();
    if (startOnList)  // "loaded" once the first query has filled the list
        connect(m_studies, &StudyBrowserReactions::listFilled, this,
                [this] { QTimer::singleShot(0, this, [this] { emit loadFinished(true, {}); }); });
    if (!options.studyUid.isEmpty())  // as Enter would, once the window is up
        QTimer::singleShot(options.studyDelayMs, this, [this] { m_protocols->hangStudy(m_options.studyUid, m_options.protocol, m_options.priorUid); });
    else
        m_studies->startWith(options.paths.isEmpty() ? options.seriesUid : QString());
    resize(options.size);
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildCentre(const GuiOptions& options)
{
    auto* centre = new QStackedWidget;
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_volume);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({options.size.width() / 2, options.size.width() / 2});
    centre->addWidget(splitter);
    centre->addWidget(m_mpr);
    centre->addWidget(m_cpr);
    setCentralWidget(centre);
    return centre;
}

void MainWindow::buildMenusAndToolBars()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_loading->addFileActions(*file);
    m_protocols->addFileActions(*file);
    m_export->addTo(*file);
    m_pacs->addFileActions(*file);
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_studies->addViewActions(*view);
    m_loading->addViewActions(*view);
    m_protocols->addViewActions(*view);
    m_time->addViewActions(*view);
    m_strip->addViewActions(*view);
    m_structures->addViewActions(*view);
    m_segmentations->addViewActions(*view);
    m_reports->addViewActions(*view);
    m_keyObjects->addViewActions(*view);
    m_presentationStates->addViewActions(*view);
    QMenu* pet = view->addMenu(tr("PET/CT"));
    m_fusion->addViewActions(*pet);
    m_petMip->addViewActions(*pet);
    m_suvKind->addViewActions(*pet);
    QToolBar* reading = addToolBar(tr("Reading"));
    reading->setObjectName("reading");
    m_layout->addLayoutActions(*view, *reading);
    view->addSeparator();
    m_transforms->addTo(*view);
    m_alignment->addViewActions(*view);
    m_layout->addMprAnd3dActions(*view);

    m_windowLevel->addPresets(*menuBar()->addMenu(tr("&Window")));
    m_windowLevel->addWindowAndCine(*reading);
    m_time->addToolBarWidgets(*reading);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_annotations->addEditActions(*edit);
    m_masks->addEditActions(*edit);
    m_annotations->addToolBar();
    m_masks->addTool(*m_annotations->toolBar(), *m_annotations->tools());
    QMenu* study = menuBar()->addMenu(tr("&Study"));
    m_pacs->addStudyActions(*study);
    m_registration->addStudyActions(*study);
    m_annotations->addStudyActions(*study);
}

void MainWindow::wireReactions()
{
    connect(m_grid, &ViewportGrid::probed, m_status, &StatusPanel::setProbe);
    // The 3D cursor moves the MPR's crosshair too, when the MPR shows that frame or one linked to it.
    connect(m_grid, &ViewportGrid::cursorPlaced, this, [this](const std::string& frame, const Vec3& point) {
        const auto volume = m_mpr->scene().volume();
        if (!volume)
            return;
        if (const auto link = m_grid->frameLinks().find(frame, volume->frameOfReferenceUid)) {
            m_mpr->scene().setCrosshair(link->transform.apply(point));
            m_mpr->refresh();
        }
    });
    connect(m_mpr, &MprWidget::probed, m_status, &StatusPanel::setProbe);
    for (VolumeViewport* view : {m_volume, m_mpr->volumeView()})
        connect(view, &VolumeViewport::problem, m_status, &StatusPanel::say);
    connect(m_grid, &ViewportGrid::activeChanged, this, &MainWindow::activeViewChanged);
    connect(m_loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        if (view == m_grid->activeIndex())
            activeViewChanged();
    });
    connect(m_loading, &SeriesLoading::volumeLoaded, this, &MainWindow::volumeLoaded);
    connect(m_loading, &SeriesLoading::loadFinished, this, [this](bool ok, const QString& message) {
        // --protocol: what was opened first only says which study to hang.
        if (std::exchange(m_hangAfterOpen, false) && ok && !m_grid->view(0)->studyUid().isEmpty())
            return m_protocols->hangStudy(m_grid->view(0)->studyUid(), m_options.protocol);
        finishLoad(ok, message);
    });
    connect(m_protocols, &ProtocolReactions::hangEnded, this, &MainWindow::finishLoad);
    const auto waitedFor = [this] {
        if (m_finishWaiting && !m_fusion->busy() && !m_petMip->busy() && !m_registration->busy()) {
            const auto [ok, message] = *std::exchange(m_finishWaiting, std::nullopt);
            emit loadFinished(ok, message);
        }
    };
    connect(m_fusion, &FusionReactions::fused, this, waitedFor);
    // A hanging protocol's PET/CT views: the series fused over a view, the rotating MIP.
    m_protocols->setViewExtras([this](int view, const protocols::ViewAssignment& a, std::shared_ptr<const Volume> volume) {
        if (!a.fuseSeriesUid.isEmpty())
            m_fusion->fuse(view, a.fuseSeriesUid, a.rule.fuseColourTable, a.rule.fuseOpacity);
        else if (m_grid->view(view)->fusion().overlay())
            m_fusion->unfuse(view);
        if (a.rule.mip && !m_petMip->mipOf(view))
            m_petMip->showMip(view, std::move(volume));
        else if (!a.rule.mip && m_petMip->mipOf(view))  // kept from a stage that wanted the MIP: slices again
            m_loading->openSeries(a.seriesUid, view, a.stackIndex);
    });
    connect(m_petMip, &PetMipReactions::mipDone, this, waitedFor);
    connect(m_registration, &RegistrationReactions::registrationEnded, this, waitedFor);
    connect(m_studies, &StudyBrowserReactions::openStudyRequested, this, [this](const QString& studyUid) { hangStudy(studyUid); });
    connect(m_strip, &SeriesStripReactions::compareRequested, this,
            [this](const QString& current, const QString& prior) { hangStudy(current, "auto", prior); });
    connect(m_studies, &StudyBrowserReactions::openInNewWindowRequested, this, &MainWindow::openInNewWindow);
    connect(m_export, &ExportReaction::exportFinished, this, &MainWindow::exportFinished);
}

void MainWindow::finishLoad(bool ok, const QString& message)
{
    if (ok && !m_options.fuseSeriesUid.isEmpty() && !std::exchange(m_fuseStarted, true))
        m_fusion->fuse(0, m_options.fuseSeriesUid, m_options.fuseColourTable, m_options.fuseOpacity);
    if (m_fusion->busy() || m_petMip->busy() || m_registration->busy()) {
        m_finishWaiting = {ok, message};
        return;
    }
    emit loadFinished(ok, message);
}

void MainWindow::activeViewChanged()
{
    m_fusion->followActiveView();
    m_windowLevel->followActiveView();
    m_annotations->followActiveView();
    const SeriesContext& info = sliceViewport()->seriesInfo();
    if (!info.patient.name.empty() || !info.study.description.empty())
        setWindowTitle(QString("Hounsfield - %1 - %2").arg(QString::fromStdString(displayName(info.patient)),
                                                            QString::fromStdString(info.study.description)));
}

void MainWindow::volumeLoaded(int index, std::shared_ptr<const Volume> volume)
{
    // Measured on the whole series, so only now that every slice is decoded.
    const SliceViewport& view = *m_grid->view(index);
    m_station.annotations().openSeries(view.studyUid(), view.seriesUid(), volume);
    m_station.sync().studyOpened(view.studyUid());  // the PACS may hold others' annotations
    if (index == 0)
        m_layout->setPrimaryVolume(std::move(volume));
    if (index == m_grid->activeIndex())
        m_annotations->followActiveView();  // the foreign measurements' slices are known now
}

void MainWindow::openInNewWindow(const QString& seriesUid, const QStringList& files)
{
    // Another window on the same Workstation (same cache, annotations, sync), without its list.
    GuiOptions options = m_options;
    options.paths = files;  // only hides its study list: opening below does not import again
    options.screenshotPath.clear();
    options.fuseSeriesUid.clear();
    options.seriesUid = seriesUid;
    options.slice.reset();
    options.layout = "1x1";
    auto* window = new MainWindow(m_station, options);
    window->setAttribute(Qt::WA_DeleteOnClose);
    m_station.adoptWindow(window);
    window->m_loading->doNotFillOtherViews();
    window->show();
    window->m_loading->openSeries(seriesUid, 0);
}

void MainWindow::open(const QStringList& paths, bool copyIntoCache) { m_loading->open(paths, copyIntoCache); }

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
        m_loading->openChosen(paths);
        event->acceptProposedAction();
    }
}

SliceViewport* MainWindow::sliceViewport() const { return m_grid->activeView(); }
bool MainWindow::mprShown() const { return m_layout->mprShown(); }
bool MainWindow::cprShown() const { return m_layout->cprShown(); }
AnnotationController* MainWindow::annotationController() const { return &m_station.annotations(); }
SyncController* MainWindow::syncController() const { return &m_station.sync(); }
AnnotationListPanel* MainWindow::annotationList() const { return m_annotations->list(); }
void MainWindow::setNodeSettings(const NodeSettings& nodes) { m_station.setNodeSettings(nodes); }
void MainWindow::openNodeSettings() { m_pacs->openNodeSettings(); }
QStringList MainWindow::nodeNames() const { return m_station.nodeNames(); }
QString MainWindow::syncStatusText() const { return m_status->syncStatus(); }
bool MainWindow::setLayoutName(const QString& layout) { return m_layout->setLayoutName(layout); }
void MainWindow::exportActive(const exporting::ExportRequest& request) { m_export->exportActive(request); }
void MainWindow::exportOriginals(const QString& folder, bool anonymize, const DeidentifyOptions& options)
{
    m_export->exportOriginals(folder, anonymize, options);
}

QString MainWindow::burnedInMasksText(const QString& seriesUid) const { return m_masks->masksText(seriesUid); }
QRectF MainWindow::visibleRegion(const SliceViewport& view) { return ExportReaction::visibleRegion(view); }
void MainWindow::hangStudy(const QString& studyUid, const QString& protocol, const QString& priorUid)
{
    m_protocols->hangStudy(studyUid, protocol, priorUid);
}
bool MainWindow::showProtocolStage(int stage) { return m_protocols->showStage(stage); }
HangingState MainWindow::hangingState() const { return m_protocols->state(); }
QString MainWindow::saveLayoutAsProtocol(const QString& name, QString& error) { return m_protocols->saveLayoutAsProtocol(name, error); }
const QStringList& MainWindow::problems() const { return m_loading->problems(); }

} // namespace hf::gui
