#pragma once
// The study index of the local cache: patients, studies, series and instances found by
// scanning, the searches the study list runs, and the check for files that vanished.
// Uses the given database connection (one thread at a time).
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/StudyAnnotationSet.h"

#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;

// One stack of a series, where they are known (the study list, from the kept headers).
struct StackRow {
    std::string label;  // what tells it apart ("TE 92.00 ms", "acq 2")
    long long images = 0;
    bool timePoint = false;  // a 4D series' time point
};

struct SeriesRow {
    std::string uid, modality, description;
    long long number = 0, imageCount = 0;
    long long stackCount = 1;  // filled where the stacks are known (the study list, from kept headers)
    // Instances with no image to stack (SR, PR, KO, SEG, RT objects...) and the SOP class of the
    // first; a series of such objects has imageCount 0.
    long long objectCount = 0;
    std::string objectClass;
    std::vector<StackRow> stacks;  // likewise; empty where they are not
};

struct IndexCounts {
    long long patients = 0, studies = 0, series = 0, instances = 0;
    bool operator==(const IndexCounts& o) const
    {
        return patients == o.patients && studies == o.studies && series == o.series && instances == o.instances;
    }
};

struct StudyFilter {
    std::string patient;   // matches name or ID; * and ? are wildcards; case-insensitive
    std::string accession;
    std::string modality;  // exact, e.g. CT
    std::string from, to;  // YYYYMMDD, inclusive
    std::string text;      // the study list's quick search: name, ID, accession or a tag; wildcards
    std::string tag;       // a tag word on the study or one of its series; wildcards
};

// One line of the study list: the study and its patient (from the index's rows or a node's
// answer), with what the list counts.
struct StudyRow {
    PatientIdentity patient;
    StudyIdentity study;
    std::string modalities;
    long long seriesCount = 0, imageCount = 0, missingImages = 0;
    long long objectCount = 0;  // instances with no image to stack (SR, PR, KO, SEG, RT objects...)
    std::string location = "local";
    std::string tags;  // the study's and its series' tag words, ", " between
};

// What the index keeps of a series' headers: frames of files still as they were scanned, and the
// present files it has none for (indexed before schema 6, or changed since) to scan again.
struct CachedHeaders {
    std::vector<FrameHeader> frames;
    std::vector<std::string> unscanned;
};

class StudyIndex {
public:
    explicit StudyIndex(CacheDatabase& db);

    // Adds the instances of frames and objects (ScanResult's) in one transaction: one row per SOP
    // Instance UID, so adding the same files again changes nothing. Returns what was new.
    IndexCounts add(const std::vector<FrameHeader>& frames, const std::vector<FrameHeader>& objects = {});
    IndexCounts counts() const;
    std::vector<StudyRow> studies(const StudyFilter& filter = {}) const;
    std::vector<SeriesRow> seriesOf(const std::string& studyUid) const;
    // The image files of a series (present ones), to open it.
    std::vector<std::string> filesOf(const std::string& seriesUid) const;
    // The series' headers as the scan that indexed them found them (see CachedHeaders).
    CachedHeaders headersOf(const std::string& seriesUid) const;
    // Patient and study as the index has them; nothing when the study is not in it.
    std::optional<std::pair<PatientIdentity, StudyIdentity>> studyIdentity(const std::string& studyUid) const;
    // An instance's SOP Class UID (empty when the index does not know it).
    std::string sopClassOf(const std::string& sopInstanceUid) const;
    // The file holding an instance, unless the index has none or flagged it missing.
    std::optional<std::string> fileOf(const std::string& sopInstanceUid) const;
    // A study's present instances with what sending them needs (class and transfer syntax).
    struct InstanceFile {
        std::string path, sopClassUid, transferSyntax;
    };
    std::vector<InstanceFile> instancesOfStudy(const std::string& studyUid) const;
    // The present files of a study's instances of one SOP class (its RT structure sets...), or of
    // a family of classes when sopClassUid ends with '.' (its SRs: "1.2.840.10008.5.1.4.1.1.88.");
    // of every study when studyUid is empty (the cache's Spatial Registrations).
    std::vector<std::string> filesOfClass(const std::string& studyUid, const std::string& sopClassUid) const;
    // Removes a study's rows and returns its files' paths (the caller deletes the cache's own
    // copies; linked files stay where they are).
    std::vector<std::string> removeStudy(const std::string& studyUid);
    // Flags instances whose file is gone (and clears the flag when it is back); returns how
    // many are missing. Nothing is deleted.
    long long checkFiles();
    // How many instances the last check flagged as missing (no file is looked at).
    long long flaggedMissing() const;

private:
    CacheDatabase& m_db;
};

} // namespace hf
