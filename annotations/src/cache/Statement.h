#pragma once
// A prepared SQLite statement, finalized on destruction. Throws CacheError with the SQL's
// error message when preparing or stepping fails - CacheDamaged when SQLite says the file is
// damaged, so that whoever catches it can offer the rebuild.
#include "hf/annotations/CacheDatabase.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace hf {

class Statement {
public:
    Statement(CacheDatabase& db, const char* sql) : m_db(db)
    {
        if (sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            db.throwLastError();
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& v) { sqlite3_bind_text(m_stmt, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT); return *this; }
    Statement& bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); return *this; }
    Statement& bind(int i, int v) { sqlite3_bind_int(m_stmt, i, v); return *this; }
    Statement& bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); return *this; }
    Statement& bindBlob(int i, const std::string& v) { sqlite3_bind_blob(m_stmt, i, v.data(), int(v.size()), SQLITE_TRANSIENT); return *this; }
    Statement& bindNull(int i) { sqlite3_bind_null(m_stmt, i); return *this; }

    // True while there is a row.
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            m_db.throwLastError();
        return false;
    }
    void reset() { sqlite3_reset(m_stmt); sqlite3_clear_bindings(m_stmt); }

    std::string text(int column) const
    {
        const unsigned char* t = sqlite3_column_text(m_stmt, column);
        return t ? reinterpret_cast<const char*>(t) : "";
    }
    std::string blob(int column) const
    {
        const void* b = sqlite3_column_blob(m_stmt, column);
        return b ? std::string(static_cast<const char*>(b), size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    CacheDatabase& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace hf
