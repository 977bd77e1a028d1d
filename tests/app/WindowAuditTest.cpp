// The workstation's audit trail (issue 23): files opened are an Import, a study shown is one DICOM
// Instances Accessed event (however many views show it), removing it from the cache one DICOM
// Study Deleted, each naming the reader from the user identity and the patient; every record valid
// against the schema.
#include "MainWindowFixture.h"

#include "AuditTrail.h"
#include "CacheTasks.h"
#include "ReaderIdentityDialog.h"

#include <catch2/catch.hpp>

#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTest>

using namespace hf;
using namespace hf::test;

namespace {

QStringList recordsOf(const QString& log)
{
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

TEST_CASE("the workstation records a study shown once and its removal, with the reader and the patient", "[gui][mainwindow][audit]")
{
    const Setup s = prepare("mainwindow-audit");
    gui::GuiOptions options = optionsFor(s);
    options.auditLog = QString::fromStdString((s.folder / "audit.log").string());
    {
        TestWindow t(options);
        openPhantom(*t.window, s);
        t.window->setLayoutName("1x2");  // the same study in a second view: still one access
        QTest::qWait(500);
        const QString studyUid = t.window->sliceViewport()->studyUid();
        REQUIRE_FALSE(studyUid.isEmpty());
        bool removed = false;
        t.station->cache().removeStudy({t.window.get(), {}, {}}, studyUid, t.station->audit(), [&](long long, long long) { removed = true; });
        REQUIRE(QTest::qWaitFor([&] { return removed; }, 10000));
    }  // the workstation closes: what it posted is written

    const QStringList records = recordsOf(options.auditLog);
    INFO(records.join('\n').toStdString());
    // The files opened were indexed (Import), the study shown once (Accessed), then removed.
    REQUIRE(records.size() == 3);
    const auto only = [&](const char* eventId) {
        QStringList found;
        for (const QString& r : records)
            if (r.contains(QString("<EventID csd-code=\"%1\"").arg(eventId)))
                found << r;
        REQUIRE(found.size() == 1);
        return found.front();
    };
    CHECK(only("110107").contains("EventActionCode=\"C\""));  // Import, from the folder opened
    CHECK(only("110107").contains(QString::fromStdString(s.phantom.string())));
    CHECK(only("110103").contains("EventActionCode=\"R\""));  // DICOM Instances Accessed
    CHECK(only("110105").contains("EventActionCode=\"D\""));  // DICOM Study Deleted
    CHECK(records.last().contains("csd-code=\"110105\""));     // the removal came last
    for (const QString& r : records) {
        CHECK(r.contains("UserID=\"reader01\" UserName=\"Test Reader\" UserIsRequestor=\"true\""));
        CHECK(r.contains("ParticipantObjectTypeCodeRole=\"1\""));  // the patient
        CHECK(r.contains("<ParticipantObjectName>PHANTOM^HOUNSFIELD</ParticipantObjectName>"));
    }
    const ProcessResult valid = runProcess("bash", {QString(HF_SOURCE_DIR) + "/tests/audit/validate-audit-log.sh", options.auditLog});
    INFO(valid.out.toStdString());
    CHECK(valid.out.trimmed() == "3 records valid");
}

TEST_CASE("the reader identity dialog: a name is required; an empty user ID is the login name", "[gui][audit]")
{
    gui::ReaderIdentityDialog dialog(app::UserIdentity{});
    auto* name = dialog.findChild<QLineEdit*>("reader-name");
    auto* id = dialog.findChild<QLineEdit*>("reader-id");
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    REQUIRE(name);
    REQUIRE(id);
    CHECK_FALSE(ok->isEnabled());
    name->setText("  Dr A. Reader ");
    CHECK(ok->isEnabled());
    CHECK(dialog.identity().name == "Dr A. Reader");
    CHECK(dialog.identity().id == app::UserIdentity::loginName());
    id->setText("ar042");
    CHECK(dialog.identity().id == "ar042");
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    dialog.grab().save(QString::fromStdString(scratch("reader-identity").string() + "/dialog.png"));  // to look at
    // Kept in the settings the CLI reads too.
    QSettings settings(QString::fromStdString(scratch("reader-identity-settings").string() + "/s.ini"), QSettings::IniFormat);
    dialog.identity().save(settings);
    const app::UserIdentity loaded = app::UserIdentity::load(settings);
    CHECK(loaded.name == "Dr A. Reader");
    CHECK(loaded.id == "ar042");
    CHECK(loaded.author() == "Dr A. Reader");
}
