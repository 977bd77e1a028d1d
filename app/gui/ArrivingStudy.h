#pragma once
// A study opened from a PACS list while it arrives: the first series with an image in the
// cache opens at once in the active view, and that view reloads the series as more of it is
// indexed (at most once a second, at the slice and stack shown), its corner saying how many
// of how many are here. The retrieval is told which series is on screen, so it comes first.
// GUI thread.
#include <QObject>
#include <QString>
#include <QTimer>

namespace hf {
class ViewportGrid;
}

namespace hf::gui {

class SeriesLoading;
class StatusPanel;
class TransferQueue;

class ArrivingStudy : public QObject {
    Q_OBJECT
public:
    ArrivingStudy(SeriesLoading& loading, ViewportGrid& grid, StatusPanel& status, TransferQueue& transfers, QObject* parent = nullptr);

    // A retrieval of the study begins; what the one before showed is forgotten.
    void begin(const QString& studyUid);
    // A batch of the study's instances was indexed.
    void arrived(const QString& studyUid, const QString& seriesUid, int inCache, int expected);
    // The retrieval ended: a last reload of the series shown. False when nothing was opened
    // while it arrived (the caller opens the study as usual).
    bool finished(const QString& studyUid);

private:
    void reload();
    void sayArrival();

    SeriesLoading& m_loading;
    ViewportGrid& m_grid;
    StatusPanel& m_status;
    TransferQueue& m_transfers;
    QString m_study, m_series;  // being retrieved; the series opened while it arrives
    int m_view = -1;            // where it was opened
    int m_inCache = 0, m_expected = 0, m_shown = 0;
    QTimer m_reload;
};

} // namespace hf::gui
