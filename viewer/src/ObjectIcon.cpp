#include "hf/viewer/ObjectIcon.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>

namespace hf {
namespace {

// One colour per kind, so a strip of reports, key images and segmentations reads at a glance.
QColor kindColour(const QString& kind)
{
    if (kind == "SR") return QColor(52, 101, 164);
    if (kind == "KO") return QColor(196, 160, 0);
    if (kind == "PR") return QColor(117, 80, 123);
    if (kind == "SEG") return QColor(78, 154, 6);
    if (kind.startsWith("RT")) return QColor(204, 0, 0);
    if (kind == "DOC") return QColor(85, 87, 83);
    if (kind == "WAVEFORM") return QColor(206, 92, 0);
    return QColor(46, 52, 54);
}

} // namespace

QImage objectIcon(const QString& kind, int size)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(QColor(20, 20, 20));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF tile(size * 0.08, size * 0.08, size * 0.84, size * 0.84);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kindColour(kind));
    painter.drawRoundedRect(tile, size * 0.1, size * 0.1);
    // A document's folded corner: these are objects, not pictures.
    const qreal fold = size * 0.22;
    painter.setBrush(QColor(255, 255, 255, 90));
    painter.drawPolygon(QPolygonF{QPointF(tile.right() - fold, tile.top()), QPointF(tile.right(), tile.top() + fold),
                                  QPointF(tile.right() - fold, tile.top() + fold)});
    QFont font = painter.font();
    font.setBold(true);
    // As large as fits the tile ("SR" big, "RTSTRUCT" smaller).
    for (int pixels = int(size * 0.26); pixels >= 6; --pixels) {
        font.setPixelSize(pixels);
        if (QFontMetrics(font).horizontalAdvance(kind) <= tile.width() * 0.9)
            break;
    }
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(tile, Qt::AlignCenter, kind);
    return image;
}

} // namespace hf
