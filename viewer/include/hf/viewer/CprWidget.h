#pragma once
// The curved reformat layout ("cpr"): along a path (a vessel's centreline), its straightened
// reformat, its stretched one, and the cross-section at right angles to the path at the chosen
// station, which is an MPR plane: every measuring tool works there (diameters, areas) and keeps
// that plane. The station is picked on either reformat (click, drag, wheel); Ctrl+wheel turns
// both reformats about the path. Corner text gives the path's length, the station's distance
// along it and the turn. GUI thread.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/dicomio/CurvedPath.h"
#include "hf/viewer/ViewAnnotation.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace hf {

class MprScene;
class MprViewport;
class ReformatView;
class Volume;

class CprWidget : public QWidget {
    Q_OBJECT
public:
    explicit CprWidget(QWidget* parent = nullptr);
    ~CprWidget() override;

    void setVolume(std::shared_ptr<const Volume> volume);
    const Volume* volume() const;
    // The path's points (patient LPS mm), and the path annotation they are, if any (its edits
    // then reshape the reformat). Throws std::invalid_argument for a path that is no curve
    // (CurvedPath's reasons); an empty list clears it.
    void setPath(const std::vector<Vec3>& points, const std::string& annotationId = {});
    const std::string& pathAnnotationId() const { return m_pathId; }
    // Points along the path from one arc length to another (its stretch as a path of its own).
    std::vector<Vec3> pathBetween(double from, double to) const;
    const CurvedPath* path() const { return m_path ? &*m_path : nullptr; }
    void setWindow(double center, double width);
    double windowCenter() const { return m_center; }
    double windowWidth() const { return m_width; }
    void setDegrees(double degrees);
    double degrees() const { return m_degrees; }
    void setStation(double arcLength);  // clamped to the path
    double station() const { return m_station; }
    double reformatWidth() const { return m_reformatWidth; }
    // Why nothing is drawn (a path too long for the volume's spacing); empty when all is well.
    const std::string& problem() const { return m_problem; }
    // The cross-section's plane now (for its measurements), and the tools and annotations there.
    AnnotationPlane crossSectionPlane() const;
    void setTool(std::optional<AnnotationKind> tool);
    void setAnnotations(const std::vector<ViewAnnotation>& annotations);

    ReformatView* straightenedView() const { return m_straightened; }
    ReformatView* stretchedView() const { return m_stretched; }
    MprViewport* crossSectionView() const { return m_section; }
    MprScene& crossSectionScene() const { return *m_scene; }
    void renderAll();

signals:
    void annotationDrawn(hf::AnnotationKind kind, const std::vector<hf::Vec3>& points, const hf::AnnotationPlane& plane);
    void annotationEdited(const QString& id, const std::vector<hf::Vec3>& points);
    void annotationDeleteRequested(const QString& id);

private:
    void reformat();       // both reformats again (path, volume or turn changed)
    void placeStation();   // the cross-section and the marks again
    void describe();

    std::unique_ptr<MprScene> m_scene;
    ReformatView* m_straightened;
    ReformatView* m_stretched;
    MprViewport* m_section;
    std::shared_ptr<const Volume> m_volume;
    std::optional<CurvedPath> m_path;
    std::string m_pathId;
    std::string m_problem;  // why there is no reformat (shown in the cross-section's corner)
    std::vector<double> m_stretchedArc;  // the stretched image's rows' arc lengths
    double m_degrees = 0, m_station = 0, m_center = 40, m_width = 400;
    double m_reformatWidth = 60;  // mm across the straightened image
};

} // namespace hf
