#include "hf/dicomio/audit/AuditLog.h"

#include "hf/dicomio/audit/AuditEvent.h"
#include "hf/dicomio/audit/SyslogSender.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace hf {

namespace {

// The closing time of a rotated file, in its name.
std::string rotatedName(const std::string& path)
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    std::string name = path + "." + stamp;
    for (int n = 1; std::filesystem::exists(name); ++n)
        name = path + "." + stamp + "-" + std::to_string(n);
    return name;
}

} // namespace

AuditLog::AuditLog(std::string path, AuditSource source, long long rotateBytes)
    : m_path(std::move(path))
    , m_source(std::move(source))
    , m_rotateBytes(rotateBytes)
{
}

AuditLog::~AuditLog() = default;

void AuditLog::setSyslog(std::unique_ptr<SyslogSender> sender)
{
    const std::lock_guard<std::mutex> guard(m_lock);
    m_syslog = std::move(sender);
}

bool AuditLog::record(const AuditEvent& event, std::string& error)
{
    const std::string xml = auditMessageXml(event, m_source);
    const std::string line = xml + "\n";
    const std::lock_guard<std::mutex> guard(m_lock);
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::path(m_path).parent_path();
    if (!folder.empty())
        std::filesystem::create_directories(folder, ec);
    int file = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (file < 0) {
        error = "audit log " + m_path + ": cannot be opened (" + std::strerror(errno) + ")";
        return false;
    }
    // One writer at a time across processes: rotation and the append happen under the lock.
    ::flock(file, LOCK_EX);
    struct stat info {};
    if (::fstat(file, &info) == 0 && m_rotateBytes > 0 && info.st_size > 0 && info.st_size + (long long)line.size() > m_rotateBytes) {
        // Renamed, never rewritten; the next writer (of any process) opens the new file.
        std::filesystem::rename(m_path, rotatedName(m_path), ec);
        ::flock(file, LOCK_UN);
        ::close(file);
        file = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (file < 0) {
            error = "audit log " + m_path + ": cannot be opened after rotating (" + std::strerror(errno) + ")";
            return false;
        }
        ::flock(file, LOCK_EX);
    }
    const ssize_t written = ::write(file, line.data(), line.size());
    const bool ok = written == ssize_t(line.size()) && ::fsync(file) == 0;
    if (!ok)
        error = "audit log " + m_path + ": cannot be written (" + std::strerror(errno) + ")";
    ::flock(file, LOCK_UN);
    ::close(file);
    if (m_syslog) {
        std::string ignored;  // the file holds the record; a collector away is not a lost event
        m_syslog->send(xml, ignored);
    }
    return ok;
}

} // namespace hf
