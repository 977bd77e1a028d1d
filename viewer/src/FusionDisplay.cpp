#include "hf/viewer/FusionDisplay.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <cmath>
#include <cstdio>

namespace hf {
namespace {

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

std::string unitsOf(const Volume& overlay)
{
    if (overlay.suv.ok)
        return overlay.suv.kind;
    return overlay.petValues ? "Bq/mL" : "";
}

} // namespace

FusionDisplay::FusionDisplay(SliceScene& scene)
    : m_scene(scene)
{
}

void FusionDisplay::setOverlay(std::shared_ptr<const Volume> overlay, std::string seriesUid, std::string label, FusionLook look)
{
    m_overlay = std::move(overlay);
    m_seriesUid = m_overlay ? std::move(seriesUid) : std::string();
    m_label = m_overlay ? std::move(label) : std::string();
    m_look = std::move(look);
    refresh();
}

void FusionDisplay::clear()
{
    m_toOverlay.reset();
    setOverlay(nullptr, {}, {}, {});
}

void FusionDisplay::setRegistration(std::optional<RigidTransform> toOverlay)
{
    m_toOverlay = std::move(toOverlay);
    refresh();
}

SlicePlane movedPlane(const SlicePlane& plane, const RigidTransform& t)
{
    SlicePlane out = plane;
    const RigidTransform turn{t.rotation, {}};
    out.origin = t.apply(plane.origin);
    out.rowDirection = turn.apply(plane.rowDirection);
    out.columnDirection = turn.apply(plane.columnDirection);
    out.normal = turn.apply(plane.normal);
    return out;
}

void FusionDisplay::setLook(FusionLook look)
{
    m_look = std::move(look);
    refresh();
}

std::string FusionDisplay::cornerLine() const
{
    if (!m_overlay)
        return {};
    const std::string units = unitsOf(*m_overlay);
    std::string line = "Fused: " + m_label + " (" + m_look.table.name() + " " + std::to_string(int(std::lround(m_look.opacity * 100))) + "%, " +
                       (units.empty() ? "" : units + " ") + number(m_look.lower) + "-" + number(m_look.upper) + ")";
    if (!m_problem.empty())
        line += ": not shown, " + m_problem;
    else if (m_toOverlay && m_overlay->frameOfReferenceUid != (m_scene.volume() ? m_scene.volume()->frameOfReferenceUid : std::string()))
        line += ", registered";
    return line;
}

std::optional<std::string> fusedValueText(const Volume& overlay, const Vec3& lps)
{
    const auto value = fusedValueAt(overlay, lps);
    if (!value)
        return std::nullopt;
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", *value);
    const std::string units = unitsOf(overlay);
    return units.empty() ? std::string(text) : units + " " + text;
}

std::optional<std::string> FusionDisplay::valueText(const Vec3& lps) const
{
    if (!m_drawn)
        return std::nullopt;
    return fusedValueText(*m_overlay, m_toOverlay && m_overlay->frameOfReferenceUid != m_scene.volume()->frameOfReferenceUid ? m_toOverlay->apply(lps) : lps);
}

void FusionDisplay::refresh()
{
    m_drawn = false;
    m_problem.clear();
    const Volume* base = m_scene.volume();
    if (!m_overlay || !base || !m_scene.hasVolume()) {
        m_scene.setLabelLayer(kLayer, {});
        return;
    }
    // Without a shared Frame of Reference, the same coordinates are not the same place: only a
    // registration says where the view's plane lies in the overlay.
    const bool sameFrame = !m_overlay->frameOfReferenceUid.empty() && m_overlay->frameOfReferenceUid == base->frameOfReferenceUid;
    if ((!sameFrame && !m_toOverlay) || !base->hasPatientGeometry || !m_overlay->hasPatientGeometry) {
        m_problem = "another Frame of Reference";
        m_scene.setLabelLayer(kLayer, {});
        return;
    }
    m_scene.setLabelLayer(kLayer, fusionLayer(*m_overlay, sameFrame ? m_scene.plane() : movedPlane(m_scene.plane(), *m_toOverlay), m_look));
    m_drawn = true;
}

} // namespace hf
