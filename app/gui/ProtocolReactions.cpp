#include "ProtocolReactions.h"

#include "LayoutReactions.h"
#include "PlanJson.h"
#include "PresetLibrary.h"
#include "ProtocolLibrary.h"
#include "ProtocolMatcher.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"
#include "Workstation.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QJsonDocument>
#include <QMenu>
#include <QRegularExpression>
#include <QTimer>

namespace hf::gui {
namespace {

using namespace hf::protocols;

bool isGridLayout(const QString& layout) { return layout.contains('x') || layout == "2d3d"; }

// How many of a stage's views the layout shows (MPR and 3D show the first view's series).
int viewsShown(const ProtocolStage& stage, int gridViews)
{
    return isGridLayout(stage.layout) ? std::min<int>(int(stage.views.size()), gridViews) : std::min<int>(int(stage.views.size()), 1);
}

} // namespace

ProtocolReactions::ProtocolReactions(Workstation& station, ViewportGrid& grid, LayoutReactions& layout, SeriesLoading& loading,
                                     StatusPanel& status, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_station(station)
    , m_grid(grid)
    , m_layout(layout)
    , m_loading(loading)
    , m_status(status)
    , m_dialogParent(dialogParent)
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [this](const QString& reason) {
        m_status.say(reason);
        emit hangEnded(false, reason);
    };
    connect(&m_loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        applyLook(view);
        if (m_awaitingFirst.erase(view) && m_awaitingFirst.empty())
            m_firstImagesMs = m_clock.elapsed();
    });
    connect(&m_loading, &SeriesLoading::volumeLoaded, this, [this](int view, std::shared_ptr<const Volume> volume) {
        if (m_awaitingVolume.erase(view) && m_awaitingVolume.empty())
            m_volumesMs = m_clock.elapsed();
        if (auto extras = m_extrasPending.find(view); extras != m_extrasPending.end()) {
            const ViewAssignment a = extras->second;
            m_extrasPending.erase(extras);
            if (m_extras && m_grid.view(view)->seriesUid() == a.seriesUid)
                m_extras(view, a, std::move(volume));
        }
    });
}

void ProtocolReactions::addViewActions(QMenu& view)
{
    QAction* next = view.addAction(tr("Next protocol stage"), this, [this] { stepStage(+1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    next->setObjectName("next-stage");
    QAction* previous = view.addAction(tr("Previous protocol stage"), this, [this] { stepStage(-1); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    previous->setObjectName("previous-stage");
}

void ProtocolReactions::addFileActions(QMenu& file)
{
    file.addAction(tr("Save layout as &protocol..."), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(m_dialogParent, tr("Save layout as protocol"), tr("Protocol name:"),
                                                   QLineEdit::Normal, m_plan.protocol.isEmpty() ? tr("My layout") : m_plan.protocol + tr(" (mine)"), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        QString error;
        const QString path = saveLayoutAsProtocol(name.trimmed(), error);
        m_status.say(path.isEmpty() ? error : tr("Saved protocol '%1' as %2 (edit it there)").arg(name.trimmed(), path));
    });
}

void ProtocolReactions::hangStudy(const QString& studyUid, const QString& protocol, const QString& priorUid)
{
    m_status.say(tr("Hanging study %1...").arg(studyUid));
    m_clock.start();
    m_firstImagesMs = m_volumesMs = -1;
    m_station.cache().studyFacts(m_replyTo, studyUid, priorUid, [this, studyUid, protocol](std::optional<StudyFacts> facts) {
        if (!facts || facts->stacks.empty()) {
            const QString reason = tr("Study %1: nothing of it is in the cache").arg(studyUid);
            m_status.say(reason);
            emit hangEnded(false, reason);
            return;
        }
        const ProtocolLibrary& library = m_station.protocols();
        const HangingProtocol* chosen = &chooseProtocol(library, *facts);
        if (!protocol.isEmpty() && protocol.compare("auto", Qt::CaseInsensitive) != 0) {
            chosen = library.byName(protocol);
            if (!chosen) {
                m_status.say(tr("No hanging protocol named '%1': the fallback is used").arg(protocol));
                chosen = &library.fallback();
            }
        }
        m_plan = hang(*chosen, *facts);
        m_stage = -1;
        showStage(0);
    });
}

bool ProtocolReactions::showStage(int stage)
{
    if (stage < 0 || stage >= int(m_plan.stages.size()))
        return false;
    m_stage = stage;
    const StagePlan& plan = m_plan.stages[size_t(stage)];
    m_layout.setLayoutName(plan.stage.layout);
    m_grid.setSynchronized(plan.stage.scrollTogether);
    m_grid.setWindowLinked(plan.stage.windowTogether);
    m_grid.setZoomLinked(plan.stage.zoomTogether);
    m_pending.clear();
    m_extrasPending.clear();
    m_awaitingFirst.clear();
    m_awaitingVolume.clear();
    int loads = 0;
    const int shown = viewsShown(plan.stage, m_grid.viewCount());
    for (int i = 0; i < shown; ++i) {
        const ViewAssignment& a = plan.views[size_t(i)];
        SliceViewport* view = m_grid.view(i);
        if (a.empty) {  // nothing the stage wants there: no earlier series left posing as it
            view->clear();
            continue;
        }
        m_pending[i] = a;
        // A view already showing that stack keeps it: only its look changes.
        if (view->volume() && view->seriesUid() == a.seriesUid && view->stackPosition().index == a.stackIndex) {
            QTimer::singleShot(0, this, [this, i, a] {  // once the new layout has sized the view
                applyLook(i);
                if (m_extras)
                    m_extras(i, a, m_grid.view(i)->volume());
            });
            continue;
        }
        m_extrasPending[i] = a;
        ++loads;
        if (m_firstImagesMs < 0 && m_stage == 0) {  // the first stage of a hang is timed
            m_awaitingFirst.insert(i);
            m_awaitingVolume.insert(i);
        }
        m_loading.openSeries(a.seriesUid, i, a.stackIndex);
    }
    if (!isGridLayout(plan.stage.layout) && !plan.views.empty()) {
        const ViewRule& rule = plan.views.front().rule;
        double center = rule.windowCenter.value_or(0), width = rule.windowWidth.value_or(0);
        if (auto preset = m_station.presets().windowPreset(rule.windowPreset); preset && !rule.windowPreset.isEmpty())
            center = preset->center, width = preset->width;
        m_layout.setMprLook(center, width, plan.stage.slabMode, plan.stage.slabMm);
    }
    m_grid.setActive(0);
    m_status.say(tr("%1: stage %2 of %3, %4 (Alt+Right/Alt+Left)")
                     .arg(m_plan.protocol)
                     .arg(stage + 1)
                     .arg(m_plan.stages.size())
                     .arg(plan.stage.name));
    if (loads == 0)
        emit hangEnded(true, {});
    return true;
}

void ProtocolReactions::applyLook(int index)
{
    const auto pending = m_pending.find(index);
    if (pending == m_pending.end())
        return;
    const ViewAssignment a = pending->second;
    m_pending.erase(pending);
    SliceViewport* view = m_grid.view(index);
    if (view->seriesUid() != a.seriesUid)
        return;  // another series arrived there since
    SliceScene& scene = view->scene();
    scene.resetView();
    if (a.flipHorizontal)
        scene.flipHorizontal();
    if (!a.rule.chestWall.isEmpty())  // the chest wall against its edge of the view, as mammograms hang
        scene.setHorizontalAnchor(a.rule.chestWall == "right" ? 1 : -1);
    if (a.rule.actualPixels)
        scene.zoomToActualPixels();
    else if (a.rule.zoom)
        scene.setZoom(*a.rule.zoom);
    if (auto preset = m_station.presets().windowPreset(a.rule.windowPreset); preset && !a.rule.windowPreset.isEmpty())
        view->setWindow(preset->center, preset->width);
    else if (a.rule.windowCenter && a.rule.windowWidth)
        view->setWindow(*a.rule.windowCenter, *a.rule.windowWidth);
    view->refresh();
}

HangingState ProtocolReactions::state() const
{
    if (m_stage < 0)
        return {};
    return {m_plan.protocol, m_plan.stages[size_t(m_stage)].stage.name, m_stage + 1, int(m_plan.stages.size()), m_firstImagesMs,
            m_volumesMs};
}

QString ProtocolReactions::saveLayoutAsProtocol(const QString& name, QString& error)
{
    const auto exact = [](const std::string& text) { return "^" + QRegularExpression::escape(QString::fromStdString(text)) + "$"; };
    HangingProtocol protocol;
    protocol.name = name;
    ProtocolStage stage;
    stage.name = tr("Saved layout");
    stage.layout = m_layout.layoutName();
    stage.scrollTogether = m_grid.synchronized();
    stage.windowTogether = m_grid.windowLinked();
    stage.zoomTogether = m_grid.zoomLinked();
    StudyRule match;
    const int views = isGridLayout(stage.layout) ? m_grid.viewCount() : 1;
    for (int i = 0; i < views; ++i) {
        const SliceViewport* view = m_grid.view(i);
        ViewRule rule;
        SeriesSelector selector;
        if (view->volume()) {
            const SeriesIdentity& series = view->seriesInfo().series;
            selector.modality = exact(series.modality);
            if (!series.description.empty())
                selector.description = exact(series.description);
            if (view->stackPosition().count > 1)
                selector.stackLabel = exact(view->stackPosition().label);
            const SliceScene& scene = view->scene();
            rule.windowCenter = scene.windowCenter();
            rule.windowWidth = scene.windowWidth();
            if (std::abs(scene.viewState().zoom() - 1.0) > 1e-6)
                rule.zoom = scene.viewState().zoom();
            rule.flipHorizontal = scene.viewState().screenRight().x < 0;
            if (match.modality.isEmpty()) {
                match.modality = exact(series.modality);
                if (!view->seriesInfo().study.description.empty())
                    match.studyDescription = exact(view->seriesInfo().study.description);
            }
        }
        rule.series.push_back(selector);
        stage.views.push_back(rule);
    }
    if (!match.modality.isEmpty())
        protocol.match.push_back(match);
    protocol.priority = 10;  // the reader's own arrangement wins over a built-in one that matches as well
    protocol.stages.push_back(stage);

    const QString folder = m_station.protocols().userFolder();
    QString slug = name.toLower();
    slug.replace(QRegularExpression("[^a-z0-9]+"), "-");
    slug.remove(QRegularExpression("^-+|-+$"));
    const QString path = QDir(folder).filePath((slug.isEmpty() ? QString("protocol") : slug) + ".json");
    QFile out(path);
    if (!QDir().mkpath(folder) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(QJsonDocument(protocolToJson(protocol)).toJson()) < 0 || !out.flush()) {
        error = tr("Cannot write protocol %1: %2").arg(path, out.errorString());
        return {};
    }
    out.close();
    m_station.reloadProtocols();
    return path;
}

} // namespace hf::gui
