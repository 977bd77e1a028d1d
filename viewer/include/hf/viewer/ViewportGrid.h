#pragma once
// Several 2D views in a grid (1x1, 1x2, 2x1, 2x2, 3x3) for comparing series and studies. One
// view is active (framed): toolbars and menus act on it. Views showing the same frame of
// reference, or frames linked by a registration (frameLinks), scroll together by patient
// position (not by image number) when synchronised, and each view draws where the other views'
// planes of its frame cut it (reference lines). GUI thread only.
#include "hf/viewer/FrameLinks.h"

#include <QWidget>

#include <vector>

class QFrame;
class QGridLayout;

namespace hf {

class SliceViewport;

class ViewportGrid : public QWidget {
    Q_OBJECT
public:
    explicit ViewportGrid(QWidget* parent = nullptr);

    static constexpr int kMaxViews = 9;
    void setGrid(int rows, int columns);
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    int viewCount() const { return m_rows * m_columns; }  // the views shown
    SliceViewport* view(int index) const;
    int activeIndex() const { return m_active; }
    SliceViewport* activeView() const { return view(m_active); }
    void setActive(int index);

    void setSynchronized(bool on);
    bool synchronized() const { return m_synchronized; }
    // Windowing one view windows the other views of its modality; zooming (or panning) one zooms
    // (or pans) the others: across studies too, the same anatomy at the same size, at the centre.
    void setWindowLinked(bool on);
    bool windowLinked() const { return m_windowLinked; }
    void setZoomLinked(bool on);
    bool zoomLinked() const { return m_zoomLinked; }
    void setReferenceLinesVisible(bool on);
    bool referenceLinesVisible() const { return m_referenceLines; }
    // Recomputes every view's reference lines.
    void updateReferenceLines();
    // Frames of Reference tied by registration; after changing them, syncFrom() the view that leads.
    FrameLinks& frameLinks() { return m_links; }
    const FrameLinks& frameLinks() const { return m_links; }
    void syncFrom(int index) { sliceChangedIn(index); }
    // The 3D cursor at a patient point of view `index`'s frame: marked in every view of that
    // frame or one linked to it (moved through the link), each scrolled to it; cleared in views
    // it cannot be shown in.
    void placeCursor(int index, const Vec3& point);

signals:
    void activeChanged(int index);
    void seriesDropped(int index, const QString& studyUid, const QString& seriesUid, int stackIndex);
    void probed(const QString& text);
    // Scrolling, windowing or zooming together was switched (by a toggle or a protocol stage).
    void linkingChanged();
    // The 3D cursor was placed at a patient point of this Frame of Reference (for views outside
    // the grid: the MPR's crosshair).
    void cursorPlaced(const std::string& frameOfReferenceUid, const hf::Vec3& point);

private:
    void windowChangedIn(int index, double center, double width);
    void zoomChangedIn(int index, double zoom);
    void pannedIn(int index);
    void sliceChangedIn(int index);
    void volumeChangedIn(int index);
    void refreshFrames();  // the active view's frame in its colour (when there are several)

    QGridLayout* m_layout;
    std::vector<QFrame*> m_frames;
    std::vector<SliceViewport*> m_views;
    int m_rows = 1, m_columns = 1;
    int m_active = 0;
    bool m_synchronized = true;
    bool m_referenceLines = true;
    bool m_windowLinked = false, m_zoomLinked = false;
    bool m_syncing = false;
    FrameLinks m_links;
};

} // namespace hf
