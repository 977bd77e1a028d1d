#include "hf/viewer/SeriesStrip.h"

#include "hf/viewer/SliceViewport.h"

#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPixmap>
#include <QHBoxLayout>

#include <algorithm>

namespace hf {
namespace {

constexpr int kEntryRole = Qt::UserRole + 1;

// A list whose drags carry a series and its stack, as the views accept them.
class StripList : public QListWidget {
public:
    explicit StripList(const SeriesStrip& strip)
        : m_strip(strip)
    {
    }

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override
    {
        if (items.isEmpty())
            return nullptr;
        const StripEntry& e = m_strip.entry(items.front()->data(kEntryRole).toInt());
        if (e.isObjects())
            return nullptr;  // nothing a view can show
        auto* data = new QMimeData;
        data->setData(SliceViewport::seriesMimeType(),
                      (e.studyUid + "\n" + e.seriesUid + "\n" + QString::number(e.stackIndex)).toUtf8());
        return data;
    }

private:
    const SeriesStrip& m_strip;
};

} // namespace

SeriesStrip::SeriesStrip(QWidget* parent)
    : QWidget(parent)
    , m_timelineList(new QListWidget)
    , m_list(new StripList(*this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_timelineList);
    layout->addWidget(m_list, 1);
    m_timelineList->setObjectName("study-timeline");
    m_timelineList->setFixedWidth(340);
    m_timelineList->setFixedHeight(96);
    connect(m_timelineList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { activateStudy(m_timelineList->row(item)); });
    m_timelineList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_timelineList, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const int row = m_timelineList->row(m_timelineList->itemAt(at));
        if (row < 0 || m_timeline[size_t(row)].studyUid == m_timelineOpen)
            return;
        QMenu menu;
        menu.addAction(tr("Open"), this, [this, row] { activateStudy(row); });
        menu.addAction(tr("Compare with the open study"), this, [this, row] { compareStudy(row); });
        menu.exec(m_timelineList->viewport()->mapToGlobal(at));
    });
    m_list->setObjectName("series-strip");
    m_list->setIconSize(QSize(64, 64));
    // A strip: entries side by side below the views, scrolled sideways.
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(false);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setFixedHeight(96);
    m_list->setDragEnabled(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { activate(item->data(kEntryRole).toInt()); });
}

void SeriesStrip::setEntries(const QString& studyUid, std::vector<StripEntry> entries)
{
    m_studyUid = studyUid;
    m_entries = std::move(entries);
    m_list->clear();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        auto* item = new QListWidgetItem(m_list);
        item->setData(kEntryRole, int(i));
        if (!m_entries[i].thumbnail.isNull())
            item->setIcon(QPixmap::fromImage(m_entries[i].thumbnail));
    }
    refreshTexts();
}

QString SeriesStrip::entryText(int index) const
{
    const StripEntry& e = entry(index);
    if (e.isObjects())
        return QString("%1  %2  %3 (%4)\n%5").arg(e.seriesNumber).arg(e.modality, e.description).arg(e.objects).arg(e.objectClass);
    QString text = QString("%1  %2  %3 (%4)").arg(e.seriesNumber).arg(e.modality, e.description).arg(e.images);
    if (e.stackCount > 1)
        text += QString(e.timePoint ? "\ntime %1/%2%3" : "\nstack %1/%2%3").arg(e.stackIndex + 1).arg(e.stackCount).arg(e.label.isEmpty() ? "" : ": " + e.label);
    for (size_t v = 0; v < m_shown.size(); ++v)
        if (m_shown[v].first == e.seriesUid && m_shown[v].second == e.stackIndex)
            text += QString("  [view %1]").arg(v + 1);
    return text;
}

void SeriesStrip::markShown(const std::vector<std::pair<QString, int>>& shown)
{
    m_shown = shown;
    refreshTexts();
}

void SeriesStrip::refreshTexts()
{
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setText(entryText(m_list->item(i)->data(kEntryRole).toInt()));
}

void SeriesStrip::setTimeline(std::vector<TimelineEntry> studies, const QString& openStudyUid)
{
    m_timelineOpen = openStudyUid;
    std::sort(studies.begin(), studies.end(), [](const TimelineEntry& a, const TimelineEntry& b) { return a.date > b.date; });
    m_timeline = std::move(studies);
    m_timelineList->clear();
    for (int i = 0; i < timelineCount(); ++i) {
        m_timelineList->addItem(timelineText(i));
        if (const TimelineEntry& t = m_timeline[size_t(i)]; !t.why.isEmpty())
            m_timelineList->item(i)->setToolTip(tr("Prior: %1%2").arg(t.why, t.node.isEmpty() ? QString() : tr("; on %1").arg(t.node)));
    }
}

QString SeriesStrip::timelineText(int index) const
{
    const TimelineEntry& t = m_timeline[size_t(index)];
    const QString date = t.date.size() == 8 ? t.date.left(4) + "-" + t.date.mid(4, 2) + "-" + t.date.right(2) : t.date;
    const QString mark = t.studyUid == m_timelineOpen ? "[open] " : t.defaultPrior ? "[prior] " : "";
    // Where it is before what it is: the column is narrow, and the description the least news.
    return QString("%1%2  %3  %4%5 (%6)")
        .arg(mark, date, QString(t.modalities).replace('\\', ", "), t.node.isEmpty() ? QString() : "on " + t.node + "  ", t.description)
        .arg(t.images);
}

void SeriesStrip::compareStudy(int index)
{
    if (index >= 0 && index < timelineCount() && m_timeline[size_t(index)].studyUid != m_timelineOpen)
        emit compareRequested(m_timeline[size_t(index)].studyUid);
}

void SeriesStrip::activateStudy(int index)
{
    if (index >= 0 && index < timelineCount() && m_timeline[size_t(index)].studyUid != m_timelineOpen)
        emit studyRequested(m_timeline[size_t(index)].studyUid);
}

void SeriesStrip::activate(int index)
{
    if (index < 0 || index >= entryCount())
        return;
    if (entry(index).isObjects())
        emit objectsRequested(entry(index));
    else
        emit openRequested(entry(index).seriesUid, entry(index).stackIndex);
}

} // namespace hf
