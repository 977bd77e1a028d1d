#pragma once
// One MPR plane of a screenshot (its JSON): patient point <-> window pixel.
#include "ScreenshotRun.h"

#include "hf/dicomio/Vec3.h"

#include <cmath>

namespace hf::test {

struct MprPlaneOnScreen {
    QRect rect;
    double mm = 1;
    hf::Vec3 centre, right, up;

    MprPlaneOnScreen(const Shot& shot, const QString& name)
    {
        const QJsonObject mpr = shot.description["mpr"].toObject();
        const QJsonObject plane = mpr[name].toObject();
        const QJsonArray r = plane["rect"].toArray();
        rect = QRect(r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt());
        mm = plane["mm_per_pixel"].toDouble();
        auto vec = [](const QJsonArray& a) { return hf::Vec3{a[0].toDouble(), a[1].toDouble(), a[2].toDouble()}; };
        centre = vec(mpr["crosshair"].toArray());
        right = vec(plane["right"].toArray());
        up = vec(plane["up"].toArray());
    }
    QPoint pixelOf(const hf::Vec3& p) const
    {
        const hf::Vec3 d = p - centre;
        return QPoint(int(std::floor(rect.x() + rect.width() / 2.0 + d.dot(right) / mm)), int(std::floor(rect.y() + rect.height() / 2.0 - d.dot(up) / mm)));
    }
    // A view pixel of the JSON (y down from the view's top) back to the plane's patient point.
    hf::Vec3 patientOf(double x, double y) const { return centre + right * ((x - rect.width() / 2.0) * mm) + up * ((rect.height() / 2.0 - y) * mm); }
};

} // namespace hf::test
