#pragma once
// The study list as a Qt table model: one row per study, the columns a radiologist scans.
// Sorting is by each column's raw value (Qt::UserRole): dates as YYYYMMDD, counts as numbers.
// GUI thread only; rows are handed in by whoever queried the cache.
#include "hf/annotations/StudyIndex.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QString>

#include <vector>

namespace hf {

class StudyListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PatientName, PatientId, BirthDate, Sex, StudyDate, Modalities, Description, Accession, SeriesCount,
                  ImageCount, Tags, Location, ColumnCount };
    static constexpr int StudyUidRole = Qt::UserRole + 1;

    explicit StudyListModel(QObject* parent = nullptr);

    void setRows(std::vector<StudyRow> rows);
    // Studies the receiver brought in this session, with how many instances: shown bold, the
    // patient column led by "new (N)".
    void setNewCounts(QMap<QString, int> counts);
    const StudyRow* row(int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<StudyRow> m_rows;
    QMap<QString, int> m_newCounts;
};

} // namespace hf
