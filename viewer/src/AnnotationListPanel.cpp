#include "hf/viewer/AnnotationListPanel.h"

#include <QAction>
#include <QColor>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hf {

AnnotationListPanel::AnnotationListPanel(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 6))
{
    m_table->setHorizontalHeaderLabels({tr("Type"), tr("Value"), tr("Image"), tr("Author"), tr("Calibration"), tr("Sync")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
        if (row >= 0 && size_t(row) < m_annotations.size())
            emit jumpRequested(QString::fromStdString(m_annotations[size_t(row)].annotation.id), m_annotations[size_t(row)].slice);
        else if (row >= 0 && size_t(row) < m_annotations.size() + m_foreign.size())
            emit jumpRequested(QString(), m_foreign[size_t(row) - m_annotations.size()].slice);  // nothing of ours to select
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && size_t(row) < m_annotations.size())
            emit selectionChanged(QString::fromStdString(m_annotations[size_t(row)].annotation.id));
    });
    auto* copy = new QAction(tr("Copy to my annotations"), m_table);
    copy->setObjectName("copy-foreign-to-annotations");
    connect(copy, &QAction::triggered, this, [this] {
        const int row = m_table->currentRow() - int(m_annotations.size());
        if (row >= 0 && size_t(row) < m_foreign.size())
            emit copyForeignRequested(QString::fromStdString(m_foreign[size_t(row)].reportSopInstanceUid), m_foreign[size_t(row)].group);
    });
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(copy);
}

void AnnotationListPanel::setAnnotations(const std::vector<ViewAnnotation>& annotations)
{
    m_annotations = annotations;
    fill();
}

void AnnotationListPanel::setForeignMeasurements(const std::vector<ForeignRow>& rows)
{
    m_foreign = rows;
    fill();
}

void AnnotationListPanel::fill()
{
    const QSignalBlocker block(m_table);
    m_table->setRowCount(int(m_annotations.size() + m_foreign.size()));
    for (int row = 0; row < int(m_annotations.size()); ++row) {
        const ViewAnnotation& v = m_annotations[size_t(row)];
        const Annotation& a = v.annotation;
        const QString value = a.kind == AnnotationKind::Text ? QString::fromStdString(a.label) : QString::fromStdString(v.summary);
        // Failures and kept conflicts say why.
        const QString sync = a.syncError.empty() ? QString::fromStdString(a.syncState)
                                                 : QString("%1: %2").arg(QString::fromStdString(a.syncState),
                                                                         QString::fromStdString(a.syncError));
        const QStringList cells{annotationKindName(a.kind), value, v.slice >= 0 ? QString::number(v.slice + 1) : QString("-"),
                                QString::fromStdString(a.author), QString::fromStdString(v.calibration), sync};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (!v.warning.empty())
                item->setToolTip(QString::fromStdString(v.warning));
            m_table->setItem(row, c, item);
        }
    }
    // Other producers' measurements: read-only, in another colour, named by where they come from.
    for (size_t f = 0; f < m_foreign.size(); ++f) {
        const ForeignRow& r = m_foreign[f];
        const int row = int(m_annotations.size() + f);
        const QStringList cells{QString::fromStdString(r.type), QString::fromStdString(r.value),
                                r.slice >= 0 ? QString::number(r.slice + 1) : QString("-"), QString::fromStdString(r.from), tr("as reported"),
                                tr("read-only")};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setForeground(QColor(110, 190, 255));
            item->setToolTip(tr("Another producer's measurement (SR %1); right click to copy it to your annotations")
                                 .arg(QString::fromStdString(r.reportSopInstanceUid)));
            m_table->setItem(row, c, item);
        }
    }
}

int AnnotationListPanel::rowCount() const { return m_table->rowCount(); }

QString AnnotationListPanel::cellText(int row, int column) const
{
    const QTableWidgetItem* item = m_table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace hf
