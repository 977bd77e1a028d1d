#pragma once
// Runs the study list's cache queries on Qt's thread pool, one connection per task (SQLite in
// WAL mode lets readers and the importer work side by side); results come back as signals on
// the GUI thread. The GUI thread never waits on the database.
#include "hf/annotations/StudyIndex.h"

#include <QImage>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace hf::gui {

class CacheTasks : public QObject {
    Q_OBJECT
public:
    CacheTasks(QString dbPath, QObject* parent = nullptr);
    ~CacheTasks() override;

    const QString& dbPath() const { return m_dbPath; }
    void queryStudies(const hf::StudyFilter& filter);
    void querySeries(const QString& studyUid);
    // Finds the files of a series (the study's first series when seriesUid is empty).
    void locateSeries(const QString& studyUid, const QString& seriesUid);
    void removeStudy(const QString& studyUid);
    // The series' thumbnail: from DB-folder/thumbnails when made before, else made from its
    // middle image (loaded like any series, in child processes) and kept there.
    void thumbnail(const QString& seriesUid);
    // Moves a damaged index aside and indexes every remembered source again.
    void rebuild();

signals:
    void studiesReady(std::vector<hf::StudyRow> rows);
    void seriesReady(const QString& studyUid, std::vector<hf::SeriesRow> series);
    void seriesLocated(const QString& seriesUid, const QStringList& files);
    // bytesFreed: the cache's own copies deleted (linked files stay where they are).
    void studyRemoved(const QString& studyUid, long long instances, long long bytesFreed);
    void failed(const QString& reason);
    void damaged(const QString& reason);
    void thumbnailReady(const QString& seriesUid, const QImage& image);
    void rebuilt(long long instances, const QString& damagedCopy);

private:
    template <class Work> void run(Work work);

    QString m_dbPath;
    std::shared_ptr<std::atomic<bool>> m_alive;
};

} // namespace hf::gui
