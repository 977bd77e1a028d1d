#pragma once
// The 2D reading view: one native slice of a Volume. Wheel, arrow and page keys scroll; left
// drag windows (horizontal = width, vertical = level). GUI thread only.
#include "hf/viewer/VtkRenderView.h"

#include <memory>

namespace hf {

class SliceScene;
class Volume;

class SliceViewport : public VtkRenderView {
    Q_OBJECT
public:
    explicit SliceViewport(QWidget* parent = nullptr);
    ~SliceViewport() override;

    void setVolume(std::shared_ptr<const Volume> volume, int slice = -1);
    SliceScene& scene() const;
    int slice() const;
    void setSlice(int k);
    void setWindow(double center, double width);
    // Text shown in the upper-left corner (patient and study).
    void setPatientText(const QString& text);
    // All slices are decoded now (setVolume may have come with only the first one).
    void volumeLoaded();

signals:
    void sliceChanged(int slice);
    void windowChanged(double center, double width);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void refreshCornerText();

    std::unique_ptr<SliceScene> m_scene;
    QPoint m_dragStart;
    double m_dragCenter = 0, m_dragWidth = 0;
    bool m_windowing = false;
    int m_wheelRemainder = 0;
};

} // namespace hf
