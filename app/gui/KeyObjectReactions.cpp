#include "KeyObjectReactions.h"

#include "hf/dicomio/SrDocument.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QTreeWidget>

#include <map>

namespace hf::gui {
namespace {

QTreeWidget* newList()
{
    auto* list = new QTreeWidget;
    list->setObjectName("key-object-list");
    return list;
}

// The images a key object selection flags: its IMAGE items, in order.
std::vector<std::string> flaggedImages(const std::vector<SrItem>& items)
{
    std::vector<std::string> images;
    for (const SrItem& item : items) {
        if (item.valueType == "IMAGE" && !item.value.empty())
            images.push_back(item.value);
        const auto deeper = flaggedImages(item.children);
        images.insert(images.end(), deeper.begin(), deeper.end());
    }
    return images;
}

std::string titleOf(const SrDocument& selection)
{
    return selection.title.empty() ? "Key Object Selection" : selection.title;
}

} // namespace

KeyObjectReactions::KeyObjectReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status)
    : StudyObjectDock(window, cache, grid, loading, status, tr("Key images"), "key-objects", newList())
{
}

void KeyObjectReactions::request(const QString& studyUid)
{
    m_cache.keyObjects(m_replyTo, studyUid, [this, studyUid](CacheTasks::Reports selections, QStringList errors) {
        if (studyUid == m_studyUid)
            m_selections = std::move(selections);
        received(studyUid, errors, tr("Key object selection not shown: "));
    });
}

void KeyObjectReactions::give(SliceViewport& view, bool ofStudy)
{
    std::map<std::string, std::string> titles;
    if (ofStudy)
        for (const auto& selection : m_selections) {
            const auto images = flaggedImages(selection->content);
            for (size_t i = 0; i < images.size(); ++i)
                if (!m_unmarked.count({selection->sopInstanceUid, int(i)}))
                    titles.emplace(images[i], titleOf(*selection));
        }
    view.setKeyImageTitles(std::move(titles));
}

void KeyObjectReactions::setEntryVisible(SliceViewport& view, const std::string& selectionUid, int image, bool visible)
{
    if (visible)
        m_unmarked.erase({selectionUid, image});
    else
        m_unmarked.insert({selectionUid, image});
    give(view, view.studyUid() == m_studyUid);
}

void KeyObjectReactions::list()
{
    for (const auto& selection : m_selections) {
        const auto images = flaggedImages(selection->content);
        QString title = QString::fromStdString(titleOf(*selection)) + tr(" (%1 images)").arg(images.size());
        if (!selection->manufacturer.empty())
            title += tr(" from %1").arg(QString::fromStdString(selection->manufacturer));
        QTreeWidgetItem* row = addObjectRow(title, QString::fromStdString(selection->path));
        for (size_t i = 0; i < images.size(); ++i)
            addEntryRow(*row, QString::fromStdString(images[i]), {196, 160, 0}, selection->sopInstanceUid, int(i),
                        !m_unmarked.count({selection->sopInstanceUid, int(i)}));
    }
}

} // namespace hf::gui
