#pragma once
// The local cache's SQLite database: opened in WAL mode with synchronous=FULL, its structure
// checked (in time that does not grow with the cache), and brought to the newest schema
// (annotations/schema/NNN-*.sql) on open.
// One connection; use it from one thread at a time.
#include <stdexcept>
#include <string>

struct sqlite3;

namespace hf {

class CacheError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The file is not a database, or SQLite found its pages damaged (on open or in any query).
class CacheDamaged : public CacheError {
public:
    using CacheError::CacheError;
};

class CacheDatabase {
public:
    // Creates the file (and its folder) when missing. Throws CacheDamaged or CacheError.
    explicit CacheDatabase(std::string path);
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase&) = delete;
    CacheDatabase& operator=(const CacheDatabase&) = delete;

    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    int schemaVersion() const;
    void exec(const std::string& sql);
    // Throws for the connection's last SQLite error, naming the file: CacheDamaged when SQLite
    // says the file is damaged or not a database, else CacheError.
    [[noreturn]] void throwLastError() const;

    // BEGIN IMMEDIATE ... COMMIT, rolled back if the scope is left by an exception; a savepoint
    // when a transaction is already open.
    class Transaction {
    public:
        explicit Transaction(CacheDatabase& db);
        ~Transaction();
        void commit();

    private:
        CacheDatabase& m_db;
        bool m_nested = false;
        bool m_done = false;
    };

private:
    void checkStructure();
    void migrate();

    std::string m_path;
    sqlite3* m_db = nullptr;
};

} // namespace hf
