#pragma once
// The annotation list of the shown series: type, value, image, author, calibration and sync
// state, one row per annotation. Selecting a row selects it in the view; double click (or
// Enter) jumps to its image. GUI thread only.
#include "hf/viewer/ViewAnnotation.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace hf {

class AnnotationListPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationListPanel(QWidget* parent = nullptr);

    void setAnnotations(const std::vector<ViewAnnotation>& annotations);
    int rowCount() const;
    QString cellText(int row, int column) const;
    QTableWidget* table() const { return m_table; }

signals:
    void jumpRequested(const QString& id, int slice);
    void selectionChanged(const QString& id);

private:
    QTableWidget* m_table;
    std::vector<ViewAnnotation> m_annotations;
};

} // namespace hf
