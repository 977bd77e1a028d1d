#include "AnnotationController.h"

#include "hf/annotations/AnnotationFactory.h"
#include "hf/annotations/AnnotationHistory.h"
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/Measurement.h"
#include "hf/annotations/StudyTags.h"
#include "hf/dicomio/Volume.h"

#include "BackgroundJob.h"

#include <atomic>

namespace hf::gui {

// Lives on the background thread only.
struct AnnotationController::Worker {
    std::string dbPath;
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<AnnotationStore> store;
    std::unique_ptr<AnnotationHistory> history;
    std::unique_ptr<StudyTags> tags;
    std::map<std::string, OpenSeries> series;  // copy of the GUI's, updated by each job

    void open()
    {
        if (db)
            return;
        db = std::make_unique<CacheDatabase>(dbPath);
        store = std::make_unique<AnnotationStore>(*db);
        history = std::make_unique<AnnotationHistory>(*store);
        tags = std::make_unique<StudyTags>(*db);
    }
};

AnnotationController::AnnotationController(QString dbPath, QString author, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_author(std::move(author))
    , m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_worker->dbPath = m_dbPath.toStdString();
}

AnnotationController::~AnnotationController()
{
    m_pool.waitForDone();  // every write asked for is committed before the window goes
}

void AnnotationController::waitForIdle()
{
    m_pool.waitForDone();
}

void AnnotationController::post(std::function<std::function<void()>(Worker&)> job)
{
    auto worker = m_worker;
    const auto series = m_series;
    runInBackground(this, [this, worker, job, series]() -> GuiContinuation {
        GuiContinuation deliver;
        try {
            worker->series = series;
            worker->open();
            deliver = job(*worker);
        } catch (const std::exception& e) {
            deliver = [this, reason = QString::fromUtf8(e.what())] { emit failed(reason); };
        }
        const QString undoText = worker->history ? QString::fromStdString(worker->history->undoText()) : QString("Undo");
        const QString redoText = worker->history ? QString::fromStdString(worker->history->redoText()) : QString("Redo");
        const bool canUndo = worker->history && worker->history->canUndo(), canRedo = worker->history && worker->history->canRedo();
        return [this, deliver, undoText, redoText, canUndo, canRedo] {
            if (deliver)
                deliver();
            m_history = {undoText, redoText, canUndo, canRedo};
            emit historyChanged(undoText, redoText, canUndo, canRedo);
        };
    }, {}, &m_pool);
}

std::function<void()> AnnotationController::seriesUpdate(Worker& worker, const std::string& seriesUid, const OpenSeries& series)
{
    std::vector<ViewAnnotation> list;
    for (const Annotation& a : worker.store->ofSeries(seriesUid)) {
        ViewAnnotation v{a, {}, {}, {}, -1};
        if (series.volume) {
            try {
                const Measurement m = measure(a, *series.volume);
                v.summary = m.summary();
                v.calibration = m.calibrationText();
                v.warning = m.warning;
                v.slice = m.slice;
            } catch (const std::exception& e) {
                v.warning = e.what();
            }
        }
        list.push_back(std::move(v));
    }
    QStringList keys;
    for (const auto& k : worker.tags->keyImages(series.studyUid))
        keys << QString::fromStdString(k.sopInstanceUid);
    const QString uid = QString::fromStdString(seriesUid), study = QString::fromStdString(series.studyUid);
    return [this, uid, study, list, keys] {
        emit annotationsChanged(uid, list);
        emit keyImagesChanged(study, keys);
    };
}

void AnnotationController::openSeries(const QString& studyUid, const QString& seriesUid, std::shared_ptr<const Volume> volume)
{
    m_series[seriesUid.toStdString()] = {studyUid.toStdString(), std::move(volume)};
    const std::string uid = seriesUid.toStdString();
    post([this, uid](Worker& w) { return seriesUpdate(w, uid, w.series[uid]); });
}

void AnnotationController::reloadAll()
{
    for (const auto& [seriesUid, series] : m_series) {
        const std::string uid = seriesUid;
        post([this, uid](Worker& w) { return seriesUpdate(w, uid, w.series[uid]); });
    }
}

void AnnotationController::add(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points, const QString& label)
{
    store(seriesUid, kind, points, std::nullopt, label);
}

void AnnotationController::addOnPlane(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points,
                                      const AnnotationPlane& plane, const QString& label)
{
    store(seriesUid, kind, points, plane, label);
}

void AnnotationController::store(const QString& seriesUid, AnnotationKind kind, const std::vector<Vec3>& points,
                                 const std::optional<AnnotationPlane>& plane, const QString& label)
{
    const std::string uid = seriesUid.toStdString(), author = m_author.toStdString(), text = label.toStdString();
    post([this, uid, kind, points, plane, author, text](Worker& w) {
        const OpenSeries& s = w.series.at(uid);
        const Annotation made = plane ? makeAnnotationOnPlane(kind, points, *plane, text, author, *s.volume, s.studyUid, uid)
                                      : makeAnnotation(kind, points, text, author, *s.volume, s.studyUid, uid);
        const Annotation stored = w.history->add(made);
        auto update = seriesUpdate(w, uid, s);
        const QString message = QString("Saved %1").arg(annotationKindName(stored.kind));
        return std::function<void()>([this, update, message] {
            update();
            emit saved(message);
        });
    });
}

void AnnotationController::edit(const QString& seriesUid, const QString& id, const std::vector<Vec3>& points)
{
    const std::string uid = seriesUid.toStdString(), annotationId = id.toStdString();
    post([this, uid, annotationId, points](Worker& w) {
        auto current = w.store->find(annotationId);
        if (!current)
            throw std::runtime_error("annotation " + annotationId + " is gone");
        const OpenSeries& s = w.series.at(uid);
        // Checked like a new drawing (same slice, right number of points), then stored as a revision.
        Annotation moved = current->plane ? makeAnnotationOnPlane(current->kind, points, *current->plane, current->label, current->author,
                                                                  *s.volume, s.studyUid, uid)
                                          : makeAnnotation(current->kind, points, current->label, current->author, *s.volume, s.studyUid, uid);
        moved.id = current->id;
        w.history->change(moved);
        return seriesUpdate(w, uid, s);
    });
}

void AnnotationController::remove(const QString& seriesUid, const QString& id)
{
    const std::string uid = seriesUid.toStdString(), annotationId = id.toStdString();
    post([this, uid, annotationId](Worker& w) {
        w.history->remove(annotationId);
        return seriesUpdate(w, uid, w.series.at(uid));
    });
}

void AnnotationController::undo()
{
    post([this](Worker& w) -> std::function<void()> {
        const auto a = w.history->undo();
        if (!a || !w.series.count(a->seriesUid))
            return {};
        return seriesUpdate(w, a->seriesUid, w.series.at(a->seriesUid));
    });
}

void AnnotationController::redo()
{
    post([this](Worker& w) -> std::function<void()> {
        const auto a = w.history->redo();
        if (!a || !w.series.count(a->seriesUid))
            return {};
        return seriesUpdate(w, a->seriesUid, w.series.at(a->seriesUid));
    });
}

void AnnotationController::toggleKeyImage(const QString& seriesUid, int slice)
{
    const std::string uid = seriesUid.toStdString();
    post([this, uid, slice](Worker& w) {
        const OpenSeries& s = w.series.at(uid);
        if (!s.volume || slice < 0 || size_t(slice) >= s.volume->sliceSopInstanceUids.size())
            throw std::runtime_error("no image to flag");
        const std::string sop = s.volume->sliceSopInstanceUids[size_t(slice)];
        const int frame = s.volume->sliceFrames[size_t(slice)];
        bool isKey = false;
        for (const auto& k : w.tags->keyImages(s.studyUid))
            isKey |= k.sopInstanceUid == sop && k.frame == frame;
        w.tags->setKeyImage(s.studyUid, uid, sop, frame, !isKey);
        auto update = seriesUpdate(w, uid, s);
        const QString message = isKey ? QString("Image %1 is no longer a key image").arg(slice + 1)
                                      : QString("Image %1 flagged as a key image").arg(slice + 1);
        return std::function<void()>([this, update, message] {
            update();
            emit saved(message);
        });
    });
}

void AnnotationController::addTag(const QString& studyUid, const QString& seriesUid, const QString& word)
{
    const std::string study = studyUid.toStdString(), series = seriesUid.toStdString(), w = word.toStdString();
    post([this, study, series, w](Worker& worker) {
        worker.tags->addTag(study, series, w);
        const QString message = QString("Tagged '%1'").arg(QString::fromStdString(w));
        return std::function<void()>([this, message] { emit saved(message); });
    });
}

void AnnotationController::setNote(const QString& studyUid, const QString& note)
{
    const std::string study = studyUid.toStdString(), text = note.toStdString();
    post([this, study, text](Worker& worker) {
        worker.tags->setNote(study, text);
        return std::function<void()>([this] { emit saved("Study note saved"); });
    });
}

} // namespace hf::gui
