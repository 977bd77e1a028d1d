#include "hf/viewer/StudyListWidget.h"

#include "hf/dicomio/SopClasses.h"

#include "hf/viewer/ObjectIcon.h"
#include "hf/viewer/SliceViewport.h"

#include "hf/viewer/StudyListModel.h"

#include <QAction>
#include <QComboBox>
#include <QGuiApplication>
#include <QIcon>
#include <QPixmap>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QApplication>
#include <QDrag>
#include <QMimeData>
#include <QMouseEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace hf {
namespace {
constexpr int SeriesUidRole = Qt::UserRole + 2;
constexpr int StackRole = Qt::UserRole + 3;  // 0-based stack of a series of several; -1: a series of one
constexpr int ObjectsRole = Qt::UserRole + 4;  // a series of objects with no image (SR, PR, KO, SEG...): what it is
}

StudyListWidget::StudyListWidget(QWidget* parent)
    : QWidget(parent)
    , m_source(new QComboBox)
    , m_search(new QLineEdit)
    , m_modality(new QComboBox)
    , m_from(new QLineEdit)
    , m_to(new QLineEdit)
    , m_model(new StudyListModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_series(new QListWidget)
{
    m_source->setObjectName("study-source");
    m_series->setObjectName("study-series");
    m_source->addItem(tr("Local cache"), QString());
    m_source->setToolTip(tr("Where to look: the local cache or a PACS node (Settings > PACS nodes)"));
    m_search->setPlaceholderText(tr("Search name, patient ID or accession (* and ? allowed)"));
    m_search->setClearButtonEnabled(true);
    m_modality->addItem(tr("All modalities"), QString());
    for (const char* m : {"CT", "MR", "CR", "DX", "MG", "US", "XA", "NM", "PT", "OT", "SC"})
        m_modality->addItem(m, QString(m));
    for (QLineEdit* d : {m_from, m_to}) {
        d->setInputMask("99999999;_");
        d->setMaximumWidth(90);
    }
    m_from->setToolTip(tr("From date (YYYYMMDD)"));
    m_to->setToolTip(tr("To date (YYYYMMDD)"));

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StudyListModel::StudyDate, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->installEventFilter(this);
    m_series->setIconSize(QSize(96, 96));
    m_series->installEventFilter(this);
    m_series->viewport()->installEventFilter(this);  // mouse events: dragging a series to a view

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_source);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_modality);
    filters->addWidget(new QLabel(tr("from")));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to")));
    filters->addWidget(m_to);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_series);
    split->setStretchFactor(0, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    // Typing refines after a short pause, so a fast typist does not queue a query per key.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(150);
    connect(debounce, &QTimer::timeout, this, [this] { emit filterChanged(filter()); });
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_from, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_to, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_modality, &QComboBox::currentIndexChanged, this, [this] { emit filterChanged(filter()); });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_series->clear();
        m_seriesStudy.clear();
        m_search->setPlaceholderText(source().isEmpty() ? tr("Search name, patient ID or accession (* and ? allowed)")
                                                        : tr("Patient name on %1 (* and ? allowed)").arg(source()));
        emit filterChanged(filter());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            emit studySelected(current.data(StudyListModel::StudyUidRole).toString());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openSelectedStudy(false); });
    connect(m_series, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (source().isEmpty() && !item->data(ObjectsRole).toString().isEmpty())
            emit objectsActivated(item->data(ObjectsRole).toString());
        else if (!source().isEmpty())
            emit retrieveRequested(source(), m_seriesStudy, item->data(SeriesUidRole).toString());
        else
            emit openSeriesRequested(m_seriesStudy, item->data(SeriesUidRole).toString(),
                                     QGuiApplication::keyboardModifiers() & Qt::ShiftModifier, item->data(StackRole).toInt());
    });
    for (QAbstractItemView* view : {static_cast<QAbstractItemView*>(m_table), static_cast<QAbstractItemView*>(m_series)}) {
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto* open = new QAction(tr("Open (retrieve when remote)"), view);
        auto* beside = new QAction(tr("Open in a new window"), view);
        connect(open, &QAction::triggered, this, [this] { openSelected(false); });
        connect(beside, &QAction::triggered, this, [this] { openSelected(true); });
        view->addAction(open);
        view->addAction(beside);
    }
}

StudyFilter StudyListWidget::filter() const
{
    StudyFilter f;
    const QString text = m_search->text().trimmed();
    f.text = text.toStdString();  // name, ID, accession or tag
    f.modality = m_modality->currentData().toString().toStdString();
    const QString from = m_from->text().remove('_'), to = m_to->text().remove('_');
    f.from = from.size() == 8 ? from.toStdString() : std::string();
    f.to = to.size() == 8 ? to.toStdString() : std::string();
    return f;
}

void StudyListWidget::setStudies(std::vector<StudyRow> rows)
{
    const QString keep = selectedStudyUid();
    const bool first = m_model->rowCount() == 0;
    m_model->setRows(std::move(rows));
    if (first)
        m_table->resizeColumnsToContents();
    for (int r = 0; r < m_sorted->rowCount(); ++r)
        if (m_sorted->index(r, 0).data(StudyListModel::StudyUidRole).toString() == keep || (keep.isEmpty() && r == 0)) {
            m_table->selectRow(r);
            break;
        }
}

void StudyListWidget::setSeriesThumbnail(const QString& seriesUid, const QImage& image)
{
    for (int i = 0; i < m_series->count(); ++i)
        if (m_series->item(i)->data(SeriesUidRole).toString() == seriesUid)
            m_series->item(i)->setIcon(QIcon(QPixmap::fromImage(image)));
}

void StudyListWidget::setSeries(const QString& studyUid, const std::vector<SeriesRow>& series)
{
    // Two series queries crossed (a PACS answers the study selected before last): the late one is dropped.
    if (const QString selected = selectedStudyUid(); !selected.isEmpty() && selected != studyUid)
        return;
    m_seriesStudy = studyUid;
    m_series->clear();
    for (const auto& s : series) {
        const QString head = QString("%1  %2  %3").arg(s.number).arg(QString::fromStdString(s.modality), QString::fromStdString(s.description));
        const auto add = [&](const QString& text, int stack) {
            auto* item = new QListWidgetItem(text);
            item->setData(SeriesUidRole, QString::fromStdString(s.uid));
            item->setData(StackRole, stack);
            m_series->addItem(item);
        };
        if (s.imageCount == 0 && s.objectCount > 0) {
            const SopClassInfo sopClass = sopClassInfo(s.objectClass);
            const QString kind = QString::fromStdString(sopClass.kind.empty() ? "OT" : sopClass.kind);
            const QString what = QString("%1 %2 %3").arg(s.objectCount).arg(QString::fromStdString(sopClass.name),
                                                                             s.objectCount == 1 ? tr("object") : tr("objects"));
            add(QString("%1  (%2)").arg(head, what), -1);
            m_series->item(m_series->count() - 1)->setIcon(QIcon(QPixmap::fromImage(objectIcon(kind, 64))));
            m_series->item(m_series->count() - 1)->setData(ObjectsRole, tr("Series %1: %2").arg(s.number).arg(what));
            continue;
        }
        if (s.stacks.size() < 2) {
            // Stacks not known (a remote series), or one: the series is one entry.
            add(QString("%1  (%2 images%3%4)")
                    .arg(head)
                    .arg(s.imageCount)
                    .arg(s.stackCount > 1 ? QString(" in %1 stacks").arg(s.stackCount) : QString())
                    .arg(s.objectCount > 0 ? QString(" + %1 %2").arg(s.objectCount).arg(s.objectCount == 1 ? tr("object") : tr("objects")) : QString()),
                -1);
            continue;
        }
        // Each stack its own entry: nothing in a series is hidden behind its first stack.
        for (size_t k = 0; k < s.stacks.size(); ++k)
            add(QString("%1  %2 %3/%4: %5  (%6 images)")
                    .arg(head, s.stacks[k].timePoint ? QString("time") : QString("stack"))
                    .arg(k + 1)
                    .arg(s.stacks.size())
                    .arg(QString::fromStdString(s.stacks[k].label))
                    .arg(s.stacks[k].images),
                int(k));
    }
    if (m_series->count())
        m_series->setCurrentRow(0);
}

QString StudyListWidget::selectedStudyUid() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(StudyListModel::StudyUidRole).toString() : QString();
}

void StudyListWidget::setSources(const QStringList& nodeNames)
{
    const QString current = source();
    QSignalBlocker block(m_source);
    while (m_source->count() > 1)
        m_source->removeItem(1);
    for (const QString& name : nodeNames)
        m_source->addItem(name, name);
    const int keep = m_source->findData(current);
    m_source->setCurrentIndex(keep >= 0 ? keep : 0);
}

QString StudyListWidget::source() const
{
    return m_source->currentData().toString();
}

void StudyListWidget::setSource(const QString& nodeName)
{
    const int index = m_source->findData(nodeName);
    if (index >= 0)
        m_source->setCurrentIndex(index);
}

void StudyListWidget::openSelected(bool inNewWindow)
{
    const QString study = selectedStudyUid();
    if (study.isEmpty())
        return;
    QListWidgetItem* item = m_series->currentItem();
    if (!source().isEmpty()) {
        // Remote: bring it into the cache (the series only when one is picked).
        emit retrieveRequested(source(), study, item && m_seriesStudy == study ? item->data(SeriesUidRole).toString() : QString());
        return;
    }
    // The series list belongs to the selected study once its query came back.
    if (item && m_seriesStudy == study && !item->data(ObjectsRole).toString().isEmpty())
        emit objectsActivated(item->data(ObjectsRole).toString());
    else if (item && m_seriesStudy == study)
        emit openSeriesRequested(study, item->data(SeriesUidRole).toString(), inNewWindow, item->data(StackRole).toInt());
    else
        emit openSeriesRequested(study, QString(), inNewWindow);
}

void StudyListWidget::openSelectedStudy(bool inNewWindow)
{
    const QString study = selectedStudyUid();
    if (study.isEmpty())
        return;
    if (!source().isEmpty() || inNewWindow)
        return openSelected(inNewWindow);
    emit openStudyRequested(study);
}

QMimeData* StudyListWidget::seriesMimeData(const QString& studyUid, const QString& seriesUid, int stack)
{
    auto* data = new QMimeData;
    const QString text = studyUid + "\n" + seriesUid + (stack >= 0 ? "\n" + QString::number(stack) : QString());
    data->setData(SliceViewport::seriesMimeType(), text.toUtf8());
    data->setText(seriesUid);
    return data;
}

void StudyListWidget::startSeriesDrag()
{
    QListWidgetItem* item = m_series->currentItem();
    if (!item || m_seriesStudy.isEmpty() || !source().isEmpty())  // remote series are retrieved, not dragged
        return;
    if (!item->data(ObjectsRole).toString().isEmpty())
        return;  // nothing a view can show
    auto* drag = new QDrag(m_series);
    drag->setMimeData(seriesMimeData(m_seriesStudy, item->data(SeriesUidRole).toString(), item->data(StackRole).toInt()));
    if (!item->icon().isNull())
        drag->setPixmap(item->icon().pixmap(64, 64));
    drag->exec(Qt::CopyAction);
}

bool StudyListWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_series->viewport()) {
        if (event->type() == QEvent::MouseButtonPress)
            m_seriesPress = static_cast<QMouseEvent*>(event)->position().toPoint();
        if (event->type() == QEvent::MouseMove) {
            const auto* move = static_cast<QMouseEvent*>(event);
            if ((move->buttons() & Qt::LeftButton) &&
                (move->position().toPoint() - m_seriesPress).manhattanLength() >= QApplication::startDragDistance()) {
                startSeriesDrag();
                return true;
            }
        }
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() == QEvent::KeyPress) {
        const auto* keyEvent = static_cast<QKeyEvent*>(event);
        const int key = keyEvent->key();
        if (watched == m_table && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            openSelectedStudy(keyEvent->modifiers() & Qt::ShiftModifier);
            return true;
        }
        if (watched == m_table && key == Qt::Key_Delete && source().isEmpty() && !selectedStudyUid().isEmpty()) {
            emit removeStudyRequested(selectedStudyUid());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hf
