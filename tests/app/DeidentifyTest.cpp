// De-identified originals (issue 23): `export --format dicom --anonymize` writes the original
// instances under PS3.15's basic profile: dciodvfy finds no error, no element anywhere holds the
// source's identifying values, UIDs are replaced consistently within the export, the options keep
// what they promise, and an image with burned-in text is refused until masked (its pixels black
// where asked) or accepted.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace hf::test;

namespace {

const QString cli = HF_CLI_EXE;

ProcessResult run(const QString& program, const QStringList& args)
{
    const ProcessResult r = runProcess(program, args);
    UNSCOPED_INFO(program.toStdString() << " " << args.join(' ').toStdString() << "\n" << r.out.toStdString() << r.err.toStdString());
    return r;
}

// Every element of every file in the folder, as dcmdump prints them.
QString dumpOf(const QStringList& files)
{
    QString all;
    for (const QString& f : files)
        all += runProcess("dcmdump", {"-q", "+L", f}).out;  // every element, sequences included, long values whole
    return all;
}

QStringList filesIn(const QString& folder)
{
    QStringList files;
    for (const QString& name : QDir(folder).entryList({"*.dcm"}, QDir::Files))
        files << folder + "/" + name;
    return files;
}

QString valueOf(const QString& file, const QString& tag)
{
    return runProcess("dcmdump", {"-q", "+P", tag, file}).out.section('[', 1).section(']', 0, 0);
}

} // namespace

TEST_CASE("export --format dicom --anonymize: valid objects, none of the source's identity anywhere, UIDs consistent", "[cli][deidentify]")
{
    const auto folder = scratch("deidentify");
    const QString study = QString::fromStdString((folder / "study").string());
    const QString db = QString::fromStdString((folder / "cache.db").string());
    REQUIRE(run(cli, {"make-phantom", "--out", study, "--size", "32x32x3", "--seed", "811"}).exitCode == 0);
    QStringList sources;
    for (const QString& name : QDir(study).entryList(QDir::Files))
        sources << study + "/" + name;
    // Identity a hospital's images carry, a private tag, and a description naming the patient.
    const char* hospitalise =
        "import pydicom,sys\n"
        "for f in sys.argv[1:]:\n"
        "    d=pydicom.dcmread(f)\n"
        "    d.AccessionNumber='ACC-55123'; d.InstitutionName='St Elsewhere Hospital'\n"
        "    d.ReferringPhysicianName='HOUSE^GREGORY'; d.OperatorsName='CUDDY^LISA'\n"
        "    d.PatientAddress='221B Baker Street'; d.StudyDescription='CT chest PHANTOM follow-up'\n"
        "    d.DeviceSerialNumber='SN-998877'; d.PatientAge='056Y'\n"
        "    block=d.private_block(0x0029,'ACME',create=True); block.add_new(0x10,'LO','secret-scanner-note')\n"
        "    d.save_as(f)\n";
    REQUIRE(run("/usr/bin/python3", QStringList{"-c", hospitalise} + sources).exitCode == 0);
    REQUIRE(run(cli, {"import", "--db", db, study}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(run(cli, {"info", study, "--json"}).out.toUtf8()).object();
    const QJsonObject patient = info["patients"][0].toObject();
    const QJsonObject studyInfo = patient["studies"][0].toObject();
    const QString studyUid = studyInfo["uid"].toString();
    const QString before = dumpOf(sources);
    const QString originalSop = valueOf(sources[0], "0008,0018");
    const QString originalFrame = valueOf(sources[0], "0020,0052");

    const QString out = QString::fromStdString((folder / "out").string());
    const QString log = QString::fromStdString((folder / "audit.log").string());
    const ProcessResult exported = run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--anonymize", "--out", out,
                                             "--audit-log", log});
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.err.contains("3 of 3 instance(s) written"));
    const QStringList files = filesIn(out);
    REQUIRE(files.size() == 3);

    for (const QString& f : files) {
        const ProcessResult verified = runProcess("dciodvfy", {f});
        INFO((verified.out + verified.err).toStdString());
        CHECK_FALSE((verified.out + verified.err).contains("Error"));
    }
    const QString after = dumpOf(files);
    // Debian's Python (with python3-pydicom), not whatever python3 comes first on PATH.
    // The test reads the values back from the source, so it checks what was really there.
    for (const QString& identifying :
         {patient["name"].toString().section('^', 0, 0), patient["id"].toString(), patient["birth_date"].toString(), QString("ACC-55123"),
          QString("Elsewhere"), QString("HOUSE"), QString("CUDDY"), QString("Baker"), QString("SN-998877"), QString("secret-scanner-note"),
          QString("ACME"), studyUid, studyInfo["series"][0]["uid"].toString(), originalSop, originalFrame, studyInfo["date"].toString(),
          QString("056Y")}) {
        INFO(identifying.toStdString());
        REQUIRE_FALSE(identifying.isEmpty());
        CHECK(before.contains(identifying));
        CHECK_FALSE(after.contains(identifying));
    }
    // One new study, series and frame of reference for all three; three new instances.
    QSet<QString> studies, frames, instances;
    for (const QString& f : files) {
        studies << valueOf(f, "0020,000d");
        frames << valueOf(f, "0020,0052");
        instances << valueOf(f, "0008,0018");
        CHECK(valueOf(f, "0012,0062") == "YES");
        CHECK(valueOf(f, "0010,0010") == "ANONYMOUS");
        CHECK(valueOf(f, "0028,0303") == "REMOVED");
    }
    CHECK(studies.size() == 1);
    CHECK(frames.size() == 1);
    CHECK(instances.size() == 3);
    CHECK(after.contains("113100"));  // Basic Application Confidentiality Profile
    // The export is in the audit trail, with its destination.
    const QJsonObject audit = QJsonDocument::fromJson(runProcess(cli, {"audit", "--audit-log", log, "--json"}).out.toUtf8()).object();
    const QJsonArray events = audit["events"].toArray();  // the import's (the same log, beside the cache), then the export's
    REQUIRE(events.size() == 2);
    CHECK(events[1]["event"] == "Export");
    CHECK(events[1]["instances"] == 3);

    SECTION("without --anonymize the originals are copied as they are; the options need --anonymize")
    {
        const QString plain = QString::fromStdString((folder / "plain").string());
        REQUIRE(run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--out", plain}).exitCode == 0);
        const QStringList copies = QDir(plain).entryList(QDir::Files);
        REQUIRE(copies.size() == 3);
        CHECK(dumpOf({plain + "/" + copies[0]}).contains(patient["id"].toString()));
        const ProcessResult misused = run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--retain-dates", "--out", plain});
        CHECK(misused.exitCode == 2);
        CHECK(misused.err.contains("go with --anonymize"));
        const ProcessResult both = run(cli, {"export", "--db", db, "--study", studyUid, "--series", "1.2.3", "--format", "dicom", "--out", plain});
        CHECK(both.exitCode == 2);
        CHECK(both.err.contains("--series UID or --study UID"));
    }
    SECTION("the options keep dates, characteristics and cleaned descriptions")
    {
        const QString kept = QString::fromStdString((folder / "kept").string());
        REQUIRE(run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--anonymize", "--retain-dates",
                          "--retain-patient-characteristics", "--clean-descriptors", "--out", kept})
                    .exitCode == 0);
        const QString f = filesIn(kept).front();
        CHECK(valueOf(f, "0008,0020") == studyInfo["date"].toString());
        CHECK(valueOf(f, "0010,1010") == "056Y");
        CHECK(valueOf(f, "0008,1030") == "CT chest *** follow-up");
        CHECK(valueOf(f, "0028,0303") == "UNMODIFIED");
        const QString dump = dumpOf({f});
        for (const char* code : {"113106", "113108", "113105"})
            CHECK(dump.contains(code));
        CHECK_FALSE(dump.contains(patient["id"].toString()));
    }
    SECTION("an image marked with burned-in text is refused, then masked black where asked")
    {
        REQUIRE(run("/usr/bin/python3", {"-c", "import pydicom,sys\nd=pydicom.dcmread(sys.argv[1]); d.BurnedInAnnotation='YES'; d.save_as(sys.argv[1])",
                                sources[1]})
                    .exitCode == 0);
        const QString refusedOut = QString::fromStdString((folder / "refused").string());
        const ProcessResult refused = run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--anonymize", "--out", refusedOut});
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(sources[1] + ": the image may have text burned into its pixels"));
        CHECK(filesIn(refusedOut).size() == 2);

        const QString masked = QString::fromStdString((folder / "masked").string());
        const ProcessResult maskedRun = run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--anonymize", "--mask",
                                                  "0,0,10,6;20,20,4,4", "--out", masked});
        REQUIRE(maskedRun.exitCode == 0);
        CHECK(maskedRun.err.contains("1 masked"));
        QString maskedFile;
        for (const QString& line : maskedRun.out.split('\n'))
            if (line.endsWith("(masked)"))
                maskedFile = line.section("  (masked)", 0, 0);
        REQUIRE_FALSE(maskedFile.isEmpty());
        CHECK(valueOf(maskedFile, "0028,0301") == "NO");
        // Pixels: black inside the rectangles, the phantom (not black) beside them.
        const ProcessResult pixels = run("/usr/bin/python3", {"-c",
                                                     "import pydicom,sys\n"
                                                     "a=pydicom.dcmread(sys.argv[1]).pixel_array\n"
                                                     "print(int(a[0:6,0:10].max()), int(a[20:24,20:24].max()), int(a[6:20,10:20].max()))",
                                                     maskedFile});
        const QStringList values = pixels.out.trimmed().split(' ');
        REQUIRE(values.size() == 3);
        CHECK(values[0].toInt() == 0);
        CHECK(values[1].toInt() == 0);
        CHECK(values[2].toInt() > 0);

        const QString accepted = QString::fromStdString((folder / "accepted").string());
        CHECK(run(cli, {"export", "--db", db, "--study", studyUid, "--format", "dicom", "--anonymize", "--accept-burned-in", "--out", accepted})
                  .exitCode == 0);
        CHECK(filesIn(accepted).size() == 3);
    }
}
