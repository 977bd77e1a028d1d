#pragma once
// The open study's series strip (below the views): one entry per stack of every series (several per series when
// it has echoes, b-values, time points...), with a thumbnail, series number, modality,
// description, image count and what tells the stack apart, in series order. The stacks the
// views show are marked with the view's number. Double click (or Enter) opens an entry in the
// active view; dragging one onto a view opens it there. Beside it, the patient's other studies
// in the cache (a timeline, newest first) open with a double click. GUI thread.
#include <QImage>
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QListWidget;
class QListWidgetItem;

namespace hf {

// Another study of the same patient, for the timeline beside the strip.
struct TimelineEntry {
    QString studyUid, date, modalities, description;
    long long images = 0;
    QString node;               // only on this PACS node, not in the cache (empty: in the cache)
    bool defaultPrior = false;  // the prior the protocols compare with
    QString why;                // a prior's relevance ("same modality and body part")
};

struct StripEntry {
    QString studyUid, seriesUid;
    int stackIndex = 0, stackCount = 1;
    bool timePoint = false;  // the stacks are a 4D series' time points
    int seriesNumber = 0, images = 0;
    QString modality, description, label;
    QImage thumbnail;
    // A series of objects with no image (SR, PR, KO, SEG, RT...): how many, their kind ("SR") and
    // SOP class name; such an entry shows its kind's icon and opens nothing in a view.
    int objects = 0;
    QString objectKind, objectClass;
    bool isObjects() const { return !objectKind.isEmpty(); }
};

class SeriesStrip : public QWidget {
    Q_OBJECT
public:
    explicit SeriesStrip(QWidget* parent = nullptr);

    void setEntries(const QString& studyUid, std::vector<StripEntry> entries);
    const QString& studyUid() const { return m_studyUid; }
    int entryCount() const { return int(m_entries.size()); }
    const StripEntry& entry(int index) const { return m_entries[size_t(index)]; }
    QString entryText(int index) const;
    // shown[v]: the (series, stack) view v shows; those entries get "[view v+1]".
    void markShown(const std::vector<std::pair<QString, int>>& shown);
    // As a double click on the entry.
    void activate(int index);
    // The patient's studies (in the cache, and priors on a PACS node), newest first; the open
    // one (openStudyUid) is marked, whichever of the strip's two answers comes first.
    void setTimeline(std::vector<TimelineEntry> studies, const QString& openStudyUid);
    int timelineCount() const { return int(m_timeline.size()); }
    const TimelineEntry& timelineEntry(int index) const { return m_timeline[size_t(index)]; }
    QString timelineText(int index) const;
    // As a double click on a study of the timeline.
    void activateStudy(int index);
    // As its context menu's "Compare with the open study".
    void compareStudy(int index);

signals:
    void openRequested(const QString& seriesUid, int stackIndex);
    // An entry of objects with no image was activated (the owner says what it is).
    void objectsRequested(const hf::StripEntry& entry);
    void studyRequested(const QString& studyUid);
    // The reader wants this study beside the open one (current vs prior).
    void compareRequested(const QString& studyUid);

private:
    void refreshTexts();

    QListWidget* m_timelineList;
    QListWidget* m_list;
    std::vector<TimelineEntry> m_timeline;
    QString m_timelineOpen;
    QString m_studyUid;
    std::vector<StripEntry> m_entries;
    std::vector<std::pair<QString, int>> m_shown;
};

} // namespace hf
