#pragma once
// The local cache's background tasks (study list queries, locating a series' files, thumbnails,
// removal, rebuilding a damaged index), one per process in the Workstation. Each task runs on
// Qt's thread pool with its own connection (SQLite in WAL mode lets readers and the importer
// work side by side) and answers only whoever asked (a CacheReplyTo), on the GUI thread. The
// GUI thread never waits on the database.
#include "hf/annotations/StudyIndex.h"
#include "hf/viewer/SeriesStrip.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QObject;

namespace hf {
struct ForeignPresentationState;
struct Segmentation;
struct SrDocument;
struct StructureSet;
}

namespace hf::protocols {
struct StudyFacts;
}

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

// Who gets the answers of a request, and what it does when the cache fails or is damaged.
struct CacheReplyTo {
    QObject* receiver = nullptr;
    std::function<void(const QString& reason)> failed;
    std::function<void(const QString& reason)> damaged;  // the index needs rebuilding
};

class CacheTasks {
public:
    explicit CacheTasks(QString dbPath);

    void queryStudies(const CacheReplyTo& to, const hf::StudyFilter& filter, std::function<void(std::vector<hf::StudyRow>)> done);
    void querySeries(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<hf::SeriesRow>)> done);
    // The files of a series (the study's first series when seriesUid is empty); no files when
    // the cache does not know it.
    void locateSeries(const CacheReplyTo& to, const QString& studyUid, const QString& seriesUid,
                      std::function<void(const QString& seriesUid, const QStringList& files)> done);
    // bytesFreed: the cache's own copies deleted (linked files stay where they are).
    // Recorded in `audit` (DICOM Study Deleted) with the patient it belonged to.
    void removeStudy(const CacheReplyTo& to, const QString& studyUid, std::shared_ptr<app::AuditTrail> audit,
                     std::function<void(long long instances, long long bytesFreed)> done);
    // From DB-folder/thumbnails when made before, else made from the series' middle image
    // (loaded like any series, in child processes) and kept there. Not called back without one.
    void thumbnail(const CacheReplyTo& to, const QString& seriesUid, std::function<void(const QImage&)> done);
    // Every stack of every series of a study, in series order, each with a thumbnail of its
    // middle image (the strip below the views; headers from the index, one image decoded each).
    void studyStacks(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<hf::StripEntry>)> done);
    // The studies of the patient who has this study (same Patient ID and name), for the timeline.
    void patientStudies(const CacheReplyTo& to, const QString& studyUid, std::function<void(std::vector<hf::TimelineEntry>)> done);
    // What hanging protocols match a study on (its stacks, from the headers the index kept, and
    // its prior: priorUid, else the default one); nothing when the cache does not hold the study.
    void studyFacts(const CacheReplyTo& to, const QString& studyUid, const QString& priorUid,
                    std::function<void(std::optional<protocols::StudyFacts>)> done);
    // The study's RT structure sets, read (contours and all); errors name the file that could not be read.
    using StructureSets = std::vector<std::shared_ptr<const hf::StructureSet>>;
    void structureSets(const CacheReplyTo& to, const QString& studyUid, std::function<void(StructureSets, QStringList errors)> done);
    // Likewise its segmentations (SEG), masks and all.
    using Segmentations = std::vector<std::shared_ptr<const hf::Segmentation>>;
    void segmentations(const CacheReplyTo& to, const QString& studyUid, std::function<void(Segmentations, QStringList errors)> done);
    // Likewise its structured reports (any template; key object selections excluded).
    using Reports = std::vector<std::shared_ptr<const hf::SrDocument>>;
    void reports(const CacheReplyTo& to, const QString& studyUid, std::function<void(Reports, QStringList errors)> done);
    // Likewise its key object selections (KOS) from other producers (ours are the key images the
    // annotations keep).
    void keyObjects(const CacheReplyTo& to, const QString& studyUid, std::function<void(Reports, QStringList errors)> done);
    // Likewise its presentation states from other producers.
    using PresentationStates = std::vector<std::shared_ptr<const hf::ForeignPresentationState>>;
    void presentationStates(const CacheReplyTo& to, const QString& studyUid, std::function<void(PresentationStates, QStringList errors)> done);
    // Moves a damaged index aside and indexes every remembered source again.
    void rebuild(const CacheReplyTo& to, std::function<void(long long instances, const QString& damagedCopy)> done);

private:
    // work(StudyIndex&) returns what to run on the GUI thread with the result.
    void run(const CacheReplyTo& to, std::function<std::function<void()>(hf::StudyIndex&)> work);

    QString m_dbPath;
};

} // namespace hf::gui
