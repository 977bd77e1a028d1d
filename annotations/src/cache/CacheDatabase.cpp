#include "hf/annotations/CacheDatabase.h"

#include "hf/annotations/schema/Migrations.h"
#include "Statement.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

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
        // A file that is not a database, or whose tables' pages are gone, fails here, before
        // any write touches it.
        checkStructure();
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

void CacheDatabase::checkStructure()
{
    // Not PRAGMA quick_check: that reads every page, half a second for a cache of 200,000
    // images, at every open (each command, each connection of the window). This reads the
    // schema and both edges of every table's b-tree - a few pages each, whatever the size;
    // damage deeper in is reported as damage when a query reaches it (Statement).
    std::vector<std::string> tables;
    Statement list(*this, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                          "AND sql NOT LIKE '%WITHOUT ROWID%'");
    while (list.step())
        tables.push_back(list.text(0));
    for (const std::string& table : tables)
        for (const char* probe : {"SELECT rowid FROM \"%w\" ORDER BY rowid LIMIT 1", "SELECT max(rowid) FROM \"%w\""}) {
            char* sql = sqlite3_mprintf(probe, table.c_str());
            const std::string text = sql ? sql : "";
            sqlite3_free(sql);
            Statement edge(*this, text.c_str());
            while (edge.step()) {
            }
        }
}

CacheDatabase::~CacheDatabase()
{
    sqlite3_close(m_db);
}

void CacheDatabase::exec(const std::string& sql)
{
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        throwLastError();
}

void CacheDatabase::throwLastError() const
{
    const int code = sqlite3_errcode(m_db) & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        throw CacheDamaged(m_path + ": the cache index is damaged: " + sqlite3_errmsg(m_db));
    throw CacheError(m_path + ": " + sqlite3_errmsg(m_db));
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
    if (current == newest)
        return;
    // All steps in one transaction: one sync to disk for a new cache instead of one per step,
    // and no reader ever sees a schema half way.
    Transaction t(*this);
    // Another connection (the study list's, an importer's) may have migrated meanwhile: the
    // version read inside the write lock is the one that counts.
    for (int v = schemaVersion(); v < newest; ++v) {
        exec(schema::kMigrations[v]);
        exec("PRAGMA user_version=" + std::to_string(v + 1));
    }
    t.commit();
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
