#pragma once
// The MPR layouts: axial, coronal and sagittal views of one volume side by side ("mpr"), or in
// a 2x2 grid with the 3D view ("mpr3d"). The views share one MprScene (one buffer, one
// crosshair). GUI thread only.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/ViewAnnotation.h"

#include <QWidget>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QGridLayout;

namespace hf {

class MprObjectDisplay;
class MprViewport;
class Volume;
class VolumeViewport;

class MprWidget : public QWidget {
    Q_OBJECT
public:
    explicit MprWidget(QWidget* parent = nullptr);
    ~MprWidget() override;

    void setVolume(std::shared_ptr<const Volume> volume);
    // As given (the scene may reformat a resampled copy of it).
    const std::shared_ptr<const Volume>& shownVolume() const { return m_shown; }
    void setWith3d(bool with3d);
    bool with3d() const { return m_with3d; }
    MprScene& scene() const { return *m_scene; }
    // Other systems' objects (structures, segments) on the planes.
    MprObjectDisplay& objects() const { return *m_objects; }
    MprViewport* view(MprPlane plane) const { return m_views[size_t(plane)]; }
    VolumeViewport* volumeView() const { return m_volume; }
    void renderAll();
    void refresh();  // after changing the scene from outside (crosshair, slab, window, objects)
    // Pixels of a plane hatched as slices not received yet (an arriving series; StandInLayer).
    int standInPixels(MprPlane plane) const { return m_standInPixels[size_t(plane)]; }

    // The sphere tool: a drag in a plane draws a volume of interest (sphereDrawn).
    void setSphereTool(bool on);
    // The measuring tool for every plane (the sphere tool is set apart), and the measurements of
    // the volume's series, each plane showing those drawn on it or crossing it.
    void setTool(std::optional<AnnotationKind> tool);
    void setAnnotations(const std::vector<ViewAnnotation>& annotations);
    // Turns the planes so that the one nearest in direction shows `plane` (a measurement's),
    // the crosshair at `at` (a point of it), and selects `id` there.
    void showPlane(const AnnotationPlane& plane, const Vec3& at, const std::string& id);

signals:
    void probed(const QString& text);
    // A sphere drawn in a plane: its centre and a point on its surface along the volume's rows.
    void sphereDrawn(const hf::Vec3& centre, const hf::Vec3& surface);
    void annotationDrawn(hf::AnnotationKind kind, const std::vector<hf::Vec3>& points, const hf::AnnotationPlane& plane);
    void annotationEdited(const QString& id, const std::vector<hf::Vec3>& points);
    void annotationDeleteRequested(const QString& id);

private:
    std::unique_ptr<MprScene> m_scene;
    std::unique_ptr<MprObjectDisplay> m_objects;
    std::shared_ptr<const Volume> m_shown;  // as given: the scene may reformat a resampled copy
    std::array<int, 3> m_standInPixels{};
    std::array<MprViewport*, 3> m_views{};
    VolumeViewport* m_volume;
    QGridLayout* m_layout;
    bool m_with3d = false;
};

} // namespace hf
