// SUV of real 18F-FLT PET slices (TCIA, via suyashkumar/dicom) and of variants edited by DCMTK's
// dcmodify (decay correction ADMIN and NONE, Philips CNTS, missing weight, injection after the
// scan, height for SUVlbm and SUVbsa): our factor against the one pydicom computes in the test
// after QIBA's pseudo-code; the reasons name the tag.
#include "PhantomFixture.h"
#include "TestPaths.h"

#include "hf/dicomio/FrameHeaderCodec.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/MeasurementReport.h"
#include "hf/dicomio/PetSuv.h"
#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

const std::filesystem::path kPet = corpus() / "suyashkumar-dicom/testdata";

FrameHeader scanned(const std::string& file)
{
    const ScanResult scan = HeaderScanner().scan({file});
    REQUIRE(scan.frames.size() == 1);
    return scan.frames[0];
}

// pydicom's factor, or 0 for "none".
double pydicomFactor(const std::string& file, const std::string& kind = "bw")
{
    const std::string command = "/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/suv-factor.py' '" + file + "' " + kind;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    char line[128] = {};
    REQUIRE(pipe);
    REQUIRE(std::fgets(line, sizeof line, pipe.get()));
    return std::string(line).rfind("none", 0) == 0 ? 0.0 : std::stod(line);
}

std::string edited(const std::string& name, const std::string& source, const std::string& dcmodifyArguments)
{
    const auto file = scratch("suv-" + name) / "pet.dcm";
    std::filesystem::copy_file(source, file, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(std::system(("dcmodify -nb -q " + dcmodifyArguments + " '" + file.string() + "'").c_str()) == 0);
    return file.string();
}

// A copy in Philips' counts: Units CNTS and a private Philips PET element (7053,ELEMENT) (DS,
// written by pydicom: dcmodify cannot give an unknown private tag a value).
std::string philips(const std::string& name, const std::string& source, int element, const std::string& value)
{
    const std::string file = edited(name, source, "-m \"(0054,1001)=CNTS\"");
    const std::string script = "import sys, pydicom\n"
                               "d = pydicom.dcmread(sys.argv[1])\n"
                               "block = d.private_block(0x7053, 'Philips PET Private Group', create=True)\n"
                               "block.add_new(int(sys.argv[2], 16), 'DS', sys.argv[3])\n"
                               "d.save_as(sys.argv[1])\n";
    REQUIRE(std::system(("/usr/bin/python3 -c \"" + script + "\" '" + file + "' " + std::to_string(element) + " " + value).c_str()) == 0);
    return file;
}

} // namespace

TEST_CASE("SUVbw of real PET slices is the factor pydicom computes after QIBA, the dynamic scan's too", "[dicomio][pet]")
{
    for (const char* name : {"1.dcm", "2.dcm"}) {
        const std::string file = (kPet / name).string();
        INFO(file);
        const FrameHeader h = scanned(file);
        REQUIRE(h.pet.present());
        CHECK(h.pet.units == "BQML");
        CHECK(h.pet.decayCorrection == "START");
        const SuvFactor f = suvFactor(h);
        INFO(f.reason);
        REQUIRE(f.ok);
        CHECK(f.kind == "SUVbw");
        CHECK(f.unit == "g/ml");
        CHECK(f.calibration() == "SUVbw from Radiopharmaceutical Information");
        CHECK(f.factor == Approx(pydicomFactor(file)).epsilon(1e-9));
        CHECK(f.decaySeconds >= 0);
    }
    // The second is dynamic: injected at the Series Time, so almost no decay.
    CHECK(suvFactor(scanned((kPet / "2.dcm").string())).decaySeconds < 1.0);
    CHECK(suvFactor(scanned((kPet / "1.dcm").string())).decaySeconds == Approx(3976.921).margin(0.01));
}

TEST_CASE("decay correction ADMIN and NONE, and Philips' CNTS scale factors, as QIBA says", "[dicomio][pet]")
{
    const std::string source = (kPet / "1.dcm").string();
    const std::string admin = edited("admin", source, "-m \"(0054,1102)=ADMIN\"");
    const SuvFactor a = suvFactor(scanned(admin));
    REQUIRE(a.ok);
    CHECK(a.decaySeconds == 0);
    CHECK(a.factor == Approx(pydicomFactor(admin)).epsilon(1e-9));
    const std::string none = edited("none", source, "-m \"(0054,1102)=NONE\" -m \"(0008,0032)=153000\"");
    const SuvFactor n = suvFactor(scanned(none));
    REQUIRE(n.ok);
    CHECK(n.factor == Approx(pydicomFactor(none)).epsilon(1e-9));
    CHECK(n.factor != Approx(suvFactor(scanned(source)).factor));  // decayed to 15:30:00, not to the series start
    // Philips: CNTS with its SUV scale factor, or with its activity concentration scale.
    const std::string suvScale = philips("philips-suv", source, 0x00, "0.000321");
    CHECK(suvFactor(scanned(suvScale)).factor == Approx(0.000321));
    CHECK(pydicomFactor(suvScale) == Approx(0.000321));
    const std::string activity = philips("philips-activity", source, 0x09, "2.5");
    const SuvFactor c = suvFactor(scanned(activity));
    REQUIRE(c.ok);
    CHECK(c.factor == Approx(pydicomFactor(activity)).epsilon(1e-9));
    CHECK(c.factor == Approx(2.5 * suvFactor(scanned(source)).factor).epsilon(1e-9));
    // GML: the values are SUVbw already; no other kind can be made from them.
    const std::string gml = edited("gml", source, "-m \"(0054,1001)=GML\"");
    CHECK(suvFactor(scanned(gml)).factor == 1.0);
    CHECK(pydicomFactor(gml) == 1.0);
    CHECK_THAT(suvFactor(scanned(gml), SuvKind::LeanBodyMass).reason, Catch::Contains("Units (0054,1001) GML"));
}

TEST_CASE("SUVlbm and SUVbsa from the patient's height; a missing tag is named and there is no factor", "[dicomio][pet]")
{
    const std::string source = (kPet / "1.dcm").string();
    const std::string tall = edited("height", source, "-i \"(0010,1020)=1.65\"");
    const FrameHeader h = scanned(tall);
    const SuvFactor lbm = suvFactor(h, SuvKind::LeanBodyMass), bsa = suvFactor(h, SuvKind::BodySurfaceArea);
    REQUIRE(lbm.ok);
    REQUIRE(bsa.ok);
    CHECK(lbm.kind == "SUVlbm");
    CHECK(bsa.unit == "cm2/ml");
    CHECK(lbm.factor == Approx(pydicomFactor(tall, "lbm")).epsilon(1e-9));
    CHECK(bsa.factor == Approx(pydicomFactor(tall, "bsa")).epsilon(1e-9));
    CHECK_FALSE(suvFactor(scanned(source), SuvKind::LeanBodyMass).ok);  // no height
    CHECK_THAT(suvFactor(scanned(source), SuvKind::LeanBodyMass).reason, Catch::Contains("Patient's Size (0010,1020)"));

    const std::string noWeight = edited("no-weight", source, "-e \"(0010,1030)\"");
    const SuvFactor w = suvFactor(scanned(noWeight));
    CHECK_FALSE(w.ok);
    CHECK_THAT(w.reason, Catch::Contains("Patient's Weight (0010,1030)"));
    CHECK(pydicomFactor(noWeight) == 0);
    const std::string late = edited("late-injection", source, "-m \"(0054,0016)[0].(0018,1072)=160000\"");
    CHECK_THAT(suvFactor(scanned(late)).reason, Catch::Contains("Radiopharmaceutical Start Time (0018,1072)"));
    const std::string noDose = edited("no-dose", source, "-e \"(0054,0016)[0].(0018,1074)\"");
    CHECK_THAT(suvFactor(scanned(noDose)).reason, Catch::Contains("Radionuclide Total Dose (0018,1074)"));
    // A CT is no PET image.
    CHECK_FALSE(suvFactor(scanned((corpus() / "highdicom/data/test_files/ct_image.dcm").string())).ok);
}

TEST_CASE("the PET tags survive the cache's header blobs", "[dicomio][pet]")
{
    const FrameHeader h = scanned((kPet / "1.dcm").string());
    const auto decoded = decodeFrameHeaders(encodeFrameHeaders(&h, 1));
    REQUIRE(decoded);
    REQUIRE(decoded->size() == 1);
    const PetSuvTags& p = decoded->front().pet;
    CHECK(p.units == "BQML");
    CHECK(p.injectedDoseBq == Approx(178340011.59668));
    CHECK(p.halfLifeS == Approx(6586.2));
    CHECK(p.injectionTime == "141700.000000");
    CHECK(suvFactor(decoded->front()).factor == Approx(suvFactor(h).factor));
}

TEST_CASE("make-phantom's PET: Bq/mL with what SUV needs, its spheres' SUV known exactly, beside its CT", "[dicomio][pet]")
{
    PhantomOptions o = smallPhantom();
    o.modality = "PT";
    const LoadedPhantom pet = writeAndLoad(o, "suv-phantom-pet");
    REQUIRE(pet.loaded.volume);
    const Stack& stack = *pet.tree.firstStack();
    const FrameHeader& h = stack.slices.front();
    CHECK(h.modality == "PT");
    CHECK(h.sopClassUid == "1.2.840.10008.5.1.4.1.1.128");
    const SuvFactor f = suvFactor(h);
    INFO(f.reason);
    REQUIRE(f.ok);
    CHECK(f.factor == Approx(petSuvFactor()).epsilon(1e-12));
    CHECK(f.decaySeconds == Approx(kPetUptakeS));
    CHECK(f.factor == Approx(pydicomFactor(h.path)).epsilon(1e-9));
    // Each sphere's centre voxel holds its Bq/mL exactly; times the factor, its known SUV.
    const Volume& v = *pet.loaded.volume;
    for (const PhantomSphere& sphere : pet.model.spheres()) {
        INFO(sphere.name);
        const Vec3 index = stack.geometry.toIndex(sphere.center);
        const double value = v.valueAt(int(std::lround(index.x)), int(std::lround(index.y)), int(std::lround(index.z)));
        CHECK(value == sphere.value);
        CHECK(value * f.factor == Approx(sphere.value * petSuvFactor()).epsilon(1e-12));
    }
    // A CT of the same seed is another series of the same study, in the same Frame of Reference.
    PhantomOptions c = smallPhantom();
    const LoadedPhantom ct = writeAndLoad(c, "suv-phantom-ct");
    const FrameHeader& ctHeader = ct.tree.firstStack()->slices.front();
    CHECK(ctHeader.studyUid == h.studyUid);
    CHECK(ctHeader.frameOfReferenceUid == h.frameOfReferenceUid);
    CHECK(ctHeader.seriesUid != h.seriesUid);
    CHECK_FALSE(ctHeader.pet.present());
}

namespace {

// One of our annotations on a 64x64 PET image (1 mm pixels centred on the origin) as the report takes it.
AnnotationRecord petRecord(const std::string& id, const std::string& kind, std::vector<Vec3> points, std::vector<AnnotationValue> values)
{
    AnnotationRecord a;
    a.id = id;
    a.kind = kind;
    a.author = "reader";
    a.created = a.modified = "2026-01-01T12:00:00.000Z";
    a.image.seriesUid = "2.25.3002";
    a.image.sopClassUid = "1.2.840.10008.5.1.4.1.1.128";
    a.image.sopInstanceUid = "2.25.3003";
    a.image.rows = a.image.columns = 64;
    a.points = std::move(points);
    for (const Vec3& p : a.points)
        a.pixels.push_back({p.x + 32, p.y + 32});
    a.values = std::move(values);
    a.calibration = "Pixel Spacing";
    return a;
}

// The report written to a scratch file, and how DCMTK's dsrdump reads it.
std::string writeAndDump(const std::string& name, const AnnotationRecord& a, std::string& file)
{
    StudyAnnotationSet set;
    set.study.uid = "2.25.3001";
    set.annotations.push_back(a);
    file = (scratch(name) / "report.dcm").string();
    writeMeasurementReport(file, set, ObjectInstance{"2.25.3004", "2.25.3005", 9901, 1, "20260101120000", "", "", "reader"});
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("dsrdump -Ph '" + file + "' 2>/dev/null").c_str(), "r"), pclose);
    std::string dump;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get()))
        dump += buffer;
    return dump;
}

} // namespace

TEST_CASE("SUV values go into the TID 1500 report with the UCUM unit {SUVbw}g/ml and come back", "[dicomio][pet]")
{
    std::string file;
    const std::string dump = writeAndDump("suv-report", petRecord("0f6b1e2c-3d4e-4f50-8a9b-000000000009", "ellipse", {{9.5, -2, 1}, {13.5, 2, 1}},
                                                                  {{"mean", 11.05, "SUVbw"}, {"max", 11.05, "SUVbw"}}),
                                          file);
    // DCMTK reads the unit as UCUM {SUVbw}g/ml.
    CHECK(dump.find("({SUVbw}g/ml,UCUM,") != std::string::npos);
    const ReadMeasurementReport back = readMeasurementReport(file);
    REQUIRE(back.set.annotations.size() == 1);
    REQUIRE(back.set.annotations[0].values.size() == 2);
    CHECK(back.set.annotations[0].values[0].unit == "SUVbw");
    CHECK(back.set.annotations[0].values[0].value == Approx(11.05));
}

TEST_CASE("a sphere volume of interest goes into the report as a circle on its image and an ellipsoid in space, and comes back", "[dicomio][pet]")
{
    // Centre, and 9 mm along the rows.
    AnnotationRecord a = petRecord("0f6b1e2c-3d4e-4f50-8a9b-000000000010", "sphere", {{23, 0, 1}, {32, 0, 1}},
                                   {{"diameter", 18, "mm"}, {"max", 11.05, "SUVbw"}, {"peak", 11.05, "SUVbw"}, {"mtv_abs", 3.05, "mL"}});
    a.frameOfReferenceUid = "2.25.3104";
    std::string file;
    const std::string dump = writeAndDump("suv-sphere-report", a, file);
    CHECK(dump.find("=(CIRCLE,55/32,") != std::string::npos);  // centre pixel first
    CHECK(dump.find("=(ELLIPSOID,,14/0/1,") != std::string::npos);  // 9 mm either way along x first
    CHECK(dump.find("\"Diameter\")=\"18\" (mm,UCUM") != std::string::npos);
    CHECK(dump.find("\"Peak Value Within ROI\")=\"11.05\" ({SUVbw}g/ml,UCUM") != std::string::npos);
    CHECK(dump.find("\"Metabolic Volume at SUV 2.5\")=\"3.05\" (ml,UCUM") != std::string::npos);
    const ReadMeasurementReport back = readMeasurementReport(file);
    REQUIRE(back.set.annotations.size() == 1);
    CHECK(back.set.annotations[0].kind == "sphere");
    REQUIRE(back.set.annotations[0].points.size() == 2);
    CHECK(back.set.annotations[0].points[1].x == Approx(32));
    REQUIRE(back.set.annotations[0].values.size() == 4);
    CHECK(back.set.annotations[0].values[3].name == "mtv_abs");
}
