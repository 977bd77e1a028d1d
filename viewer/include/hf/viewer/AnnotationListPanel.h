#pragma once
// The annotation list of the shown series: type, value, image, author, calibration and sync
// state, one row per annotation. Selecting a row selects it in the view; double click (or
// Enter) jumps to its image. Below our own, other producers' measurements (TID 1500 SR groups)
// as read-only rows "from <manufacturer>, <date>"; their context menu copies one to our own
// annotations. GUI thread only.
#include "hf/viewer/ViewAnnotation.h"

#include <QWidget>

#include <string>
#include <vector>

class QTableWidget;

namespace hf {

class AnnotationListPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationListPanel(QWidget* parent = nullptr);

    void setAnnotations(const std::vector<ViewAnnotation>& annotations);
    // Another producer's measurement group, as listed.
    struct ForeignRow {
        std::string reportSopInstanceUid;
        int group = 0;
        std::string type, value, from;  // "Region", "Liver; Volume: 70 ml", "from dcmqi, 2017-05-01"
        int slice = -1;                 // 0-based slice of the shown volume; -1: not on it
    };
    void setForeignMeasurements(const std::vector<ForeignRow>& rows);
    int rowCount() const;
    QString cellText(int row, int column) const;
    QTableWidget* table() const { return m_table; }

signals:
    void jumpRequested(const QString& id, int slice);
    void selectionChanged(const QString& id);
    void copyForeignRequested(const QString& reportSopInstanceUid, int group);

private:
    void fill();

    QTableWidget* m_table;
    std::vector<ViewAnnotation> m_annotations;
    std::vector<ForeignRow> m_foreign;
};

} // namespace hf
