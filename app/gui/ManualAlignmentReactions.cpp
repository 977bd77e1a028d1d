#include "ManualAlignmentReactions.h"

#include "RegistrationReactions.h"
#include "StatusPanel.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QMenu>

namespace hf::gui {
namespace {

constexpr char kAligned[] = "aligned manually";

} // namespace

ManualAlignmentReactions::ManualAlignmentReactions(ViewportGrid& grid, RegistrationReactions& registration, StatusPanel& status,
                                                   QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_registration(registration)
    , m_status(status)
{
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i)
        connect(m_grid.view(i), &SliceViewport::imageClicked, this, [this, i](int column, int row, int slice) {
            if (m_align && m_align->isChecked() && m_grid.view(i)->volume())
                landmark(i, m_grid.view(i)->volume()->geometry().toPatient(column, row, slice));
        });
}

void ManualAlignmentReactions::addViewActions(QMenu& view)
{
    m_align = view.addAction(tr("Align &manually (click a landmark in each study)"));
    m_align->setObjectName("align-manually");
    m_align->setCheckable(true);
    connect(m_align, &QAction::toggled, this, [this](bool on) {
        m_first.reset();
        if (on)
            m_status.say(tr("Align manually: click a landmark in one study's view, then the same landmark in the other's"));
    });
    QMenu* nudge = view.addMenu(tr("&Nudge alignment"));
    const struct {
        const char* text;
        Qt::Key key;
        Vec3 mm;
    } steps[] = {{"Right (1 mm)", Qt::Key_Left, {-1, 0, 0}},     {"Left (1 mm)", Qt::Key_Right, {1, 0, 0}},
                 {"Anterior (1 mm)", Qt::Key_Up, {0, -1, 0}},    {"Posterior (1 mm)", Qt::Key_Down, {0, 1, 0}},
                 {"Head (1 mm)", Qt::Key_PageUp, {0, 0, 1}},     {"Feet (1 mm)", Qt::Key_PageDown, {0, 0, -1}}};
    for (const auto& step : steps) {
        QAction* a = nudge->addAction(tr(step.text), this, [this, mm = step.mm] { this->nudge(mm); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | step.key));
    }
}

void ManualAlignmentReactions::landmark(int view, const Vec3& point)
{
    if (!m_first || m_first->first == view) {
        m_first = {view, point};
        m_status.say(tr("Landmark in view %1 at (%2, %3, %4) mm: now the same landmark in the other study's view")
                         .arg(view + 1)
                         .arg(point.x, 0, 'f', 1)
                         .arg(point.y, 0, 'f', 1)
                         .arg(point.z, 0, 'f', 1));
        return;
    }
    const auto [firstView, firstPoint] = *m_first;
    const SliceViewport& a = *m_grid.view(firstView);
    const SliceViewport& b = *m_grid.view(view);
    if (a.volume()->frameOfReferenceUid == b.volume()->frameOfReferenceUid) {
        m_status.say(tr("Both views show one frame of reference: they are aligned already"));
        return;
    }
    if (a.seriesInfo().patient.id != b.seriesInfo().patient.id) {
        m_status.say(tr("The views show two patients: not aligned"));
        m_first.reset();
        return;
    }
    const auto [fixed, moving] = RegistrationReactions::fixedAndMoving(a, firstView, b, view);
    const Vec3 atFixed = fixed == firstView ? firstPoint : point;
    const Vec3 atMoving = fixed == firstView ? point : firstPoint;
    // The rotation a registration found stays; the landmarks decide the shift.
    RigidTransform transform;
    if (const auto known = m_grid.frameLinks().find(m_grid.view(fixed)->volume()->frameOfReferenceUid,
                                                    m_grid.view(moving)->volume()->frameOfReferenceUid))
        transform.rotation = known->transform.rotation;
    transform.translation = {0, 0, 0};
    transform.translation = atMoving - transform.apply(atFixed);
    m_registration.setLink(fixed, moving, transform, kAligned);
    m_first.reset();
    m_align->setChecked(false);
    m_status.say(tr("Aligned manually: view %1's landmark on view %2's").arg(moving + 1).arg(fixed + 1));
}

void ManualAlignmentReactions::nudge(const Vec3& mm)
{
    const int active = m_grid.activeIndex();
    const auto link = m_registration.linkOf(active);
    if (!link) {
        m_status.say(tr("The active view is not linked to another study: nothing to nudge"));
        return;
    }
    const auto [fixed, moving] = RegistrationReactions::fixedAndMoving(*m_grid.view(active), active, *m_grid.view(link->otherView),
                                                                       link->otherView);
    RigidTransform transform =
        m_grid.frameLinks().find(m_grid.view(fixed)->volume()->frameOfReferenceUid, m_grid.view(moving)->volume()->frameOfReferenceUid)->transform;
    // The active study's anatomy taken as lying `mm` further: in the moving study, a fixed point
    // now matches T(p) + mm; in the fixed study, p matches what p - mm did: T(p) - R mm.
    const Vec3 turned = transform.apply(mm) - transform.translation;
    transform.translation = transform.translation + (active == moving ? mm : turned * -1.0);
    m_registration.setLink(fixed, moving, transform, kAligned);
}

} // namespace hf::gui
