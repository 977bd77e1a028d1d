#pragma once
// Drawing and editing annotations in a 2D view, as a state machine fed with mouse positions in
// view pixels (y down). With a tool chosen, presses and drags become points in patient space:
// two-point kinds (length, arrow, ellipse, rectangle) by one drag; angle (3), Cobb (4) and
// polygon (Enter or double click closes) by clicks; freehand by a drag; point and text by a
// click. Without a tool, a press on an annotation selects it, a drag moves it, and a drag from a
// handle of the selected one moves that point. It shows what its canvas (a 2D slice, an MPR
// plane) shows of the annotations: their shapes, or where they cross it (not editable). Pure
// logic: no Qt widgets.
#include "hf/annotations/Annotation.h"
#include "hf/viewer/ViewAnnotation.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

class AnnotationCanvas;
struct DrawnAnnotation;

class AnnotationEditing {
public:
    struct Outcome {
        enum Kind { Ignored, Consumed, Drawn, Edited } kind = Ignored;
        AnnotationKind drawnKind = AnnotationKind::Length;
        std::vector<Vec3> points;
        std::string id;  // Edited: which
    };

    explicit AnnotationEditing(AnnotationCanvas& canvas);

    void setTool(std::optional<AnnotationKind> tool);
    std::optional<AnnotationKind> tool() const { return m_tool; }
    void setAnnotations(std::vector<ViewAnnotation> annotations);
    const std::vector<ViewAnnotation>& annotations() const { return m_annotations; }
    const std::string& selected() const { return m_selected; }
    void select(const std::string& id);
    // The ids drawn on the canvas (whole or cut).
    std::vector<std::string> shownIds() const;

    Outcome press(double x, double y, bool doubleClick = false);
    Outcome move(double x, double y);
    Outcome release(double x, double y);
    Outcome finish();  // Enter: closes a polygon being drawn
    bool cancel();     // Escape: drops what is being drawn; false when nothing was
    bool drawing() const { return !m_points.empty(); }
    // Pushes the current slice's annotations (and the one being drawn) into the scene.
    void refresh();

private:
    enum class Drag { None, NewShape, Move, Handle, Freehand };
    std::optional<DrawnAnnotation> drawnHere(const ViewAnnotation& a, const std::vector<Vec3>* points = nullptr) const;
    const ViewAnnotation* find(const std::string& id) const;
    std::string hit(double x, double y) const;
    int handleAt(double x, double y) const;
    Outcome complete();

    AnnotationCanvas& m_canvas;
    std::optional<AnnotationKind> m_tool;
    std::vector<ViewAnnotation> m_annotations;
    std::string m_selected;
    std::vector<Vec3> m_points;  // the shape being drawn (the last one follows the mouse)
    Drag m_drag = Drag::None;
    int m_handle = -1;
    std::vector<Vec3> m_editPoints;  // the selected annotation's points while moving
    Vec3 m_dragStart;
    double m_pressX = 0, m_pressY = 0;
};

} // namespace hf
