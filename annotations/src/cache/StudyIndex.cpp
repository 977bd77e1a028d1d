#include "hf/annotations/StudyIndex.h"

#include "hf/dicomio/FrameHeaderCodec.h"

#include "hf/annotations/CacheDatabase.h"
#include "Statement.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace hf {
namespace {

// DICOM-style wildcards to SQL LIKE (with \ as the escape character).
std::string likePattern(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '*') out += '%';
        else if (c == '?') out += '_';
        else if (c == '%' || c == '_' || c == '\\') out += std::string("\\") + c;
        else out += c;
    }
    if (text.find_first_of("*?") == std::string::npos)
        out = "%" + out + "%";  // plain text: a substring search
    return out;
}

long long scalar(CacheDatabase& db, const char* sql)
{
    Statement s(db, sql);
    return s.step() ? s.integer(0) : 0;
}

} // namespace

StudyIndex::StudyIndex(CacheDatabase& db)
    : m_db(db)
{
}

IndexCounts StudyIndex::counts() const
{
    return {scalar(m_db, "SELECT count(*) FROM patients"), scalar(m_db, "SELECT count(*) FROM studies"),
            scalar(m_db, "SELECT count(*) FROM series"), scalar(m_db, "SELECT count(*) FROM instances")};
}

IndexCounts StudyIndex::add(const std::vector<FrameHeader>& frames, const std::vector<FrameHeader>& objects)
{
    // What this batch added, counted where it was added: whole-table counts before and after
    // read every row of a large cache (tens of milliseconds per batch at 200,000 images).
    IndexCounts added;
    CacheDatabase::Transaction transaction(m_db);
    Statement patient(m_db, "INSERT INTO patients (patient_id, name, birth_date, sex) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (patient_id, name) DO NOTHING");
    Statement patientId(m_db, "SELECT id FROM patients WHERE patient_id = ?1 AND name = ?2");
    Statement study(m_db, "INSERT INTO studies (patient, study_uid, study_date, study_time, description, accession) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (study_uid) DO NOTHING");
    Statement studyId(m_db, "SELECT id FROM studies WHERE study_uid = ?1");
    Statement series(m_db, "INSERT INTO series (study, series_uid, modality, number, description) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (series_uid) DO NOTHING");
    Statement seriesId(m_db, "SELECT id FROM series WHERE series_uid = ?1");
    Statement instance(m_db,
                       "INSERT INTO instances (series, sop_uid, sop_class, path, transfer_syntax, frames, instance_number, "
                       "position_x, position_y, position_z, file_size, headers) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                       "ON CONFLICT (sop_uid) DO UPDATE SET path = excluded.path, missing = 0, file_size = excluded.file_size, frames = excluded.frames, "
                       "headers = excluded.headers "
                       "WHERE instances.path <> excluded.path OR instances.missing <> 0 OR instances.headers IS NULL "
                       "OR instances.file_size <> excluded.file_size");
    Statement seriesInstances(m_db, "SELECT count(*) FROM instances WHERE series = ?1");
    std::map<std::int64_t, long long> instancesBefore;  // per series the batch touches
    auto countIn = [&](std::int64_t seriesRow) {
        seriesInstances.bind(1, seriesRow);
        const long long n = seriesInstances.step() ? seriesInstances.integer(0) : 0;
        seriesInstances.reset();
        return n;
    };
    auto inserted = [this] { return sqlite3_changes(m_db.handle()) > 0 ? 1 : 0; };
    auto idOf = [](Statement& s) {
        s.step();
        const auto id = s.integer(0);
        s.reset();
        return id;
    };
    std::set<std::string> seen;  // a multi-frame file gives many frames, one instance
    // A series' instances arrive together: remember the parent rows instead of asking again.
    std::map<std::string, std::int64_t> patientIds, studyIds, seriesIds;
    auto addInstances = [&](const std::vector<FrameHeader>& frames) {
        for (size_t i = 0; i < frames.size(); ++i) {
            const FrameHeader& f = frames[i];
            const std::string sop = f.sopInstanceUid.empty() ? "path:" + f.path : f.sopInstanceUid;
            if (!seen.insert(sop).second)
                continue;
            // A file's frames come together: they are kept with its row, for opening it later.
            size_t end = i + 1;
            while (end < frames.size() && frames[end].path == f.path && frames[end].sopInstanceUid == f.sopInstanceUid)
                ++end;
            const std::string headers = encodeFrameHeaders(&frames[i], end - i);
            const std::string patientKey = f.patientId + '\x1f' + f.patientName;
            auto p = patientIds.find(patientKey);
            if (p == patientIds.end()) {
                patient.bind(1, f.patientId).bind(2, f.patientName).bind(3, f.patientBirthDate).bind(4, f.patientSex).step();
                added.patients += inserted();
                patient.reset();
                p = patientIds.emplace(patientKey, idOf(patientId.bind(1, f.patientId).bind(2, f.patientName))).first;
            }
            auto st = studyIds.find(f.studyUid);
            if (st == studyIds.end()) {
                study.bind(1, p->second).bind(2, f.studyUid).bind(3, f.studyDate).bind(4, f.studyTime).bind(5, f.studyDescription)
                    .bind(6, f.accessionNumber).step();
                added.studies += inserted();
                study.reset();
                st = studyIds.emplace(f.studyUid, idOf(studyId.bind(1, f.studyUid))).first;
            }
            auto se = seriesIds.find(f.seriesUid);
            if (se == seriesIds.end()) {
                series.bind(1, st->second).bind(2, f.seriesUid).bind(3, f.modality).bind(4, f.seriesNumber)
                    .bind(5, f.seriesDescription).step();
                added.series += inserted();
                series.reset();
                se = seriesIds.emplace(f.seriesUid, idOf(seriesId.bind(1, f.seriesUid))).first;
                instancesBefore.emplace(se->second, countIn(se->second));
            }
            instance.bind(1, se->second).bind(2, sop).bind(3, f.sopClassUid).bind(4, f.path).bind(5, f.transferSyntax)
                .bind(6, f.framesInFile).bind(7, f.instanceNumber);
            if (f.hasPosition)
                instance.bind(8, f.position.x).bind(9, f.position.y).bind(10, f.position.z);
            instance.bind(11, std::int64_t(f.fileSize)).bindBlob(12, headers).step();
            instance.reset();
        }
    };
    addInstances(frames);
    addInstances(objects);  // framesInFile 0: the frames column tells them from images
    for (const auto& [seriesRow, before] : instancesBefore)
        added.instances += countIn(seriesRow) - before;
    transaction.commit();
    return added;
}

std::vector<StudyRow> StudyIndex::studies(const StudyFilter& f) const
{
    Statement s(m_db,
                "SELECT p.name, p.patient_id, p.birth_date, p.sex, st.study_uid, st.study_date, st.study_time, "
                "st.description, st.accession, "
                "(SELECT group_concat(m, '\\') FROM (SELECT DISTINCT modality AS m FROM series WHERE study = st.id "
                "  ORDER BY modality)), "
                "(SELECT count(*) FROM series WHERE study = st.id), "
                "(SELECT count(*) FROM instances i JOIN series se ON i.series = se.id WHERE se.study = st.id AND i.frames > 0), "
                "(SELECT count(*) FROM instances i JOIN series se ON i.series = se.id WHERE se.study = st.id AND i.missing), "
                "(SELECT count(*) FROM instances i JOIN series se ON i.series = se.id WHERE se.study = st.id AND i.frames = 0), "
                "(SELECT group_concat(word, ', ') FROM (SELECT DISTINCT word FROM tags WHERE study_uid = st.study_uid "
                "  AND deleted = 0 ORDER BY word)), "
                "(SELECT state || ' ' || received || ' ' || expected || ' ' || node FROM retrievals WHERE study_uid = st.study_uid) "
                "FROM studies st JOIN patients p ON st.patient = p.id "
                "WHERE (?1 = '' OR p.name LIKE ?2 ESCAPE '\\' OR p.patient_id LIKE ?2 ESCAPE '\\') "
                "AND (?3 = '' OR st.accession LIKE ?4 ESCAPE '\\') "
                "AND (?5 = '' OR EXISTS (SELECT 1 FROM series WHERE study = st.id AND modality = ?5)) "
                "AND (?6 = '' OR st.study_date >= ?6) AND (?7 = '' OR st.study_date <= ?7) "
                "AND (?8 = '' OR p.name LIKE ?9 ESCAPE '\\' OR p.patient_id LIKE ?9 ESCAPE '\\' OR st.accession LIKE ?9 ESCAPE '\\' "
                "  OR EXISTS (SELECT 1 FROM tags WHERE study_uid = st.study_uid AND deleted = 0 AND word LIKE ?9 ESCAPE '\\')) "
                "AND (?10 = '' OR EXISTS (SELECT 1 FROM tags WHERE study_uid = st.study_uid AND deleted = 0 AND word LIKE ?11 ESCAPE '\\')) "
                "ORDER BY st.study_date DESC, st.study_time DESC, p.name");
    s.bind(1, f.patient).bind(2, likePattern(f.patient)).bind(3, f.accession).bind(4, likePattern(f.accession));
    s.bind(5, f.modality).bind(6, f.from).bind(7, f.to);
    s.bind(8, f.text).bind(9, likePattern(f.text)).bind(10, f.tag).bind(11, likePattern(f.tag));
    std::vector<StudyRow> rows;
    while (s.step()) {
        StudyRow r;
        r.patient.name = s.text(0);
        r.patient.id = s.text(1);
        r.patient.birthDate = s.text(2);
        r.patient.sex = s.text(3);
        r.study.uid = s.text(4);
        r.study.date = s.text(5);
        r.study.time = s.text(6);
        r.study.description = s.text(7);
        r.study.accessionNumber = s.text(8);
        r.modalities = s.text(9);
        r.seriesCount = s.integer(10);
        r.imageCount = s.integer(11);
        r.missingImages = s.integer(12);
        r.objectCount = s.integer(13);
        r.tags = s.text(14);
        // A retrieval that did not finish: say so, with how far it got.
        unsigned received = 0, expected = 0;
        char state[16] = {}, node[256] = {};
        if (std::sscanf(s.text(15).c_str(), "%15s %u %u %255[^\n]", state, &received, &expected, node) == 4 &&
            std::string(state) != "complete")
            r.location = std::string(state) + " " + std::to_string(received) + "/" + std::to_string(expected) + " from " + node;
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<SeriesRow> StudyIndex::seriesOf(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT se.series_uid, se.modality, se.description, se.number, "
                      "(SELECT count(*) FROM instances WHERE series = se.id AND frames > 0), "
                      "(SELECT count(*) FROM instances WHERE series = se.id AND frames = 0), "
                      "(SELECT sop_class FROM instances WHERE series = se.id AND frames = 0 ORDER BY instance_number, id LIMIT 1) "
                      "FROM series se JOIN studies st ON se.study = st.id WHERE st.study_uid = ?1 ORDER BY se.number, se.id");
    s.bind(1, studyUid);
    std::vector<SeriesRow> rows;
    while (s.step()) {
        SeriesRow row;
        row.uid = s.text(0);
        row.modality = s.text(1);
        row.description = s.text(2);
        row.number = s.integer(3);
        row.imageCount = s.integer(4);
        row.objectCount = s.integer(5);
        row.objectClass = s.text(6);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StudyIndex::InstanceFile> StudyIndex::instancesOfStudy(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT i.path, i.sop_class, i.transfer_syntax FROM instances i JOIN series se ON i.series = se.id "
                      "JOIN studies st ON se.study = st.id WHERE st.study_uid = ?1 AND NOT i.missing "
                      "ORDER BY se.number, i.instance_number, i.path");
    s.bind(1, studyUid);
    std::vector<InstanceFile> files;
    while (s.step())
        files.push_back({s.text(0), s.text(1), s.text(2)});
    return files;
}

std::vector<std::string> StudyIndex::filesOfClass(const std::string& studyUid, const std::string& sopClassUid) const
{
    Statement s(m_db, "SELECT i.path FROM instances i JOIN series se ON i.series = se.id JOIN studies st ON se.study = st.id "
                      "WHERE (?1 = '' OR st.study_uid = ?1) AND (i.sop_class = ?2 OR (substr(?2, -1) = '.' AND substr(i.sop_class, 1, length(?2)) = ?2)) "
                      "AND NOT i.missing ORDER BY se.number, i.instance_number, i.path");
    s.bind(1, studyUid).bind(2, sopClassUid);
    std::vector<std::string> files;
    while (s.step())
        files.push_back(s.text(0));
    return files;
}

std::vector<std::string> StudyIndex::filesOf(const std::string& seriesUid) const
{
    Statement s(m_db, "SELECT i.path FROM instances i JOIN series se ON i.series = se.id "
                      "WHERE se.series_uid = ?1 AND NOT i.missing AND i.frames > 0 ORDER BY i.instance_number, i.path");
    s.bind(1, seriesUid);
    std::vector<std::string> files;
    while (s.step())
        files.push_back(s.text(0));
    return files;
}

CachedHeaders StudyIndex::headersOf(const std::string& seriesUid) const
{
    Statement s(m_db, "SELECT i.path, i.file_size, i.headers FROM instances i JOIN series se ON i.series = se.id "
                      "WHERE se.series_uid = ?1 AND NOT i.missing AND i.frames > 0 ORDER BY i.instance_number, i.path");
    s.bind(1, seriesUid);
    CachedHeaders out;
    while (s.step()) {
        const std::string path = s.text(0);
        // The file must still be what was scanned: same size (a changed file is read again).
        std::error_code error;
        const auto size = std::filesystem::file_size(path, error);
        auto frames = error || std::int64_t(size) != s.integer(1) ? std::nullopt : decodeFrameHeaders(s.blob(2));
        if (!frames || frames->empty()) {
            out.unscanned.push_back(path);
            continue;
        }
        for (FrameHeader& f : *frames) {
            f.path = path;  // moved files keep their headers
            out.frames.push_back(std::move(f));
        }
    }
    return out;
}

std::optional<std::pair<PatientIdentity, StudyIdentity>> StudyIndex::studyIdentity(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT p.name, p.patient_id, p.birth_date, p.sex, s.study_date, s.study_time, s.description, s.accession "
                      "FROM studies s JOIN patients p ON p.id = s.patient WHERE s.study_uid = ?");
    s.bind(1, studyUid);
    if (!s.step())
        return std::nullopt;
    return std::pair{PatientIdentity{s.text(0), s.text(1), s.text(2), s.text(3)},
                     StudyIdentity{studyUid, s.text(4), s.text(5), s.text(6), s.text(7), {}, {}}};
}

std::string StudyIndex::sopClassOf(const std::string& sopInstanceUid) const
{
    Statement s(m_db, "SELECT sop_class FROM instances WHERE sop_uid = ?");
    s.bind(1, sopInstanceUid);
    return s.step() ? s.text(0) : std::string();
}

std::optional<std::string> StudyIndex::fileOf(const std::string& sopInstanceUid) const
{
    Statement s(m_db, "SELECT path FROM instances WHERE sop_uid = ?1 AND NOT missing");
    s.bind(1, sopInstanceUid);
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

std::vector<std::string> StudyIndex::removeStudy(const std::string& studyUid)
{
    CacheDatabase::Transaction transaction(m_db);
    Statement files(m_db, "SELECT i.path FROM instances i JOIN series se ON i.series = se.id "
                          "JOIN studies st ON se.study = st.id WHERE st.study_uid = ?1");
    files.bind(1, studyUid);
    std::vector<std::string> removed;
    while (files.step())
        removed.push_back(files.text(0));
    Statement remove(m_db, "DELETE FROM studies WHERE study_uid = ?1");  // series and instances cascade
    remove.bind(1, studyUid).step();
    // A patient left without studies goes too.
    Statement orphans(m_db, "DELETE FROM patients WHERE id NOT IN (SELECT patient FROM studies)");
    orphans.step();
    transaction.commit();
    return removed;
}

long long StudyIndex::checkFiles()
{
    std::vector<std::pair<std::int64_t, bool>> updates;
    {
        Statement s(m_db, "SELECT id, path, missing FROM instances");
        while (s.step()) {
            std::error_code ec;
            const bool present = std::filesystem::exists(s.text(1), ec);
            if (present == (s.integer(2) != 0))
                updates.emplace_back(s.integer(0), !present);
        }
    }
    CacheDatabase::Transaction transaction(m_db);
    Statement update(m_db, "UPDATE instances SET missing = ?2 WHERE id = ?1");
    for (const auto& [id, missing] : updates) {
        update.bind(1, id).bind(2, missing ? 1 : 0).step();
        update.reset();
    }
    transaction.commit();
    return flaggedMissing();
}

long long StudyIndex::flaggedMissing() const
{
    return scalar(m_db, "SELECT count(*) FROM instances WHERE missing");
}

} // namespace hf
