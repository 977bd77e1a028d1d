#pragma once
// The GUI's annotation service: every read and write of annotations, tags, key images and notes
// runs on one background thread (in order) against the local cache, with the same code as
// hounsfield-cli (makeAnnotation, measure, AnnotationStore, AnnotationHistory, StudyTags).
// Results come back as signals on the GUI thread once committed: what the views show as saved
// is on disk. The GUI thread never waits on the database.
#include "hf/annotations/Annotation.h"
#include "hf/viewer/ViewAnnotation.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <optional>

#include <map>
#include <memory>
#include <vector>

namespace hf {
class Volume;
}

namespace hf::gui {

class AnnotationController : public QObject {
    Q_OBJECT
public:
    AnnotationController(QString dbPath, QString author, QObject* parent = nullptr);
    ~AnnotationController() override;

    // A series is shown (fully loaded): its annotations are read and measured on `volume`.
    void openSeries(const QString& studyUid, const QString& seriesUid, std::shared_ptr<const Volume> volume);
    void add(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points, const QString& label);
    // Drawn on a reformatted plane (MPR, oblique, slab), which it keeps.
    void addOnPlane(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points, const AnnotationPlane& plane,
                    const QString& label);
    void edit(const QString& seriesUid, const QString& id, const std::vector<Vec3>& points);
    void remove(const QString& seriesUid, const QString& id);
    void undo();
    void redo();
    void toggleKeyImage(const QString& seriesUid, int slice);
    void addTag(const QString& studyUid, const QString& seriesUid, const QString& word);
    void setNote(const QString& studyUid, const QString& note);
    // Reads every open series' annotations again (the sync brought changes from the PACS).
    void reloadAll();
    // Blocks until every queued job has run (tests, and closing the window).
    void waitForIdle();

    // The undo history's state as last reported (a window opened later starts from it).
    struct HistoryState {
        QString undoText = "Undo", redoText = "Redo";
        bool canUndo = false, canRedo = false;
    };
    const HistoryState& history() const { return m_history; }

signals:
    void annotationsChanged(const QString& seriesUid, const std::vector<hf::ViewAnnotation>& annotations);
    void keyImagesChanged(const QString& studyUid, const QStringList& sopInstanceUids);
    void saved(const QString& message);
    void failed(const QString& reason);
    void historyChanged(const QString& undoText, const QString& redoText, bool canUndo, bool canRedo);

private:
    struct Worker;
    struct OpenSeries {
        std::string studyUid;
        std::shared_ptr<const Volume> volume;
    };
    // Runs job(worker) on the background thread; deliver() of its result on the GUI thread.
    void post(std::function<std::function<void()>(Worker&)> job);
    void store(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points, const std::optional<AnnotationPlane>& plane,
               const QString& label);
    std::function<void()> seriesUpdate(Worker& worker, const std::string& seriesUid, const OpenSeries& series);

    QString m_dbPath, m_author;
    QThreadPool m_pool;  // one thread: jobs run in the order they were asked for
    std::shared_ptr<Worker> m_worker;
    std::map<std::string, OpenSeries> m_series;
    HistoryState m_history;
};

} // namespace hf::gui
