#include "SuvKindReactions.h"

#include "AnnotationController.h"
#include "StatusPanel.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

namespace hf::gui {
namespace {

QString names(int kind) { return kind == 1 ? "SUVlbm" : kind == 2 ? "SUVbsa" : "SUVbw"; }

} // namespace

SuvKindReactions::SuvKindReactions(ViewportGrid& grid, AnnotationController& annotations, StatusPanel& status, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_annotations(annotations)
    , m_status(status)
{
}

void SuvKindReactions::addViewActions(QMenu& view)
{
    QMenu* menu = view.addMenu(tr("SUV"));
    auto* group = new QActionGroup(menu);
    const char* names[] = {"SUV body weight (SUVbw)", "SUV lean body mass (SUVlbm)", "SUV body surface area (SUVbsa)"};
    for (int kind = 0; kind < 3; ++kind) {
        QAction* action = menu->addAction(tr(names[kind]), this, [this, kind] { setKind(kind); });
        action->setCheckable(true);
        action->setChecked(kind == m_kind);
        action->setObjectName(QString("suv-kind-%1").arg(kind));
        group->addAction(action);
    }
}

void SuvKindReactions::setKind(int kind)
{
    if (kind < 0 || kind > 2)
        return;
    m_kind = kind;
    QString said;
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        SliceViewport* view = m_grid.view(i);
        if (const auto& shown = view->volume(); shown && shown->petValues && shown->suvKinds[size_t(kind)].kind != shown->suv.kind) {
            auto other = shown->withSuvKind(SuvKind(kind));
            if (view->replaceVolume(other, view->stackPosition()))
                m_annotations.openSeries(view->studyUid(), view->seriesUid(), other);  // measured again in that kind
            view->refresh();  // the corner names the kind
            if (!other->suv.ok)
                said = tr("%1 cannot be computed: %2").arg(names(kind), QString::fromStdString(other->suv.reason));
        }
        FusionDisplay& fusion = view->fusion();
        if (const auto& overlay = fusion.overlay(); overlay && overlay->petValues) {
            fusion.setOverlay(overlay->withSuvKind(SuvKind(kind)), fusion.seriesUid(), fusion.label(), fusion.look());
            view->refresh();
        }
    }
    m_status.say(said.isEmpty() ? tr("PET values in %1").arg(names(kind)) : said);
}

} // namespace hf::gui
