#pragma once
// The Mask tool (issue 23): rectangles drawn over burned-in text on a series' images, outlined
// on every view of that series, and handed to File > Export, which blacks them out on every
// frame when the series' originals are exported de-identified. Kept for the window's life, not
// in the cache: they are an export setting, not a finding. GUI thread.
#include <QObject>
#include <QRect>
#include <QString>

#include <map>
#include <vector>

class QActionGroup;
class QMenu;
class QToolBar;

namespace hf {
class SliceViewport;
class ViewportGrid;
}

namespace hf::gui {

class StatusPanel;

class BurnedInMaskReactions : public QObject {
    Q_OBJECT
public:
    BurnedInMaskReactions(ViewportGrid& grid, StatusPanel& status, QObject* parent);

    // The tool, one of the annotation tools (checking another ends it).
    void addTool(QToolBar& bar, QActionGroup& tools);
    void addEditActions(QMenu& edit);
    std::vector<QRect> masksOf(const QString& seriesUid) const;
    // "X,Y,WIDTH,HEIGHT;..." as the export dialog and `export --mask` read them.
    QString masksText(const QString& seriesUid) const;

private:
    void showOnViewsOf(const QString& seriesUid);

    ViewportGrid& m_grid;
    StatusPanel& m_status;
    std::map<QString, std::vector<QRect>> m_masks;  // series -> rectangles in image pixels
};

} // namespace hf::gui
