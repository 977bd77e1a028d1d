#pragma once
// The 2D reading view: one native slice of a Volume.
//   Scroll: wheel, arrow keys, Page Up/Down, Home/End, or Ctrl+left drag.
//   Window: left drag (horizontal = width, vertical = level); A = auto (histogram); I = invert.
//   Zoom: Ctrl+wheel, right drag, +/-; F = fit, = (equals) = one image pixel per screen pixel;
//   Escape resets zoom, pan, rotation, flips and inversion.
//   Pan: middle drag or Shift+left drag.  Rotate: R (clockwise), Shift+R; flip: H, V.
//   Cine: C starts/stops, [ and ] change the frame rate.  T hides/shows the corner text.
//   Annotations: with a tool chosen (setTool), the left button draws (AnnotationEditing says
//   how); without one, a click selects, a drag moves it or its handle, Delete removes, Ctrl+C /
//   Ctrl+V copies it to the shown slice, Enter closes a polygon, Esc cancels. K flags the shown
//   image as a key image.
// Moving the mouse reports the pixel under it (probe). Accepts series dragged from the study
// list. GUI thread only.
#include "hf/annotations/Annotation.h"
#include "hf/viewer/AnnotationEditing.h"
#include "hf/viewer/FusionDisplay.h"
#include "hf/viewer/PresentationDisplay.h"
#include "hf/viewer/ReportDisplay.h"
#include "hf/viewer/SegmentationDisplay.h"
#include "hf/viewer/StructureDisplay.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/StudyModel.h"
#include "hf/viewer/ViewAnnotation.h"
#include "hf/viewer/VtkRenderView.h"

#include <QRect>

#include <optional>

#include <array>
#include <map>
#include <memory>
#include <vector>

class QTimer;

namespace hf {

class SliceScene;
class SliceAnnotationCanvas;
class Volume;
struct Segment;

class SliceViewport : public VtkRenderView {
    Q_OBJECT
public:
    explicit SliceViewport(QWidget* parent = nullptr);
    ~SliceViewport() override;

    void setVolume(std::shared_ptr<const Volume> volume, int slice = -1);
    std::shared_ptr<const Volume> volume() const { return m_volume; }
    // Shows nothing (no volume, no series): a view a hanging protocol's stage leaves empty.
    void clear();
    // Another time point of the shown 4D series: the slice and the look stay (no volumeChanged).
    // False when its grid differs from the shown one's.
    bool replaceVolume(std::shared_ptr<const Volume> volume, const StackPosition& position);
    SliceScene& scene() const;
    int slice() const;
    void setSlice(int k);
    void setWindow(double center, double width);
    void autoWindow();
    void setInverted(bool inverted);
    // 1 = fit; no zoomChanged (it is what linked views are told).
    void setZoom(double zoom);
    // Moves the image by screen pixels (y down), as a pan drag does (emits panned).
    void panBy(double dx, double dy);
    // Pans so that a patient point of this view's frame is at the view's centre (no signal).
    void centreOn(const Vec3& point);
    // The patient point at the view's centre, on the shown plane.
    Vec3 centrePoint() const;
    // Whose and which series this view shows (corner text, window title, annotations).
    void setSeriesInfo(const SeriesContext& info);
    const SeriesContext& seriesInfo() const { return m_info; }
    QString seriesUid() const { return QString::fromStdString(m_info.series.uid); }
    // Which stack of its series this view shows (corner text says "Stack 2/3: ...").
    void setStackPosition(const StackPosition& position);
    const StackPosition& stackPosition() const { return m_stack; }
    QString studyUid() const { return QString::fromStdString(m_info.study.uid); }
    // All slices are decoded now (setVolume may have come with only the first one).
    void volumeLoaded();
    void setCornerTextVisible(bool visible);
    // After the scene was changed directly (rotation, zoom from a menu): new corner text, repaint.
    void refresh();

    // Cine: plays the slices (or frames) in a loop at framesPerSecond.
    void setCinePlaying(bool playing);
    bool cinePlaying() const;
    void setCineRate(double framesPerSecond);
    double cineRate() const { return m_cineRate; }

    // Reference lines of other views' planes (patient space).
    void setReferenceLines(const std::vector<Segment>& lines, const std::vector<std::array<double, 3>>& colours);

    // Annotations of the shown series (all slices; each view shows its slice's).
    void setAnnotations(std::vector<ViewAnnotation> annotations);
    void setTool(std::optional<AnnotationKind> tool);
    AnnotationEditing& editing() const;
    // Other systems' RT structure contours drawn over the slice (read-only).
    StructureDisplay& structures() const;
    // Other systems' segmentations (SEG) drawn over the slice (read-only).
    SegmentationDisplay& segmentations() const;
    // Other systems' measurements (structured reports) drawn over the slice (read-only).
    ReportDisplay& reports() const;
    // Another series fused over the slice (PET over CT); refresh() after changing it.
    FusionDisplay& fusion() const;
    // Another producer's presentation state applied to this view (nullptr: none); the corner
    // text names it ("PS: LABEL").
    void applyPresentationState(std::shared_ptr<const ForeignPresentationState> state);
    PresentationDisplay& presentation() const;
    // Key images other systems flagged (Key Object Selection documents): SOP Instance UID ->
    // the document's title ("Of Interest"); the corner text says so on such an image.
    void setKeyImageTitles(std::map<std::string, std::string> titles);
    // How the view is tied to a view of another study ("Linked: registered (MI), ..."); empty: not.
    void setLinkText(std::string text);
    // A series still arriving from the archive ("Arriving: 37 of 500 images"); empty: none.
    void setArrivalText(std::string text);
    const std::string& arrivalText() const { return m_arrivalText; }
    // The 3D cursor: a patient point (this view's frame) marked with a yellow cross on the slice
    // through it; nothing: none. Shift+click places one (cursorPlaced).
    void setPatientCursor(std::optional<Vec3> point);
    std::optional<Vec3> patientCursor() const { return m_patientCursor; }
    // Rectangles (image pixels) the reader drew over burned-in text, blacked out when the
    // originals are exported de-identified: outlined in orange on every slice.
    void setMaskRectangles(std::vector<QRect> rectangles);
    const std::vector<QRect>& maskRectangles() const { return m_maskRectangles; }
    // The mask tool: a left drag draws a rectangle over burned-in text (maskDrawn), instead of
    // windowing or the annotation tool.
    void setMaskTool(bool on) { m_maskTool = on; }
    // The image's overlay planes (60xx), shown unless turned off (key O); its display shutter
    // always blanks what lies outside.
    void setImageOverlaysShown(bool shown);
    bool imageOverlaysShown() const { return m_imageOverlaysShown; }
    int overlayPlanesShown() const { return m_overlayPlanesShown; }  // on the shown slice
    bool shutterOnSlice() const;

    // The MIME type the study list drags series with: "studyUid\nseriesUid" in UTF-8.
    static const char* seriesMimeType();

signals:
    // A new volume is shown (its first slice); sliceChanged follows only later moves.
    void volumeChanged();
    void sliceChanged(int slice);
    void windowChanged(double center, double width);
    // The reader zoomed (wheel, drag, keys); 1 = fit.
    void zoomChanged(double zoom);
    void panned();
    // The pixel under the mouse, ready to show ("HU -12 at (L 10.0, P 3.5, H 40.0) mm").
    void probed(const QString& text);
    void cineChanged(bool playing, double framesPerSecond);
    // stackIndex: which stack of the series (-1: its first, or what the opener chooses).
    void seriesDropped(const QString& studyUid, const QString& seriesUid, int stackIndex);
    void activated();  // clicked or focused: the view that toolbars and keys act on
    // A finished drawing (patient LPS mm on the shown slice), an edit of an existing annotation,
    // a deletion asked for, a key image toggled (the shown slice).
    void annotationDrawn(hf::AnnotationKind kind, const std::vector<hf::Vec3>& points);
    void annotationEdited(const QString& id, const std::vector<hf::Vec3>& points);
    void annotationDeleteRequested(const QString& id);
    void annotationSelected(const QString& id);
    void keyImageToggled(int slice);
    // The mask tool's rectangle, in image pixels (within the image).
    void maskDrawn(const QRect& pixels);
    // A left click (no drag, no annotation) on the image: the voxel under it (column, row, slice).
    void imageClicked(int column, int row, int slice);
    // Shift+click without moving: the patient point under the mouse, for the 3D cursor.
    void cursorPlaced(hf::Vec3 point);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    enum class Drag { None, Window, Pan, Zoom, Scroll, Annotation, Mask };
    // The image pixels a drag between two view points covers (those holding its corners), or
    // nothing when it misses the image.
    std::optional<QRect> maskBetween(QPointF from, QPointF to) const;
    // Emits what the editing produced; true when it used the event.
    bool deliver(const AnnotationEditing::Outcome& outcome);
    void refreshOverlay();
    void refreshObjects();  // other systems' objects, for the slice now shown
    void refreshMasks();    // the burned-in text masks (and the one being drawn)
    // The overlay planes drawn on a slice (its frame): the image's, or what an applied
    // presentation state activates (made in `shown`).
    const std::vector<ImageOverlay>& overlaysOf(size_t slice, int frame, std::vector<ImageOverlay>& shown) const;
    const DisplayShutter& shutterOf(size_t slice) const;  // k within the volume's slices
    void keepPresentationOnlyIfNamed();  // a new volume keeps a presentation state naming one of its images
    void addObjectCornerLines(std::vector<std::string>& topRight) const;  // "Key image: ...", "PS: ..."
    void changed();  // overlay text and a repaint
    void probeAt(QPointF position);
    void zoomBy(double factor);

    std::unique_ptr<SliceScene> m_scene;
    std::unique_ptr<SliceAnnotationCanvas> m_canvas;
    std::unique_ptr<AnnotationEditing> m_editing;
    std::unique_ptr<StructureDisplay> m_structures;
    std::unique_ptr<SegmentationDisplay> m_segmentations;
    std::unique_ptr<ReportDisplay> m_reports;
    std::unique_ptr<FusionDisplay> m_fusion;
    std::unique_ptr<PresentationDisplay> m_presentation;
    std::map<std::string, std::string> m_keyImageTitles;
    std::string m_linkText;
    std::string m_arrivalText;
    std::optional<Vec3> m_patientCursor;
    std::vector<QRect> m_maskRectangles;
    std::optional<QRect> m_maskPreview;  // while the mask tool drags
    bool m_maskTool = false;
    bool m_imageOverlaysShown = true;
    int m_overlayPlanesShown = 0;
    std::optional<Annotation> m_clipboard;
    std::shared_ptr<const Volume> m_volume;
    SeriesContext m_info;
    StackPosition m_stack;
    Drag m_drag = Drag::None;
    QPointF m_dragStart, m_dragLast;
    double m_dragCenter = 0, m_dragWidth = 0;
    int m_dragSlice = 0;
    int m_wheelRemainder = 0;
    QTimer* m_cine;
    double m_cineRate = 15;
};

} // namespace hf
