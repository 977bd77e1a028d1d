#include "PetMipReactions.h"

#include "BackgroundJob.h"
#include "LayoutReactions.h"
#include "StatusPanel.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeStatistics.h"
#include "hf/rendering/RotatingMip.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ValueText.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QMenu>

#include <algorithm>
#include <cmath>
#include <thread>

namespace hf::gui {
namespace {

// A lesion's hottest voxel is looked for this far around the hottest sample under the click.
constexpr double kLesionRadiusMm = 15;

} // namespace

PetMipReactions::PetMipReactions(ViewportGrid& grid, MprWidget& mpr, LayoutReactions& layout, StatusPanel& status, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_mpr(mpr)
    , m_layout(layout)
    , m_status(status)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i) {
        SliceViewport* view = grid.view(i);
        connect(view, &SliceViewport::imageClicked, this, [this, i](int column, int row, int frame) { clicked(i, column, row, frame); });
        // Another series shown there: the MIP is gone.
        connect(view, &SliceViewport::volumeChanged, this, [this, i, view] {
            if (auto shown = m_shown.find(i); shown != m_shown.end() && view->volume() != shown->second.mip->frames())
                m_shown.erase(shown);
        });
    }
}

void PetMipReactions::addViewActions(QMenu& view)
{
    QAction* action = view.addAction(tr("PET &MIP (rotating)"), this, [this] {
        const int index = m_grid.activeIndex();
        SliceViewport* active = m_grid.view(index);
        if (auto shown = m_shown.find(index); shown != m_shown.end())
            return m_status.say(tr("View %1 shows the MIP already").arg(index + 1));
        if (!active->volume() || active->volume()->geometry().slices < 2)
            return m_status.say(tr("The MIP needs a volume: the active view shows none"));
        showMip(index, active->volume());
    });
    action->setObjectName("pet-mip");
}

const RotatingMip* PetMipReactions::mipOf(int view) const
{
    const auto shown = m_shown.find(view);
    return shown == m_shown.end() ? nullptr : shown->second.mip.get();
}

void PetMipReactions::showMip(int view, std::shared_ptr<const Volume> volume)
{
    if (!volume || view < 0 || view >= m_grid.viewCount())
        return;
    m_making.insert(view);
    m_status.say(tr("Making the rotating MIP of view %1...").arg(view + 1));
    const int threads = std::max(1, int(std::thread::hardware_concurrency()));
    runInBackground(this, [this, volume, threads, view]() -> GuiContinuation {
        std::shared_ptr<const RotatingMip> mip = RotatingMip::make(*volume, kAngles, nullptr, threads);
        // Black at SUV 5 (or, without SUV, at half the hottest projection).
        const double top = volume->suv.ok ? 5.0 / volume->suv.factor : mip ? computeStatistics(*mip->frames()).max / 2 : 0;
        return [this, view, volume, mip, top] {
            m_making.erase(view);
            SliceViewport* target = m_grid.view(view);
            if (!mip || target->volume() != volume) {  // another series arrived there meanwhile
                m_status.say(tr("The MIP of view %1 was not shown: its series changed").arg(view + 1));
                emit mipDone(view, false);
                return;
            }
            const SeriesContext info = target->seriesInfo();
            m_shown[view] = {mip, volume};
            target->setVolume(mip->frames(), 0);
            SeriesContext mipInfo = info;
            mipInfo.series.description = (info.series.description.empty() ? "" : info.series.description + " ") + "MIP";
            target->setSeriesInfo(mipInfo);
            // PET reads inverted: hot is black on white, as nuclear medicine prints it.
            target->setWindow(top / 2, std::max(top, 1e-6));
            target->setInverted(true);
            target->setCineRate(10);
            target->setCinePlaying(true);
            target->refresh();
            m_status.say(tr("View %1: rotating MIP, a click finds the lesion in the other views").arg(view + 1));
            emit mipDone(view, true);
        };
    });
}

void PetMipReactions::clicked(int view, int column, int row, int frame)
{
    const auto shown = m_shown.find(view);
    if (shown == m_shown.end())
        return;
    const auto hottest = shown->second.mip->hottestPoint(column, row, frame);
    if (!hottest)
        return;
    m_grid.view(view)->setCinePlaying(false);  // the reader looks at what they clicked
    goToLesion(view, *hottest);
}

Vec3 PetMipReactions::goToLesion(int view, const Vec3& near)
{
    const auto shown = m_shown.find(view);
    if (shown == m_shown.end())
        return near;
    const Volume& pet = *shown->second.pet;
    const Vec3 lesion = hottestVoxelNear(pet, near, kLesionRadiusMm);
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        SliceViewport* other = m_grid.view(i);
        if (i == view || !other->volume() || other->volume()->frameOfReferenceUid != pet.frameOfReferenceUid)
            continue;
        if (const auto k = nearestSlice(other->volume()->geometry(), lesion))
            other->setSlice(*k);
    }
    if (m_mpr.scene().volume() && m_mpr.scene().volume()->frameOfReferenceUid == pet.frameOfReferenceUid) {
        m_mpr.scene().setCrosshair(lesion);
        m_mpr.refresh();
    }
    const Vec3 index = pet.geometry().toIndex(lesion);
    const double value = pet.valueAt(int(std::lround(index.x)), int(std::lround(index.y)), int(std::lround(index.z)));
    m_status.say(tr("Hottest point of the lesion: %1 at (%2, %3, %4) mm")
                     .arg(probeValueText(pet, value))
                     .arg(lesion.x, 0, 'f', 1)
                     .arg(lesion.y, 0, 'f', 1)
                     .arg(lesion.z, 0, 'f', 1));
    return lesion;
}

} // namespace hf::gui
