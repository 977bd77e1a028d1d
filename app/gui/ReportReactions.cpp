#include "ReportReactions.h"

#include "hf/dicomio/SrDocument.h"
#include "hf/viewer/ReportDisplay.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include "AnnotationController.h"
#include "StatusPanel.h"

#include <QAction>
#include <QTreeWidget>

namespace hf::gui {
namespace {

QTreeWidget* newList()
{
    auto* list = new QTreeWidget;
    list->setObjectName("report-list");
    return list;
}

// "Finding: Spinal cord", "Area of defined region = 1.7 cm2", "Image Region: CIRCLE, 2 points".
QString itemText(const SrItem& item)
{
    const QString concept = QString::fromStdString(item.concept.empty() ? item.valueType : item.concept);
    if (item.value.empty())
        return concept;
    return concept + (item.valueType == "NUM" ? " = " : ": ") + QString::fromStdString(item.value);
}

void addContent(QTreeWidgetItem& parent, const std::vector<SrItem>& items)
{
    for (const SrItem& item : items) {
        auto* row = new QTreeWidgetItem(&parent, {itemText(item)});
        row->setToolTip(0, QString::fromStdString(item.relationship + " " + item.valueType));
        addContent(*row, item.children);
    }
}

} // namespace

ReportReactions::ReportReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status,
                                 AnnotationController& annotations)
    : StudyObjectDock(window, cache, grid, loading, status, tr("Reports"), "reports", newList())
    , m_annotations(annotations)
{
    auto* copy = new QAction(tr("Copy to my annotations"), &listWidget());
    copy->setObjectName("copy-to-annotations");
    connect(copy, &QAction::triggered, this, &ReportReactions::copySelectedToAnnotations);
    listWidget().setContextMenuPolicy(Qt::ActionsContextMenu);
    listWidget().addAction(copy);
}

void ReportReactions::copySelectedToAnnotations()
{
    if (const auto entry = currentEntry())
        copyToAnnotations(QString::fromStdString(entry->first), entry->second);
}

void ReportReactions::copyToAnnotations(const QString& reportSopInstanceUid, int group)
{
    const std::string uid = reportSopInstanceUid.toStdString();
    SliceViewport* view = m_grid.activeView();
    if (!view || !view->volume())
        return;
    QString label;
    for (const auto& report : m_reports)
        if (report->sopInstanceUid == uid && group >= 0 && size_t(group) < report->groups.size()) {
            const SrMeasurementGroup& g = report->groups[size_t(group)];
            label = QString::fromStdString(!g.finding.empty() ? g.finding : g.trackingId);
        }
    const auto copies = view->reports().asAnnotations(uid, group);
    for (const ReportDisplay::AsAnnotation& a : copies)
        m_annotations.add(view->seriesUid(), a.kind, a.points, label);
    m_status.say(copies.empty() ? tr("Nothing to copy on this view: the measurement is on another image or plane")
                                : tr("Copied %1 region(s) to your annotations").arg(copies.size()));
}

void ReportReactions::request(const QString& studyUid)
{
    m_cache.reports(m_replyTo, studyUid, [this, studyUid](CacheTasks::Reports reports, QStringList errors) {
        if (studyUid == m_studyUid)
            m_reports = std::move(reports);
        received(studyUid, errors, tr("Report not shown: "));
    });
}

void ReportReactions::give(SliceViewport& view, bool ofStudy)
{
    view.reports().setReports(ofStudy ? m_reports : CacheTasks::Reports{});
}

void ReportReactions::setEntryVisible(SliceViewport& view, const std::string& reportUid, int group, bool visible)
{
    view.reports().setVisible(reportUid, group, visible);
}

void ReportReactions::list()
{
    for (const auto& report : m_reports) {
        QString title = QString::fromStdString(report->title.empty() ? "Structured report" : report->title);
        QStringList from;
        if (!report->manufacturer.empty())
            from << QString::fromStdString(report->manufacturer);
        if (report->contentDate.size() == 8)
            from << QString::fromStdString(report->contentDate.substr(0, 4) + "-" + report->contentDate.substr(4, 2) + "-" + report->contentDate.substr(6, 2));
        if (!from.isEmpty())
            title += tr(" from %1").arg(from.join(", "));
        QTreeWidgetItem* row = addObjectRow(title, QString::fromStdString(report->path));
        for (size_t g = 0; g < report->groups.size(); ++g) {
            const SrMeasurementGroup& group = report->groups[g];
            QString text = QString::fromStdString(!group.finding.empty() ? group.finding : group.trackingId);
            for (const std::string& v : group.values)
                text += (text.isEmpty() ? "" : "; ") + QString::fromStdString(v);
            if (group.regions.empty())
                text += tr(" (no region)");
            const bool visible = m_grid.viewCount() == 0 || m_grid.view(0)->reports().isVisible(report->sopInstanceUid, int(g));
            addEntryRow(*row, text, {110, 190, 255}, report->sopInstanceUid, int(g), visible);
        }
        auto* content = new QTreeWidgetItem(row, {tr("Document")});
        addContent(*content, report->content);
    }
}

} // namespace hf::gui
