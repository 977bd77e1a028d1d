#include "RegistrationReactions.h"

#include "BackgroundJob.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheFileStore.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/annotations/KnownRegistration.h"
#include "hf/annotations/RegistrationStore.h"
#include "hf/dicomio/SpatialRegistration.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/registration/RigidRegistration.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QMenu>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace hf::gui {
namespace {

// Fewer slices than this are not a volume to register (a scout, a mammogram, a single image).
constexpr int kFewestSlices = 8;

// Two volumes of one patient in two Frames of Reference, neither yet tied to the other.
bool wantsLink(const SliceViewport& a, const SliceViewport& b, const FrameLinks& links)
{
    if (!a.volume() || !b.volume() || !a.volume()->hasPatientGeometry || !b.volume()->hasPatientGeometry ||
        a.volume()->geometry().slices < kFewestSlices || b.volume()->geometry().slices < kFewestSlices)
        return false;
    const std::string& ida = a.seriesInfo().patient.id;
    const std::string& fa = a.volume()->frameOfReferenceUid;
    const std::string& fb = b.volume()->frameOfReferenceUid;
    return !ida.empty() && ida == b.seriesInfo().patient.id && !fa.empty() && !fb.empty() && !links.find(fa, fb);
}

} // namespace

RegistrationReactions::RegistrationReactions(ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status, QString cachePath,
                                             QString reader, QObject* parent)
    : QObject(parent)
    , m_cachePath(std::move(cachePath))
    , m_reader(std::move(reader))
    , m_grid(grid)
    , m_status(status)
{
    connect(&loading, &SeriesLoading::volumeLoaded, this, [this] { considerLinks(); });
    connect(&grid, &ViewportGrid::linkingChanged, this, [this] { refreshLinkTexts(); });
    connect(&status, &StatusPanel::cancelRequested, this, [this] { m_cancel->store(true); });
}

void RegistrationReactions::considerLinks()
{
    for (int i = 0; i < m_grid.viewCount(); ++i)
        for (int j = i + 1; j < m_grid.viewCount(); ++j) {
            const SliceViewport& a = *m_grid.view(i);
            const SliceViewport& b = *m_grid.view(j);
            if (!wantsLink(a, b, m_grid.frameLinks()))
                continue;
            const auto [fixed, moving] = fixedAndMoving(a, i, b, j);
            start(fixed, moving);
        }
    refreshLinkTexts();
}

void RegistrationReactions::refreshLinkTexts()
{
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        SliceViewport* view = m_grid.view(i);
        std::string text;
        if (const auto link = linkOf(i))
            text = "Linked: " + link->how;
        else if (view->volume() && view->volume()->hasPatientGeometry && m_grid.synchronized())
            // Another series of this frame (the study's other series, a PET beside its CT).
            for (int other = 0; other < m_grid.viewCount() && text.empty(); ++other) {
                const SliceViewport* v = m_grid.view(other);
                if (other != i && v->volume() && v->volume()->hasPatientGeometry && v->seriesUid() != view->seriesUid() &&
                    !view->volume()->frameOfReferenceUid.empty() && v->volume()->frameOfReferenceUid == view->volume()->frameOfReferenceUid)
                    text = "Linked: same frame of reference";
            }
        view->setLinkText(text);
    }
}

void RegistrationReactions::start(int fixedView, int movingView)
{
    m_status.say(tr("Registering view %1 to view %2 (Cancel stops it)...").arg(movingView + 1).arg(fixedView + 1));
    link(m_grid.view(fixedView)->volume(), m_grid.view(movingView)->volume(),
         [this, fixedView, movingView](std::optional<RigidTransform> transform, const QString& message) {
             if (transform) {
                 refreshLinkTexts();
                 m_grid.syncFrom(fixedView);
             }
             m_status.say(message);
             emit registrationEnded(transform.has_value(), message);
         });
}

void RegistrationReactions::link(std::shared_ptr<const Volume> fixed, std::shared_ptr<const Volume> moving,
                                 std::function<void(std::optional<RigidTransform>, const QString&)> done)
{
    const std::pair<std::string, std::string> frames{fixed->frameOfReferenceUid, moving->frameOfReferenceUid};
    if (const auto known = m_grid.frameLinks().find(frames.first, frames.second)) {
        done(known->transform, QString::fromStdString(known->how));
        return;
    }
    if (const auto running = m_running.find(frames); running != m_running.end()) {
        running->second.push_back(std::move(done));  // under way: told with the first asker
        return;
    }
    m_running[frames].push_back(std::move(done));
    m_cancel->store(false);
    const auto cancel = m_cancel;
    // Each iteration reported in the status bar's progress (with its Cancel), from the registering thread.
    const GuiReceiver self(this);
    const auto report = [this, self](int level, int iteration, double) {
        self.deliver([this, level, iteration] {
            const int perLevel = RegistrationOptions().iterationsPerLevel;
            m_status.showProgress(tr("Registering: level %1 of 2, iteration %2").arg(level + 1).arg(iteration + 1),
                                  std::min(level * perLevel + iteration + 1, 2 * perLevel), 2 * perLevel);
        });
    };
    runInBackground(this, [this, fixed, moving, cancel, frames, report, path = m_cachePath.toStdString()]() -> GuiContinuation {
        // Registered before (kept in the cache, or a Spatial Registration object there): linked at
        // once; else registered and kept.
        std::optional<StoredRegistration> kept;
        try {
            CacheDatabase database(path);
            kept = knownRegistration(database, frames.first, frames.second);
        } catch (const std::exception&) {
            // No cache to read: register.
        }
        RegistrationResult result;
        std::string how;
        if (kept) {
            result.ok = true;
            result.transform = kept->transform;
            how = kept->how;
        } else {
            RegistrationOptions options;
            options.cancel = cancel.get();
            options.progress = report;
            result = registerRigid(*fixed, *moving, options);
            how = describeRegistration(result);
            if (result.ok)
                try {
                    CacheDatabase database(path);
                    RegistrationStore(database).save(frames.first, frames.second, result.transform, how);
                } catch (const std::exception&) {
                    // Not kept: registered again next time.
                }
        }
        return [this, result, how, frames, reused = kept.has_value()] {
            m_status.hideProgress();
            const auto waiting = m_running.extract(frames);
            std::optional<RigidTransform> transform;
            QString message = tr("Not linked: %1").arg(QString::fromStdString(result.error));
            if (result.ok) {
                m_grid.frameLinks().set(frames.first, frames.second, result.transform, how);
                transform = result.transform;
                message = reused ? tr("Linked as registered before: %1").arg(QString::fromStdString(how))
                                 : tr("Registered in %1 s: %2").arg(result.seconds, 0, 'f', 1).arg(QString::fromStdString(how));
            }
            if (waiting)
                for (const Done& done : waiting.mapped())
                    done(transform, message);
        };
    });
}

std::pair<int, int> RegistrationReactions::fixedAndMoving(const SliceViewport& a, int aIndex, const SliceViewport& b, int bIndex)
{
    const std::string dateA = a.seriesInfo().study.date + a.seriesInfo().study.time;
    const std::string dateB = b.seriesInfo().study.date + b.seriesInfo().study.time;
    return dateA >= dateB ? std::pair{aIndex, bIndex} : std::pair{bIndex, aIndex};
}

void RegistrationReactions::setLink(int fixedView, int movingView, const RigidTransform& transform, const std::string& how)
{
    const std::string fixedFrame = m_grid.view(fixedView)->volume()->frameOfReferenceUid;
    const std::string movingFrame = m_grid.view(movingView)->volume()->frameOfReferenceUid;
    m_grid.frameLinks().set(fixedFrame, movingFrame, transform, how);
    refreshLinkTexts();
    m_grid.syncFrom(fixedView);
    runInBackground(
        this,
        [fixedFrame, movingFrame, transform, how, path = m_cachePath.toStdString()]() -> GuiContinuation {
            CacheDatabase database(path);
            RegistrationStore(database).save(fixedFrame, movingFrame, transform, how);
            return {};
        },
        [this](const QString& reason) { m_status.say(tr("The link is not kept in the cache: %1").arg(reason)); });
}

void RegistrationReactions::addStudyActions(QMenu& study)
{
    QAction* save = study.addAction(tr("Save registration as DICOM (Spatial Registration)"), this,
                                    [this] { saveAsSpatialRegistration(m_grid.activeIndex()); });
    save->setObjectName("save-registration");
}

void RegistrationReactions::saveAsSpatialRegistration(int view)
{
    const auto link = linkOf(view);
    if (!link) {
        m_status.say(tr("The active view is not linked to another study: no registration to save"));
        return;
    }
    const auto [fixed, moving] = fixedAndMoving(*m_grid.view(view), view, *m_grid.view(link->otherView), link->otherView);
    const SliceViewport& current = *m_grid.view(fixed);
    const std::string fixedFrame = current.volume()->frameOfReferenceUid;
    const std::string movingFrame = m_grid.view(moving)->volume()->frameOfReferenceUid;
    const auto found = m_grid.frameLinks().find(fixedFrame, movingFrame);
    const RegistrationToWrite object = newRegistrationObject(current.seriesInfo(), fixedFrame, movingFrame, found->transform, found->how,
                                                             m_reader.toStdString());
    runInBackground(
        this,
        [this, object, path = m_cachePath.toStdString()]() -> GuiContinuation {
            // Written beside the cache, then imported as the cache's own copy.
            const std::string folder = std::filesystem::absolute(path).parent_path().string();
            const std::string file = folder + "/registration-" + object.instance.sopInstanceUid + ".dcm";
            writeSpatialRegistration(file, object);
            CacheDatabase database(path);
            const CacheFileStore store(folder);
            CacheImporter importer(database, &store);
            importer.moveIntoStore(true);  // made for the cache; a refused copy would point at the file removed below
            const ImportResult imported = importer.import({file});
            std::filesystem::remove(file);
            if (!imported.scan.errors.empty())
                throw std::runtime_error(imported.scan.errors.front().file + ": " + imported.scan.errors.front().reason);
            return [this, study = QString::fromStdString(object.study.description)] {
                m_status.say(tr("Registration saved as a Spatial Registration object in the study %1 (sent with it)").arg(study));
            };
        },
        [this](const QString& reason) { m_status.say(tr("The registration was not saved: %1").arg(reason)); });
}

std::optional<RegistrationReactions::ViewLink> RegistrationReactions::linkOf(int view) const
{
    const SliceViewport* shown = m_grid.view(view);
    if (!shown->volume())
        return std::nullopt;
    for (int other = 0; other < m_grid.viewCount(); ++other) {
        const SliceViewport* v = m_grid.view(other);
        if (other == view || !v->volume() || v->volume()->frameOfReferenceUid == shown->volume()->frameOfReferenceUid)
            continue;
        if (const auto link = m_grid.frameLinks().find(shown->volume()->frameOfReferenceUid, v->volume()->frameOfReferenceUid))
            return ViewLink{other, link->how, link->transform};
    }
    return std::nullopt;
}

} // namespace hf::gui
