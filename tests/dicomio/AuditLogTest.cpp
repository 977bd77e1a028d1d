// The audit log itself: one complete message per line under concurrent writers (two logs on one
// file, as the workstation and the CLI are), rotation by renaming (never rewriting), and values
// escaped so a hostile patient name cannot break the XML.
#include "TestPaths.h"

#include "hf/dicomio/audit/AuditEvent.h"
#include "hf/dicomio/audit/AuditLog.h"
#include "hf/dicomio/audit/AuditMessage.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace hf;

namespace {

std::vector<std::string> linesOf(const std::filesystem::path& file)
{
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

AuditEvent studyOpened(int n)
{
    AuditEvent e(AuditEventKind::StudyOpened);
    e.userId = "reader01";
    e.studyUids = {"1.2.3." + std::to_string(n)};
    e.patientId = "P" + std::to_string(n);
    e.patientName = "DOE^JANE";
    return e;
}

} // namespace

TEST_CASE("audit log: two writers on one file leave every message whole, one per line", "[audit]")
{
    const auto folder = hf::test::scratch("audit-log-concurrent");
    const std::string path = (folder / "audit.log").string();
    AuditLog workstation(path, {}), cli(path, {});
    const auto write = [](AuditLog& log, int first) {
        for (int i = 0; i < 50; ++i) {
            std::string error;
            REQUIRE(log.record(studyOpened(first + i), error));
        }
    };
    std::thread a(write, std::ref(workstation), 0), b(write, std::ref(cli), 1000);
    a.join();
    b.join();
    const auto lines = linesOf(path);
    REQUIRE(lines.size() == 100);
    for (const std::string& line : lines) {
        CHECK(line.rfind("<AuditMessage>", 0) == 0);
        CHECK(line.size() > 14);
        CHECK(line.substr(line.size() - 15) == "</AuditMessage>");
    }
}

TEST_CASE("audit log: past its size the file is renamed with its closing time and a new one begun", "[audit]")
{
    const auto folder = hf::test::scratch("audit-log-rotation");
    const std::string path = (folder / "audit.log").string();
    const size_t one = auditMessageXml(studyOpened(0), {}).size() + 1;
    AuditLog log(path, {}, static_cast<long long>(one * 3 + 10));  // three records a file
    for (int i = 0; i < 10; ++i) {
        std::string error;
        REQUIRE(log.record(studyOpened(i), error));
    }
    std::vector<std::filesystem::path> rotated;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().filename().string().rfind("audit.log.", 0) == 0)
            rotated.push_back(entry.path());
    CHECK(rotated.size() == 3);
    size_t total = linesOf(path).size();
    for (const auto& file : rotated) {
        CHECK(linesOf(file).size() == 3);
        total += linesOf(file).size();
    }
    CHECK(linesOf(path).size() == 1);
    CHECK(total == 10);
}

TEST_CASE("audit message: a hostile name is escaped; the query is base64; the outcome says failure", "[audit]")
{
    AuditEvent e(AuditEventKind::Query);
    e.query = "PatientName=<script>&\"";
    e.success = false;
    e.outcome = "refused </EventOutcomeDescription><x>";
    const std::string xml = auditMessageXml(e, {}, "2026-12-06T10:00:00.000Z");
    CHECK(xml.find("<script>") == std::string::npos);
    CHECK(xml.find("refused &lt;/EventOutcomeDescription&gt;&lt;x&gt;") != std::string::npos);
    CHECK(xml.find("<ParticipantObjectQuery>UGF0aWVudE5hbWU9PHNjcmlwdD4mIg==</ParticipantObjectQuery>") != std::string::npos);
    CHECK(xml.find("EventOutcomeIndicator=\"4\"") != std::string::npos);
    CHECK(xml.find("EventDateTime=\"2026-12-06T10:00:00.000Z\"") != std::string::npos);
}
