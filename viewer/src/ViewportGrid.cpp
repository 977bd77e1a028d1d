#include "hf/viewer/ViewportGrid.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"

#include <QFrame>
#include <QGridLayout>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace hf {
namespace {

// One colour per view, used for its frame when active and for its plane's reference lines.
constexpr std::array<std::array<double, 3>, ViewportGrid::kMaxViews> kViewColours{{
    {0.2, 0.8, 1.0}, {1.0, 0.3, 0.9}, {0.3, 1.0, 0.3}, {1.0, 0.3, 0.3}, {0.6, 0.5, 1.0},
    {0.3, 1.0, 0.9}, {0.9, 0.9, 0.9}, {1.0, 0.55, 0.0}, {0.5, 0.7, 0.5}}};

bool sameFrameOfReference(const Volume& a, const Volume& b)
{
    return !a.frameOfReferenceUid.empty() && a.frameOfReferenceUid == b.frameOfReferenceUid && a.hasPatientGeometry &&
           b.hasPatientGeometry;
}

} // namespace

ViewportGrid::ViewportGrid(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QGridLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    for (int i = 0; i < kMaxViews; ++i) {
        // The view is a native window that covers its widget: the frame around it shows which is active.
        auto* frame = new QFrame;
        auto* inner = new QVBoxLayout(frame);
        inner->setContentsMargins(2, 2, 2, 2);
        auto* view = new SliceViewport;
        inner->addWidget(view);
        m_frames.push_back(frame);
        m_views.push_back(view);
        connect(view, &SliceViewport::activated, this, [this, i] { setActive(i); });
        connect(view, &SliceViewport::sliceChanged, this, [this, i] { sliceChangedIn(i); });
        connect(view, &SliceViewport::cursorPlaced, this, [this, i](const Vec3& point) { placeCursor(i, point); });
        connect(view, &SliceViewport::windowChanged, this, [this, i](double center, double width) { windowChangedIn(i, center, width); });
        connect(view, &SliceViewport::zoomChanged, this, [this, i](double zoom) { zoomChangedIn(i, zoom); });
        connect(view, &SliceViewport::panned, this, [this, i] { pannedIn(i); });
        connect(view, &SliceViewport::volumeChanged, this, [this, i] { volumeChangedIn(i); });
        connect(view, &SliceViewport::probed, this, &ViewportGrid::probed);
        connect(view, &SliceViewport::seriesDropped, this,
                [this, i](const QString& study, const QString& series, int stack) { emit seriesDropped(i, study, series, stack); });
    }
    setGrid(1, 1);
    setActive(0);
}

SliceViewport* ViewportGrid::view(int index) const
{
    return index >= 0 && index < kMaxViews ? m_views[size_t(index)] : nullptr;
}

void ViewportGrid::setGrid(int rows, int columns)
{
    m_rows = std::clamp(rows, 1, 3);
    m_columns = std::clamp(columns, 1, 3);
    for (QFrame* frame : m_frames) {
        m_layout->removeWidget(frame);
        frame->setVisible(false);
    }
    // Views beyond the grid keep what they show, so going back to a larger grid restores it.
    for (int i = 0; i < viewCount(); ++i) {
        m_layout->addWidget(m_frames[size_t(i)], i / m_columns, i % m_columns);
        m_frames[size_t(i)]->setVisible(true);
    }
    for (int r = 0; r < 3; ++r)
        m_layout->setRowStretch(r, r < m_rows ? 1 : 0);
    for (int c = 0; c < 3; ++c)
        m_layout->setColumnStretch(c, c < m_columns ? 1 : 0);
    if (m_active >= viewCount())
        setActive(0);
    refreshFrames();
    updateReferenceLines();
}

void ViewportGrid::setActive(int index)
{
    if (index < 0 || index >= viewCount())
        return;
    const bool changed = index != m_active;
    m_active = index;
    refreshFrames();
    if (changed)
        emit activeChanged(index);
}

void ViewportGrid::refreshFrames()
{
    for (int i = 0; i < kMaxViews; ++i) {
        const auto& c = kViewColours[size_t(i)];
        m_frames[size_t(i)]->setStyleSheet(i == m_active && viewCount() > 1
                                               ? QString("QFrame { background: rgb(%1,%2,%3); }").arg(int(c[0] * 255)).arg(int(c[1] * 255)).arg(int(c[2] * 255))
                                               : QString("QFrame { background: rgb(40,40,40); }"));
    }
}

void ViewportGrid::setSynchronized(bool on)
{
    const bool changed = on != m_synchronized;
    m_synchronized = on;
    if (on)
        sliceChangedIn(m_active);
    if (changed)
        emit linkingChanged();
}

void ViewportGrid::setWindowLinked(bool on)
{
    if (on == m_windowLinked)
        return;
    m_windowLinked = on;
    emit linkingChanged();
}

void ViewportGrid::setZoomLinked(bool on)
{
    if (on == m_zoomLinked)
        return;
    m_zoomLinked = on;
    emit linkingChanged();
}

void ViewportGrid::pannedIn(int index)
{
    const SliceViewport* source = view(index);
    if (!m_zoomLinked || m_syncing || !source->volume() || !source->volume()->hasPatientGeometry)
        return;
    m_syncing = true;
    const Vec3 centre = source->centrePoint();
    for (int i = 0; i < viewCount(); ++i) {
        SliceViewport* other = view(i);
        if (i == index || !other->volume() || !other->volume()->hasPatientGeometry)
            continue;
        if (const auto link = m_links.find(source->volume()->frameOfReferenceUid, other->volume()->frameOfReferenceUid))
            other->centreOn(link->transform.apply(centre));
    }
    m_syncing = false;
}

void ViewportGrid::placeCursor(int index, const Vec3& point)
{
    const SliceViewport* source = view(index);
    if (!source->volume())
        return;
    m_syncing = true;  // the views scroll to the cursor, not after each other
    for (int i = 0; i < viewCount(); ++i) {
        SliceViewport* other = view(i);
        const auto link = other->volume() && other->volume()->hasPatientGeometry
                              ? m_links.find(source->volume()->frameOfReferenceUid, other->volume()->frameOfReferenceUid)
                              : std::nullopt;
        const Vec3 there = link ? link->transform.apply(point) : point;
        const auto k = link ? nearestSlice(other->volume()->geometry(), there) : std::nullopt;
        if (!k) {
            other->setPatientCursor(std::nullopt);
            continue;
        }
        if (i != index)
            other->setSlice(*k);
        other->setPatientCursor(there);
    }
    m_syncing = false;
    updateReferenceLines();
    emit cursorPlaced(source->volume()->frameOfReferenceUid, point);
}

void ViewportGrid::windowChangedIn(int index, double center, double width)
{
    if (!m_windowLinked || m_syncing)
        return;
    const SliceViewport* source = view(index);
    m_syncing = true;
    for (int i = 0; i < viewCount(); ++i)
        if (SliceViewport* other = view(i);
            i != index && other->volume() && source->volume() && other->seriesInfo().series.modality == source->seriesInfo().series.modality)
            other->setWindow(center, width);
    m_syncing = false;
}

void ViewportGrid::zoomChangedIn(int index, double zoom)
{
    if (!m_zoomLinked || m_syncing)
        return;
    m_syncing = true;
    for (int i = 0; i < viewCount(); ++i)
        if (SliceViewport* other = view(i); i != index && other->volume())
            other->setZoom(zoom);
    m_syncing = false;
}

void ViewportGrid::setReferenceLinesVisible(bool on)
{
    m_referenceLines = on;
    updateReferenceLines();
}

void ViewportGrid::sliceChangedIn(int index)
{
    if (m_syncing)
        return;
    SliceViewport* source = view(index);
    if (m_synchronized && source->volume()) {
        // Same frame of reference and parallel planes: show the slice nearest the source's
        // plane centre, by patient position.
        m_syncing = true;
        const Vec3 centre = source->scene().plane().center();
        for (int i = 0; i < viewCount(); ++i) {
            SliceViewport* other = view(i);
            if (i == index || !other->volume() || !source->volume()->hasPatientGeometry || !other->volume()->hasPatientGeometry)
                continue;
            // The same frame, or one a registration ties to it: the same anatomy, moved there.
            const auto link = m_links.find(source->volume()->frameOfReferenceUid, other->volume()->frameOfReferenceUid);
            if (!link)
                continue;
            if (!parallelStacks(source->volume()->geometry(), other->volume()->geometry(), 20))
                continue;
            if (const auto k = nearestSlice(other->volume()->geometry(), link->transform.apply(centre)))
                other->setSlice(*k);
        }
        m_syncing = false;
    }
    updateReferenceLines();
}

void ViewportGrid::volumeChangedIn(int index)
{
    // A series opened beside others joins their position: the active view leads (or, when the
    // new series is in the active view, it moves the others).
    const int leader = index != m_active && view(m_active)->volume() ? m_active : index;
    sliceChangedIn(leader);
}

void ViewportGrid::updateReferenceLines()
{
    for (int i = 0; i < kMaxViews; ++i) {
        SliceViewport* shown = view(i);
        std::vector<Segment> lines;
        std::vector<std::array<double, 3>> colours;
        if (m_referenceLines && i < viewCount() && shown->volume()) {
            for (int j = 0; j < viewCount(); ++j) {
                SliceViewport* other = view(j);
                if (j == i || !other->volume() || !sameFrameOfReference(*shown->volume(), *other->volume()))
                    continue;
                if (const auto segment = planeIntersection(shown->scene().plane(), other->scene().plane())) {
                    lines.push_back(*segment);
                    colours.push_back(kViewColours[size_t(j)]);
                }
            }
        }
        if (!lines.empty() || shown->scene().referenceLineCount() > 0)
            shown->setReferenceLines(lines, colours);
    }
}

} // namespace hf
