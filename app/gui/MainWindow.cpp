#include "MainWindow.h"

#include "CacheTasks.h"
#include "StudyLoadTask.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/ProblemsDialog.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/VolumeViewport.h"

#include <QAction>

#include <memory>
#include <utility>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QMessageBox>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace hf::gui {

MainWindow::MainWindow(const GuiOptions& options, const PresetLibrary& presets, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_presets(presets)
    , m_slice(new SliceViewport)
    , m_volume(new VolumeViewport)
    , m_task(new StudyLoadTask(this))
    , m_cache(new CacheTasks(options.db, this))
    , m_studyList(new StudyListWidget)
    , m_studyDock(new QDockWidget(tr("Studies")))
    , m_progress(new QProgressBar)
    , m_cancel(new QToolButton)
    , m_problemsButton(new QToolButton)
    , m_status(new QLabel)
{
    setWindowTitle("Hounsfield");
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_slice);
    splitter->addWidget(m_volume);
    splitter->setChildrenCollapsible(false);
    m_volume->setVisible(options.layout != "1x1");
    setCentralWidget(splitter);

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
    setAcceptDrops(true);
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);
    m_studyDock->setWidget(m_studyList);
    m_studyDock->setObjectName("studies");
    addDockWidget(Qt::LeftDockWidgetArea, m_studyDock);
    // Opening PATHs from the command line goes straight to the images; otherwise the list.
    m_studyDock->setVisible(options.paths.isEmpty());
    resizeDocks({m_studyDock}, {options.size.width() * 3 / 5}, Qt::Horizontal);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* toggle = m_studyDock->toggleViewAction();
    toggle->setShortcut(Qt::Key_F2);
    view->addAction(toggle);
    connectStudyList();

    QMenu* window = menuBar()->addMenu(tr("&Window"));
    for (const auto& preset : m_presets.windowPresets()) {
        QAction* a = window->addAction(preset.name, this, [this, preset] { m_slice->setWindow(preset.center, preset.width); });
        a->setShortcut(QKeySequence(preset.key));
    }

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
    statusBar()->addPermanentWidget(m_problemsButton);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, m_task, &StudyLoadTask::cancel);

    connect(m_task, &StudyLoadTask::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        m_progress->setVisible(true);
        m_cancel->setVisible(true);
        m_progress->setFormat(stage + " %v/%m");
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(m_task, &StudyLoadTask::firstSliceReady, this, &MainWindow::showFirstSlice);
    connect(m_task, &StudyLoadTask::finished, this, &MainWindow::showVolume);
    connect(m_task, &StudyLoadTask::failed, this, &MainWindow::showFailure);
    if (auto bone = m_presets.volumePreset("ct-bone"))
        m_volume->setPreset(*bone);
    resize(options.size);
}

MainWindow::~MainWindow()
{
    m_task->cancel();
}

void MainWindow::open(const QStringList& paths, bool copyIntoCache)
{
    m_status->setText(tr("Opening %1").arg(paths.join(", ")));
    const int firstSlice = m_options.slice ? *m_options.slice - 1 : -1;
    m_task->start(paths, m_options.seriesUid, firstSlice, m_options.db, copyIntoCache);
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
    auto* window = new MainWindow(options, m_presets);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    window->m_task->start(files, seriesUid, -1);
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
    connect(m_studyList, &StudyListWidget::filterChanged, m_cache, &CacheTasks::queryStudies);
    connect(m_cache, &CacheTasks::studiesReady, m_studyList, &StudyListWidget::setStudies);
    if (m_options.paths.isEmpty()) {
        // Started on the study list: it is "loaded" once the first query has filled it.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_cache, &CacheTasks::studiesReady, this, [this, once] {
            disconnect(*once);
            QTimer::singleShot(0, this, [this] { emit loadFinished(true, {}); });
        });
    }
    connect(m_studyList, &StudyListWidget::studySelected, m_cache, &CacheTasks::querySeries);
    connect(m_cache, &CacheTasks::seriesReady, m_studyList, &StudyListWidget::setSeries);
    connect(m_cache, &CacheTasks::seriesReady, this, [this](const QString&, const std::vector<SeriesRow>& series) {
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
        if (files.isEmpty()) {
            m_status->setText(tr("None of the series' files are on disk any more"));
            return;
        }
        if (std::exchange(m_openNextInNewWindow, false)) {
            openInNewWindow(seriesUid, files);
            return;
        }
        m_options.seriesUid = seriesUid;
        m_options.slice.reset();
        m_status->setText(tr("Opening series %1").arg(seriesUid));
        m_task->start(files, seriesUid, -1);
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
    connect(m_task, &StudyLoadTask::imported, this, [this] { m_cache->queryStudies(m_studyList->filter()); });
    m_cache->queryStudies(m_studyList->filter());
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

void MainWindow::applyRequestedWindow()
{
    if (m_options.windowCenter && m_options.windowWidth) {
        m_slice->setWindow(*m_options.windowCenter, *m_options.windowWidth);
    } else if (!m_options.windowPreset.isEmpty()) {
        if (auto p = m_presets.windowPreset(m_options.windowPreset))
            m_slice->setWindow(p->center, p->width);
    }
}

void MainWindow::showFirstSlice(std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series)
{
    m_slice->setVolume(volume, slice);
    applyRequestedWindow();
    m_slice->setPatientText(QString("%1\n%2\n%3 %4\n%5 %6")
                                .arg(series.patientName, series.patientId, series.studyDate, series.studyDescription)
                                .arg(series.seriesNumber)
                                .arg(series.seriesDescription));
    setWindowTitle(QString("Hounsfield - %1 - %2").arg(series.patientName, series.studyDescription));
    if (!series.warnings.isEmpty())
        m_status->setText(tr("Warning: %1").arg(series.warnings.join("; ")));
}

void MainWindow::showVolume(std::shared_ptr<const Volume> volume, const QStringList& errors)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_slice->volumeLoaded();
    m_volume->setVolume(volume);
    showProblems(errors);
    if (m_status->text().startsWith(tr("Opening")))
        m_status->setText(tr("Loaded %1 images").arg(volume->geometry().slices));
    emit loadFinished(true, errors.join("\n"));
}

void MainWindow::showFailure(const QString& reason, const QStringList& errors)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_status->setText(reason);
    showProblems(errors);
    emit loadFinished(false, (QStringList(reason) + errors).join("\n"));
}

} // namespace hf::gui
