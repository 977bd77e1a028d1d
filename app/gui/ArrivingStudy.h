#pragma once
// A study opened from a PACS list while it arrives: the first series with an image in the
// cache opens at once in the active view, and that view reloads the series as more of it is
// indexed (at most once a second, at the slice and stack shown), its corner saying how many
// of how many are here. The archive's list of that series' instances (asked once, off the GUI
// thread) puts the slices still to come in their places, drawn as such. The retrieval is told
// which series is on screen, so it comes first. GUI thread.
#include "hf/dicomio/ArrivalPlaceholders.h"
#include "hf/dicomio/net/PacsNode.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>
#include <vector>

namespace hf {
class SliceViewport;
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

    // A retrieval of the study from `node` begins; what the one before showed is forgotten.
    void begin(const PacsNode& node, const QString& studyUid);
    // A batch of the study's instances was indexed.
    void arrived(const QString& studyUid, const QString& seriesUid, int inCache, int expected);
    // The retrieval ended: a last reload of the series shown. False when nothing was opened
    // while it arrived (the caller opens the study as usual).
    bool finished(const QString& studyUid);

private:
    void reload();
    void sayArrival();
    void askForInstanceList();
    // Where the image `view` shows will be once the stack has all of the listed places.
    std::optional<int> placeInWholeStack(const SliceViewport& view) const;

    SeriesLoading& m_loading;
    ViewportGrid& m_grid;
    StatusPanel& m_status;
    TransferQueue& m_transfers;
    PacsNode m_node;
    QString m_study, m_series;  // being retrieved; the series opened while it arrives
    std::vector<ExpectedInstance> m_listed;  // the series' instances as the archive listed them
    bool m_listedUnused = false;             // listed, no reload has used it yet
    int m_view = -1;            // where it was opened
    int m_inCache = 0, m_expected = 0, m_shown = 0;
    QTimer m_reload;
};

} // namespace hf::gui
