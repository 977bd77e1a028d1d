#include "SliceRenderer.h"

#include "hf/annotations/Geometry.h"
#include "hf/dicomio/SlicePlane.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace hf::exporting {
namespace {

// Every point within half a slice spacing of the slice's plane.
bool inSlicePlane(const Annotation& a, const StackGeometry& g, int slice)
{
    const SlicePlane plane = SlicePlane::of(g, slice);
    const double half = std::max(0.5 * g.sliceSpacing, 1e-3);
    return std::all_of(a.points.begin(), a.points.end(), [&](const Vec3& p) { return std::abs((p - plane.origin).dot(plane.normal)) <= half; });
}

} // namespace

void chooseWindow(const Volume& volume, int slice, const ExportRequest& request, double& center, double& width)
{
    if (request.windowCenter && request.windowWidth) {
        center = *request.windowCenter;
        width = *request.windowWidth;
    } else if (isColour(volume.type())) {  // as the view first shows it: every value of every channel
        const VolumeStatistics s = computeStatistics(volume);
        center = (s.min + s.max) / 2;
        width = std::max(1.0, s.max - s.min);
    } else if (!volume.windows.empty()) {
        center = volume.windows.front().center;
        width = volume.windows.front().width;
    } else {
        const WindowPreset w = autoWindow(volume, slice);
        center = w.center;
        width = w.width;
    }
}

QImage renderSlice(const Volume& volume, int slice, const std::vector<MeasuredAnnotation>& annotations, const RenderOptions& o)
{
    const StackGeometry& g = volume.geometry();
    QImage native(g.columns, g.rows, QImage::Format_RGB32);
    const bool inverted = volume.photometric == Photometric::Monochrome1;
    const double low = o.windowCenter - o.windowWidth / 2, width = std::max(1e-3, o.windowWidth);
    const auto* rgb = reinterpret_cast<const std::uint8_t*>(volume.data() + size_t(slice) * volume.sliceBytes());
    for (int j = 0; j < g.rows; ++j) {
        auto* line = reinterpret_cast<QRgb*>(native.scanLine(j));
        for (int i = 0; i < g.columns; ++i) {
            if (volume.type() == VoxelType::Rgb8) {
                const size_t p = (size_t(j) * size_t(g.columns) + size_t(i)) * 3;
                line[i] = qRgb(rgb[p], rgb[p + 1], rgb[p + 2]);
                continue;
            }
            if (isColour(volume.type())) {  // deeper colour: each channel through the window
                int channel[3];
                for (int c = 0; c < 3; ++c)
                    channel[c] = int(std::lround(std::clamp((volume.componentAt(i, j, slice, c) - low) / width, 0.0, 1.0) * 255));
                line[i] = qRgb(channel[0], channel[1], channel[2]);
                continue;
            }
            // Linear window as the view's (VTK's) mapping: low -> 0, low + width -> 255.
            double v = std::clamp((volume.valueAt(i, j, slice) - low) / width, 0.0, 1.0);
            if (inverted)
                v = 1.0 - v;
            const int grey = int(std::lround(v * 255));
            line[i] = qRgb(grey, grey, grey);
        }
    }
    // The region shown (the whole slice, or what a zoomed view shows), black outside the image.
    const QRectF region = o.region && o.region->isValid() ? *o.region : QRectF(-0.5, -0.5, g.columns, g.rows);
    if (o.region && o.region->isValid()) {
        QImage cropped(int(std::ceil(region.width())), int(std::ceil(region.height())), QImage::Format_RGB32);
        cropped.fill(Qt::black);
        QPainter copy(&cropped);
        copy.drawImage(QPointF(-0.5 - region.left(), -0.5 - region.top()), native);
        copy.end();
        native = cropped;
    }
    // True aspect: the finer spacing is one picture pixel at natural size.
    const double finer = std::min(g.columnSpacing, g.rowSpacing);
    QSizeF natural(region.width() * g.columnSpacing / finer, region.height() * g.rowSpacing / finer);
    QSize target = natural.toSize();
    if (o.size.isValid() && !o.size.isEmpty())
        target = natural.scaled(QSizeF(o.size), Qt::KeepAspectRatio).toSize();
    target = target.expandedTo(QSize(1, 1));
    QImage picture = native.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    const double sx = double(target.width()) / region.width(), sy = double(target.height()) / region.height();
    auto toPicture = [&](const Vec3& p) {
        const Vec3 index = g.toIndex(p);
        return QPointF((index.x - region.left()) * sx, (index.y - region.top()) * sy);
    };
    QFont font = painter.font();
    font.setPixelSize(std::max(10, target.height() / 40));
    painter.setFont(font);
    if (o.annotations) {
        painter.setPen(QPen(QColor(120, 255, 120), std::max(1.5, target.height() / 300.0)));
        for (const auto& m : annotations) {
            const Annotation& a = m.annotation;
            if (a.deleted || m.measurement.slice != slice || a.points.empty())
                continue;
            if ((a.plane || a.kind == AnnotationKind::Path) && !inSlicePlane(a, g, slice))
                continue;  // drawn on another plane, or through the volume: not on this image
            std::vector<QPointF> p;
            for (const Vec3& point : a.points)
                p.push_back(toPicture(point));
            switch (a.kind) {
            case AnnotationKind::Ellipse: painter.drawEllipse(QRectF(p[0], p[1]).normalized()); break;
            case AnnotationKind::Sphere:  // its cut through this slice
                if (const SlicePlane plane = SlicePlane::of(g, slice); const auto cut = sphereCut(a.points[0], a.points[1], plane.origin, plane.rowDirection, plane.columnDirection))
                    painter.drawEllipse(QRectF(toPicture((*cut)[0]), toPicture((*cut)[1])).normalized());
                break;
            case AnnotationKind::Rectangle: painter.drawRect(QRectF(p[0], p[1]).normalized()); break;
            case AnnotationKind::Polygon:
            case AnnotationKind::Freehand: painter.drawPolygon(p.data(), int(p.size())); break;
            case AnnotationKind::CobbAngle:
                painter.drawLine(p[0], p[1]);
                painter.drawLine(p[2], p[3]);
                break;
            case AnnotationKind::Point:
            case AnnotationKind::Text:
                painter.drawLine(p[0] - QPointF(5, 0), p[0] + QPointF(5, 0));
                painter.drawLine(p[0] - QPointF(0, 5), p[0] + QPointF(0, 5));
                break;
            case AnnotationKind::Arrow: {
                painter.drawLine(p[0], p[1]);
                const QPointF d = p[1] - p[0];
                const double length = std::hypot(d.x(), d.y());
                if (length > 0) {
                    const QPointF u = d / length, n(-u.y(), u.x());
                    const double head = std::min(length / 3, 12.0);
                    painter.drawLine(p[1], p[1] - head * u + 0.5 * head * n);
                    painter.drawLine(p[1], p[1] - head * u - 0.5 * head * n);
                }
                break;
            }
            default: painter.drawPolyline(p.data(), int(p.size())); break;
            }
            const QString label = a.kind == AnnotationKind::Text ? QString::fromStdString(a.label)
                                                                 : QString::fromStdString(m.measurement.summary());
            QPointF anchor = p[0];
            for (const QPointF& q : p)
                if (q.x() > anchor.x())
                    anchor = q;
            painter.drawText(anchor + QPointF(6, -4), label);
        }
    }
    if (!o.cornerText.isEmpty()) {
        painter.setPen(QColor(240, 230, 140));
        const int lineHeight = painter.fontMetrics().height();
        for (int n = 0; n < o.cornerText.size(); ++n)
            painter.drawText(QPointF(4, 4 + lineHeight * (n + 1) - painter.fontMetrics().descent()), o.cornerText[n]);
    }
    return picture;
}

} // namespace hf::exporting
