#include "hf/viewer/CprWidget.h"

#include "hf/dicomio/CurvedReformat.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeSampling.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/ReformatScene.h"
#include "hf/rendering/SliceOverlay.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/ReformatView.h"

#include <QHBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hf {
namespace {

bool samePoints(const std::vector<Vec3>& a, const std::vector<Vec3>& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t n = 0; n < a.size(); ++n)
        if ((a[n] - b[n]).norm() > 1e-9)
            return false;
    return true;
}

} // namespace

CprWidget::CprWidget(QWidget* parent)
    : QWidget(parent)
    , m_scene(std::make_unique<MprScene>())
    , m_straightened(new ReformatView)
    , m_stretched(new ReformatView)
    , m_section(new MprViewport(*m_scene, MprPlane::Axial))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_straightened, 1);
    layout->addWidget(m_stretched, 1);
    layout->addWidget(m_section, 1);
    for (ReformatView* view : {m_straightened, m_stretched}) {
        connect(view, &ReformatView::rowPicked, this, [this, view](double row) {
            if (!m_path)
                return;
            if (view == m_straightened)
                setStation(row * smallestSpacing(*m_volume));
            else if (!m_stretchedArc.empty())
                setStation(m_stretchedArc[size_t(std::clamp(int(std::lround(row)), 0, int(m_stretchedArc.size()) - 1))]);
        });
        connect(view, &ReformatView::stepped, this, [this](int notches) { setStation(m_station + notches * (m_volume ? smallestSpacing(*m_volume) : 1.0)); });
        connect(view, &ReformatView::turned, this, [this](double degrees) { setDegrees(m_degrees + degrees); });
        connect(view, &ReformatView::windowed, this, [this](double dc, double dw) {
            const double unit = std::max(1.0, m_width) / 256.0;
            setWindow(m_center + dc * unit, std::max(1.0, m_width + dw * unit));
        });
    }
    // A drag along either reformat with the Length tool: the path's stretch between, as a path
    // of its own (measured along the curve).
    connect(m_straightened, &ReformatView::spanPicked, this, [this](double a, double b) {
        if (m_path && m_volume)
            emit annotationDrawn(AnnotationKind::Path, pathBetween(a * smallestSpacing(*m_volume), b * smallestSpacing(*m_volume)), {});
    });
    connect(m_stretched, &ReformatView::spanPicked, this, [this](double a, double b) {
        if (!m_path || m_stretchedArc.empty())
            return;
        auto arc = [this](double row) { return m_stretchedArc[size_t(std::clamp(int(std::lround(row)), 0, int(m_stretchedArc.size()) - 1))]; };
        emit annotationDrawn(AnnotationKind::Path, pathBetween(arc(a), arc(b)), {});
    });
    connect(m_section, &MprViewport::changed, this, [this] { m_section->refresh(); });
    connect(m_section, &MprViewport::annotationDrawn, this, &CprWidget::annotationDrawn);
    connect(m_section, &MprViewport::annotationEdited, this, &CprWidget::annotationEdited);
    connect(m_section, &MprViewport::annotationDeleteRequested, this, &CprWidget::annotationDeleteRequested);
}

CprWidget::~CprWidget() = default;

const Volume* CprWidget::volume() const { return m_volume.get(); }

void CprWidget::setVolume(std::shared_ptr<const Volume> volume)
{
    if (volume == m_volume)
        return;
    m_volume = std::move(volume);
    m_scene->setVolume(m_volume);
    if (m_volume) {
        // The cross-section shows about the reformats' width, not the whole volume.
        const StackGeometry& g = m_volume->geometry();
        const double extent = std::max({g.columns * g.columnSpacing, g.rows * g.rowSpacing, g.slices * std::abs(g.sliceSpacing)});
        m_scene->setZoom(MprPlane::Axial, std::max(1.0, extent / m_reformatWidth));
    }
    if (m_volume && !m_volume->windows.empty())
        setWindow(m_volume->windows.front().center, m_volume->windows.front().width);
    reformat();
}

void CprWidget::setPath(const std::vector<Vec3>& points, const std::string& annotationId)
{
    const bool same = !annotationId.empty() && annotationId == m_pathId && m_path;
    if (points.empty())
        m_path.reset();
    else
        m_path.emplace(points);
    m_pathId = m_path ? annotationId : std::string();
    // The same path edited keeps its station (where it still reaches); another starts halfway.
    m_station = !m_path ? 0 : same ? std::min(m_station, m_path->length()) : m_path->length() / 2;
    reformat();
}

std::vector<Vec3> CprWidget::pathBetween(double from, double to) const
{
    std::vector<Vec3> points;
    if (!m_path)
        return points;
    const double a = std::clamp(std::min(from, to), 0.0, m_path->length()), b = std::clamp(std::max(from, to), 0.0, m_path->length());
    const int steps = std::max(1, int(std::ceil((b - a) / 2.0)));  // a point every 2 mm or less
    for (int n = 0; n <= steps; ++n)
        points.push_back(m_path->at(a + (b - a) * n / steps).position);
    return points;
}

void CprWidget::setWindow(double center, double width)
{
    m_center = center;
    m_width = std::max(width, 1.0);
    m_straightened->scene().setWindow(m_center, m_width);
    m_stretched->scene().setWindow(m_center, m_width);
    if (m_scene->volume())
        m_scene->setWindow(m_center, m_width);
    describe();
}

void CprWidget::setDegrees(double degrees)
{
    m_degrees = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
    reformat();
}

void CprWidget::setStation(double arcLength)
{
    m_station = m_path ? std::clamp(arcLength, 0.0, m_path->length()) : 0;
    placeStation();
}

AnnotationPlane CprWidget::crossSectionPlane() const
{
    AnnotationPlane p;
    if (!m_path)
        return p;
    const CurvedPath::Station s = m_path->at(m_station, m_degrees);
    p.origin = s.position;
    p.row = s.normal;
    p.column = s.binormal;
    return p;
}

void CprWidget::setTool(std::optional<AnnotationKind> tool)
{
    m_section->setTool(tool == AnnotationKind::Path ? std::nullopt : tool);
    m_straightened->setSpanTool(tool == AnnotationKind::Length);
    m_stretched->setSpanTool(tool == AnnotationKind::Length);
}

void CprWidget::setAnnotations(const std::vector<ViewAnnotation>& annotations)
{
    m_section->setAnnotations(annotations);
    // The path shown was edited (its handles dragged in another view): follow it.
    for (const ViewAnnotation& a : annotations)
        if (!m_pathId.empty() && a.annotation.id == m_pathId && !a.annotation.deleted && m_path &&
            !samePoints(a.annotation.points, m_path->points())) {
            try {
                setPath(a.annotation.points, m_pathId);
            } catch (const std::invalid_argument&) {
                // Not a curve any more: the reformat stays as it was.
            }
        }
}

void CprWidget::reformat()
{
    m_problem.clear();
    if (m_volume && m_path) {
        try {
            m_straightened->scene().setImage(straightenedReformat(*m_volume, *m_path, m_reformatWidth, m_degrees));
            const ReformatImage stretched = stretchedReformat(*m_volume, *m_path, m_reformatWidth, m_degrees);
            m_stretchedArc = stretched.rowArcLength;
            m_stretched->scene().setImage(stretched);
        } catch (const std::invalid_argument& e) {
            // A path too long for its spacing: said in the corner, nothing drawn.
            m_problem = std::string("No reformat: ") + e.what();
            m_straightened->scene().setImage(ReformatImage{});
            m_stretched->scene().setImage(ReformatImage{});
            m_stretchedArc.clear();
        }
        m_straightened->scene().setWindow(m_center, m_width);
        m_stretched->scene().setWindow(m_center, m_width);
    } else {
        m_straightened->scene().setImage(ReformatImage{});
        m_stretched->scene().setImage(ReformatImage{});
        m_stretchedArc.clear();
    }
    placeStation();
}

void CprWidget::placeStation()
{
    if (m_volume && m_path) {
        const double step = smallestSpacing(*m_volume);
        m_straightened->scene().setMarkedRow(m_station / step);
        // The stretched image's row nearest the station.
        const auto it = std::lower_bound(m_stretchedArc.begin(), m_stretchedArc.end(), m_station);
        m_stretched->scene().setMarkedRow(it == m_stretchedArc.end() ? double(m_stretchedArc.size()) - 1 : double(it - m_stretchedArc.begin()));
        const AnnotationPlane plane = crossSectionPlane();
        m_scene->showPlane(MprPlane::Axial, plane.row, plane.column, plane.origin);
        m_scene->setWindow(m_center, m_width);
    }
    describe();
}

void CprWidget::describe()
{
    const bool shown = m_volume && m_path;
    auto text = [](double v, const char* unit) { return QString("%1 %2").arg(v, 0, 'f', 1).arg(unit).toStdString(); };
    if (shown) {
        const std::string window = QString("W %1 L %2").arg(m_width, 0, 'f', 0).arg(m_center, 0, 'f', 0).toStdString();
        m_straightened->overlay().setCornerLines(SliceOverlay::BottomLeft,
                                                 {"Straightened", "Path " + text(m_path->length(), "mm"), "Turned " + text(m_degrees, "deg")});
        m_stretched->overlay().setCornerLines(SliceOverlay::BottomLeft, {"Stretched", "Turned " + text(m_degrees, "deg")});
        for (ReformatView* v : {m_straightened, m_stretched}) {
            v->overlay().setCornerLines(SliceOverlay::TopLeft, {"At " + text(m_station, "mm") + " of " + text(m_path->length(), "mm")});
            v->overlay().setCornerLines(SliceOverlay::BottomRight, {window});
        }
    }
    if (!m_problem.empty())
        m_section->setTitle({m_problem});
    else if (shown)
        m_section->setTitle({"Cross-section", "At " + text(m_station, "mm"), "Turned " + text(m_degrees, "deg")});
    m_straightened->refresh();
    m_stretched->refresh();
    m_section->refresh();
}

void CprWidget::renderAll()
{
    m_straightened->renderNow();
    m_stretched->renderNow();
    m_section->renderNow();
}

} // namespace hf
