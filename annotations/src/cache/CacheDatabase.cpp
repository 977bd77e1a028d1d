#include "hf/annotations/CacheDatabase.h"

#include "hf/annotations/schema/Migrations.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace hf {

CacheDatabase::CacheDatabase(std::string path)
    : m_path(std::move(path))
{
    std::error_code ec;
    const auto folder = std::filesystem::path(m_path).parent_path();
    if (!folder.empty())
        std::filesystem::create_directories(folder, ec);
    if (sqlite3_open_v2(m_path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr)
        != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw CacheError(m_path + ": cannot open the cache index: " + message);
    }
    sqlite3_busy_timeout(m_db, 5000);
    try {
        // A file that is not a database fails here, before any write touches it.
        std::string verdict;
        sqlite3_stmt* check = nullptr;
        if (sqlite3_prepare_v2(m_db, "PRAGMA quick_check", -1, &check, nullptr) != SQLITE_OK)
            throw CacheDamaged(m_path + ": the cache index is damaged: " + sqlite3_errmsg(m_db));
        while (sqlite3_step(check) == SQLITE_ROW)
            verdict += std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) + "; ";
        const int rc = sqlite3_finalize(check);
        if (rc != SQLITE_OK || verdict != "ok; ")
            throw CacheDamaged(m_path + ": the cache index is damaged: "
                               + (rc != SQLITE_OK ? std::string(sqlite3_errmsg(m_db)) : verdict.substr(0, 200)));
        // Switching a new file to WAL needs an exclusive lock, and SQLite answers BUSY at once
        // (no busy handler) when another connection is opening the same new file: retry.
        for (int attempt = 0;; ++attempt) {
            try {
                exec("PRAGMA journal_mode=WAL");
                break;
            } catch (const CacheError&) {
                if (sqlite3_errcode(m_db) != SQLITE_BUSY || attempt >= 500)
                    throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        exec("PRAGMA synchronous=FULL");  // acknowledged means on disk, even after a power cut
        exec("PRAGMA foreign_keys=ON");
        migrate();
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

CacheDatabase::~CacheDatabase()
{
    sqlite3_close(m_db);
}

void CacheDatabase::exec(const std::string& sql)
{
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        const int code = sqlite3_errcode(m_db);
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            throw CacheDamaged(m_path + ": the cache index is damaged: " + message);
        throw CacheError(m_path + ": " + message);
    }
}

int CacheDatabase::schemaVersion() const
{
    sqlite3_stmt* s = nullptr;
    int version = 0;
    if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return version;
}

void CacheDatabase::migrate()
{
    const int newest = int(std::size(schema::kMigrations));
    const int current = schemaVersion();
    if (current > newest)
        throw CacheError(m_path + ": the cache index has schema version " + std::to_string(current)
                         + ", newer than this program knows (" + std::to_string(newest) + ")");
    for (int v = current; v < newest; ++v) {
        Transaction t(*this);
        // Another connection (the study list's, an importer's) may have migrated meanwhile:
        // the version read inside the write lock is the one that counts.
        if (schemaVersion() > v)
            continue;
        exec(schema::kMigrations[v]);
        exec("PRAGMA user_version=" + std::to_string(v + 1));
        t.commit();
    }
}

CacheDatabase::Transaction::Transaction(CacheDatabase& db)
    : m_db(db)
    , m_nested(sqlite3_get_autocommit(db.handle()) == 0)
{
    // Inside another transaction (the sync's merge writes through AnnotationStore) a savepoint.
    m_db.exec(m_nested ? "SAVEPOINT hf_nested" : "BEGIN IMMEDIATE");
}

CacheDatabase::Transaction::~Transaction()
{
    if (m_done)
        return;
    if (m_nested)
        sqlite3_exec(m_db.handle(), "ROLLBACK TO hf_nested; RELEASE hf_nested", nullptr, nullptr, nullptr);
    else
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void CacheDatabase::Transaction::commit()
{
    m_db.exec(m_nested ? "RELEASE hf_nested" : "COMMIT");
    m_done = true;
}

} // namespace hf
