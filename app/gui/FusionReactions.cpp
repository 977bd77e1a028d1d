#include "FusionReactions.h"

#include "CacheTasks.h"
#include "LayoutReactions.h"
#include "PresetLibrary.h"
#include "RegistrationReactions.h"
#include "StatusPanel.h"
#include "StudyLoadTask.h"
#include "Workstation.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QPointer>
#include <QSlider>
#include <QToolBar>

#include <cmath>

namespace hf::gui {

FusionReactions::FusionReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid, LayoutReactions& layout,
                                 RegistrationReactions& registration, StatusPanel& status)
    : QObject(&window)
    , m_window(window)
    , m_station(station)
    , m_grid(grid)
    , m_layout(layout)
    , m_registration(registration)
    , m_status(status)
{
    m_bar = window.addToolBar(tr("Fusion"));
    m_bar->setObjectName("fusion");
    m_bar->addWidget(new QLabel(tr("Fusion ")));
    m_table = new QComboBox;
    m_table->setObjectName("fusion-colour-table");
    for (const ColourTable& t : station.presets().colourTables())
        m_table->addItem(QString::fromStdString(t.name()));
    m_bar->addWidget(m_table);
    m_opacity = new QSlider(Qt::Horizontal);
    m_opacity->setObjectName("fusion-opacity");
    m_opacity->setRange(0, 100);
    m_opacity->setMaximumWidth(120);
    m_opacity->setToolTip(tr("Opacity of the fused series"));
    m_bar->addWidget(m_opacity);
    m_lower = new QDoubleSpinBox;
    m_upper = new QDoubleSpinBox;
    for (QDoubleSpinBox* box : {m_lower, m_upper}) {
        box->setRange(-1e9, 1e9);
        box->setDecimals(2);
        box->setToolTip(tr("The fused series' window, in its units (SUV where known)"));
        m_bar->addWidget(box);
    }
    m_lower->setObjectName("fusion-lower");
    m_upper->setObjectName("fusion-upper");
    m_bar->addAction(tr("Unfuse"), this, [this] { unfuse(m_grid.activeIndex()); });
    m_bar->setVisible(false);
    connect(m_table, &QComboBox::currentIndexChanged, this, &FusionReactions::lookChanged);
    connect(m_opacity, &QSlider::valueChanged, this, &FusionReactions::lookChanged);
    connect(m_lower, &QDoubleSpinBox::valueChanged, this, &FusionReactions::lookChanged);
    connect(m_upper, &QDoubleSpinBox::valueChanged, this, &FusionReactions::lookChanged);
}

FusionReactions::~FusionReactions()
{
    for (auto& [view, task] : m_tasks)
        task->cancel();
}

void FusionReactions::addViewActions(QMenu& view)
{
    QMenu* menu = view.addMenu(tr("F&use with"));
    menu->setObjectName("fuse-with");
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillSeriesMenu(*menu); });
    view.addAction(tr("Unfuse"), this, [this] { unfuse(m_grid.activeIndex()); });
}

void FusionReactions::fillSeriesMenu(QMenu& menu)
{
    menu.clear();
    const SliceViewport* active = m_grid.view(m_grid.activeIndex());
    if (!active->volume()) {
        menu.addAction(tr("(no series shown)"))->setEnabled(false);
        return;
    }
    // Filled when the cache answers; the menu shows what it has by then: this study's series,
    // then each other study of the patient's (registered before they are fused).
    QAction* waiting = menu.addAction(tr("(reading the study...)"));
    waiting->setEnabled(false);
    const CacheReplyTo to{this, [this](const QString& reason) { m_status.say(reason); }, {}};
    const QString shown = active->seriesUid(), studyUid = active->studyUid();
    const int index = m_grid.activeIndex();
    const QPointer<QMenu> target = &menu;
    const auto addSeries = [this, index, shown](QMenu& into, const std::vector<SeriesRow>& rows) {
        for (const SeriesRow& row : rows) {
            const QString uid = QString::fromStdString(row.uid);
            if (uid == shown || row.imageCount == 0)
                continue;
            const QString text = QString("%1 %2: %3").arg(QString::fromStdString(row.modality)).arg(row.number).arg(QString::fromStdString(row.description));
            into.addAction(text, this, [this, index, uid] { fuse(index, uid); });
        }
    };
    m_station.cache().querySeries(to, studyUid, [target, waiting, addSeries](std::vector<SeriesRow> rows) {
        if (!target)
            return;
        target->removeAction(waiting);
        addSeries(*target, rows);
        if (target->actions().isEmpty())
            target->addAction(tr("(no other series in this study)"))->setEnabled(false);
    });
    m_station.cache().patientStudies(to, studyUid, [this, to, target, studyUid, addSeries](std::vector<TimelineEntry> studies) {
        for (const TimelineEntry& other : studies) {
            if (!target || other.studyUid == studyUid)
                continue;
            QMenu* sub = target->addMenu(tr("%1 %2 %3").arg(other.date, other.modalities, other.description));
            m_station.cache().querySeries(to, other.studyUid, [sub = QPointer<QMenu>(sub), addSeries](std::vector<SeriesRow> rows) {
                if (sub)
                    addSeries(*sub, rows);
            });
        }
    });
}

void FusionReactions::fuse(int view, const QString& seriesUid, const QString& table, double opacity)
{
    if (view < 0 || view >= m_grid.viewCount())
        return;
    if (auto running = m_tasks.find(view); running != m_tasks.end()) {
        running->second->cancel();
        running->second->deleteLater();
        m_tasks.erase(running);
    }
    auto* task = new StudyLoadTask(this);
    m_tasks[view] = task;
    auto label = std::make_shared<QString>(seriesUid);
    auto patientId = std::make_shared<std::string>();
    m_status.say(tr("Fusing series %1...").arg(seriesUid));
    connect(task, &StudyLoadTask::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        m_status.showProgress(tr("Fusion: %1 %v/%m").arg(stage), done, total);
    });
    connect(task, &StudyLoadTask::firstSliceReady, this, [label, patientId](std::shared_ptr<const Volume>, int, const OpenedSeries& series) {
        *patientId = series.info.patient.id;
        const SeriesIdentity& s = series.info.series;
        *label = QString::fromStdString(s.modality + (s.description.empty() ? "" : " " + s.description));
    });
    connect(task, &StudyLoadTask::finished, this, [=, this](std::shared_ptr<const Volume> overlay, const QStringList&) {
        m_status.hideProgress();
        finish(view, std::move(overlay), seriesUid, *label, *patientId, table, opacity);
    });
    connect(task, &StudyLoadTask::failed, this, [=, this](const QString& reason, const QStringList&) {
        m_status.hideProgress();
        m_tasks.erase(view);
        task->deleteLater();
        const QString message = tr("Cannot fuse series %1: %2").arg(seriesUid, reason);
        m_status.say(message);
        emit fused(view, false, message);
    });
    task->startCached(seriesUid, m_station.dbPath(), 0);
}

void FusionReactions::finish(int view, std::shared_ptr<const Volume> overlay, const QString& seriesUid, const QString& label,
                             const std::string& patientId, const QString& table, double opacity)
{
    if (auto running = m_tasks.find(view); running != m_tasks.end()) {
        running->second->deleteLater();
        m_tasks.erase(running);
    }
    const PresetLibrary& presets = m_station.presets();
    const ColourTable* chosen = presets.colourTable(table.isEmpty() ? QString("Hot iron") : table);
    if (!chosen) {
        m_status.say(tr("No colour table named '%1': hot iron is used").arg(table));
        chosen = presets.colourTable("Hot iron");
    }
    FusionLook look = defaultFusionLook(*overlay, chosen ? *chosen : ColourTable());
    look.opacity = opacity >= 0 ? std::min(1.0, opacity) : 0.5;
    SliceViewport* target = m_grid.view(view);
    const std::shared_ptr<const Volume> base = target->volume();
    target->fusion().setOverlay(overlay, seriesUid.toStdString(), label.toStdString(), look);
    // A series of the patient in another frame (a prior): fused once registered to the view's.
    if (base && overlay->frameOfReferenceUid != base->frameOfReferenceUid && !patientId.empty() && patientId == target->seriesInfo().patient.id) {
        ++m_registering;
        m_status.say(tr("Registering %1 to view %2 to fuse it...").arg(label).arg(view + 1));
        m_registration.link(base, overlay, [this, view, target](std::optional<RigidTransform> transform, const QString& message) {
            --m_registering;
            target->fusion().setRegistration(transform);
            m_status.say(message);
            shown(view);
        });
        return;
    }
    shown(view);
}

void FusionReactions::shown(int view)
{
    SliceViewport* target = m_grid.view(view);
    target->refresh();
    m_layout.objectsChanged();
    followActiveView();
    const std::string& problem = target->fusion().problem();
    const QString label = QString::fromStdString(target->fusion().label());
    const QString message = problem.empty() ? tr("Fused %1 over view %2").arg(label).arg(view + 1)
                                            : tr("Fused %1 is not shown: %2").arg(label, QString::fromStdString(problem));
    m_status.say(message);
    emit fused(view, problem.empty(), message);
}

void FusionReactions::unfuse(int view)
{
    if (view < 0 || view >= m_grid.viewCount())
        return;
    SliceViewport* target = m_grid.view(view);
    target->fusion().clear();
    target->refresh();
    m_layout.objectsChanged();
    followActiveView();
}

void FusionReactions::followActiveView()
{
    const FusionDisplay& fusion = m_grid.view(m_grid.activeIndex())->fusion();
    m_bar->setVisible(fusion.overlay() != nullptr);
    if (!fusion.overlay())
        return;
    m_following = true;
    const FusionLook& look = fusion.look();
    m_table->setCurrentText(QString::fromStdString(look.table.name()));
    m_opacity->setValue(int(std::lround(look.opacity * 100)));
    m_lower->setValue(look.lower);
    m_upper->setValue(look.upper);
    m_following = false;
}

void FusionReactions::lookChanged()
{
    if (m_following)
        return;
    const int index = m_grid.activeIndex();
    SliceViewport* view = m_grid.view(index);
    if (!view->fusion().overlay())
        return;
    FusionLook look = view->fusion().look();
    if (const ColourTable* table = m_station.presets().colourTable(m_table->currentText()))
        look.table = *table;
    look.opacity = m_opacity->value() / 100.0;
    look.lower = m_lower->value();
    look.upper = std::max(m_upper->value(), look.lower + 1e-6);
    view->fusion().setLook(look);
    view->refresh();
    m_layout.objectsChanged();
}

} // namespace hf::gui
