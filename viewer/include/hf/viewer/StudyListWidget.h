#pragma once
// The study list: a quick search box (name, ID, accession), modality and date filters, the
// sortable table of studies and the selected study's series. It never touches the cache
// itself: it asks (signals) and is told (setStudies/setSeries), so the owner can run the
// queries off the GUI thread. Keyboard: type to search, arrows to move, Enter opens (a study through its hanging
// protocol, a series alone), Delete
// asks to remove; a series dragged onto a view opens there. GUI thread only.
#include "hf/annotations/StudyIndex.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QMimeData;
class QSortFilterProxyModel;
class QTableView;

namespace hf {

class StudyListModel;

class StudyListWidget : public QWidget {
    Q_OBJECT
public:
    explicit StudyListWidget(QWidget* parent = nullptr);

    StudyFilter filter() const;
    // Where the list looks: the local cache ("") or a PACS node by name. Remote studies are
    // retrieved (Enter, double click, context menu) instead of opened.
    void setSources(const QStringList& nodeNames);
    QString source() const;
    void setSource(const QString& nodeName);
    void setStudies(std::vector<StudyRow> rows);
    void setSeries(const QString& studyUid, const std::vector<SeriesRow>& series);
    void setSeriesThumbnail(const QString& seriesUid, const QImage& image);
    QString selectedStudyUid() const;
    StudyListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // What dragging a series carries (SliceViewport::seriesMimeType()); views accept it.
    // stack: 0-based, -1 for the series' first (or only) one.
    static QMimeData* seriesMimeData(const QString& studyUid, const QString& seriesUid, int stack = -1);

signals:
    void filterChanged(const hf::StudyFilter& filter);
    void studySelected(const QString& studyUid);
    // seriesUid empty: the study's first series. inNewWindow: beside what is open (Shift+Enter,
    // or the context menu), so several studies or series can be read side by side.
    // stack: which stack of a series of several (0-based; -1: the first).
    void openSeriesRequested(const QString& studyUid, const QString& seriesUid, bool inNewWindow, int stack = -1);
    // Enter or a double click on a local study: open it through its hanging protocol.
    void openStudyRequested(const QString& studyUid);
    void removeStudyRequested(const QString& studyUid);
    // A local series of objects with no image (SR, PR, KO, SEG...) was activated: what it is.
    void objectsActivated(const QString& description);
    // A remote study (seriesUid empty) or series to bring into the cache; open when it is there.
    void retrieveRequested(const QString& nodeName, const QString& studyUid, const QString& seriesUid);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void openSelected(bool inNewWindow);
    // Enter or a double click on the table: a local study hangs by its protocol, a remote one
    // is retrieved, Shift opens its first series in a new window.
    void openSelectedStudy(bool inNewWindow);
    void startSeriesDrag();

    QComboBox* m_source;
    QLineEdit* m_search;
    QComboBox* m_modality;
    QLineEdit* m_from;
    QLineEdit* m_to;
    StudyListModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_table;
    QListWidget* m_series;
    QString m_seriesStudy;
    QPoint m_seriesPress;
};

} // namespace hf
