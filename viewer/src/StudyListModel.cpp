#include "hf/viewer/StudyListModel.h"

#include <QFont>

namespace hf {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString readableDate(const std::string& d)
{
    return d.size() == 8 ? q(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2)) : q(d);
}

QString readableTime(const std::string& t)
{
    return t.size() >= 4 ? q(t.substr(0, 2) + ":" + t.substr(2, 2)) : q(t);
}

} // namespace

StudyListModel::StudyListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StudyListModel::setRows(std::vector<StudyRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void StudyListModel::setNewCounts(QMap<QString, int> counts)
{
    m_newCounts = std::move(counts);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

const StudyRow* StudyListModel::row(int index) const
{
    return index >= 0 && size_t(index) < m_rows.size() ? &m_rows[size_t(index)] : nullptr;
}

int StudyListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StudyListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StudyListModel::data(const QModelIndex& index, int role) const
{
    const StudyRow* r = index.isValid() ? row(index.row()) : nullptr;
    if (!r || index.column() >= ColumnCount)
        return {};
    if (role == StudyUidRole)
        return q(r->study.uid);
    const auto fresh = m_newCounts.find(q(r->study.uid));
    if (role == Qt::FontRole && fresh != m_newCounts.end()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == SeriesCount || index.column() == ImageCount ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::UserRole && role != Qt::ToolTipRole)
        return {};
    const bool raw = role == Qt::UserRole;
    switch (Column(index.column())) {
    case PatientName: {
        const QString name = q(r->patient.name).replace('^', raw ? '^' : ' ');
        return raw || fresh == m_newCounts.end() ? name : tr("new (%1)  ").arg(fresh.value()) + name;
    }
    case PatientId: return q(r->patient.id);
    case BirthDate: return raw ? q(r->patient.birthDate) : readableDate(r->patient.birthDate);
    case Sex: return q(r->patient.sex);
    case StudyDate: return raw ? q(r->study.date + r->study.time) : (readableDate(r->study.date) + " " + readableTime(r->study.time)).trimmed();
    case Modalities: return q(r->modalities).replace('\\', ", ");
    case Description: return q(r->study.description);
    case Accession: return q(r->study.accessionNumber);
    case SeriesCount: return r->seriesCount;
    case ImageCount:
        if (raw)
            return r->imageCount;
        {
            // Reports, presentation states, key images, segmentations: counted beside the images.
            QString text = QString::number(r->imageCount);
            if (r->objectCount > 0)
                text += tr(" + %1 obj").arg(r->objectCount);
            if (r->missingImages > 0)
                text += tr(" (%1 missing)").arg(r->missingImages);
            return r->objectCount > 0 || r->missingImages > 0 ? QVariant(text) : QVariant(r->imageCount);
        }
    case Tags: return q(r->tags);
    case Location: return q(r->location);
    case ColumnCount: break;
    }
    return {};
}

QVariant StudyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* names[] = {"Patient", "Patient ID", "Birth date", "Sex", "Study date", "Modality",
                                  "Description", "Accession", "Series", "Images", "Tags", "Location"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace hf
