#include "BurnedInMaskReactions.h"

#include "StatusPanel.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QStringList>
#include <QToolBar>

namespace hf::gui {

BurnedInMaskReactions::BurnedInMaskReactions(ViewportGrid& grid, StatusPanel& status, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_status(status)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i) {
        SliceViewport* view = m_grid.view(i);
        connect(view, &SliceViewport::maskDrawn, this, [this, view](const QRect& pixels) {
            const QString series = view->seriesUid();
            m_masks[series].push_back(pixels);
            showOnViewsOf(series);
            m_status.say(tr("Mask %1 over burned-in text: %2,%3 %4x%5 pixels, blacked out on every image when this series is "
                            "exported de-identified")
                             .arg(m_masks[series].size())
                             .arg(pixels.x())
                             .arg(pixels.y())
                             .arg(pixels.width())
                             .arg(pixels.height()));
        });
        // Another series in the view: its own masks (or none).
        connect(view, &SliceViewport::volumeChanged, this, [this, view] { view->setMaskRectangles(masksOf(view->seriesUid())); });
    }
}

void BurnedInMaskReactions::addTool(QToolBar& bar, QActionGroup& tools)
{
    QAction* mask = bar.addAction(tr("Mask"));
    mask->setCheckable(true);
    mask->setObjectName("tool-mask");
    mask->setToolTip(tr("Drag a rectangle over burned-in text: it is blacked out on every image when the series' originals are "
                        "exported de-identified"));
    tools.addAction(mask);
    connect(mask, &QAction::toggled, this, [this](bool on) {
        for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
            m_grid.view(i)->setMaskTool(on);
    });
}

void BurnedInMaskReactions::addEditActions(QMenu& edit)
{
    edit.addAction(tr("Clear burned-in text masks"), this, [this] {
        const QString series = m_grid.activeView()->seriesUid();
        m_masks.erase(series);
        showOnViewsOf(series);
        m_status.say(tr("No masks on this series"));
    });
}

std::vector<QRect> BurnedInMaskReactions::masksOf(const QString& seriesUid) const
{
    const auto it = m_masks.find(seriesUid);
    return it == m_masks.end() ? std::vector<QRect>{} : it->second;
}

QString BurnedInMaskReactions::masksText(const QString& seriesUid) const
{
    QStringList parts;
    for (const QRect& r : masksOf(seriesUid))
        parts << QString("%1,%2,%3,%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
    return parts.join(';');
}

void BurnedInMaskReactions::showOnViewsOf(const QString& seriesUid)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        if (m_grid.view(i)->seriesUid() == seriesUid)
            m_grid.view(i)->setMaskRectangles(masksOf(seriesUid));
}

} // namespace hf::gui
