// Every image of a series reachable: real multi-stack series from ../shared/corpus split into
// stacks by what tells them apart (echo time, b-value, image type, acquisition, order), each
// labelled, none dropped; spacing that changes by protocol named as regimes, not as gaps.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace hf;
using namespace hf::test;

namespace {

// The one series of a folder (the folder holds one).
Series seriesIn(const std::string& folder, size_t& frames)
{
    ScanResult scan = HeaderScanner().scan({(corpus() / folder).string()});
    REQUIRE(scan.errors.empty());
    frames = scan.frames.size();
    StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.patients.size() == 1);
    REQUIRE(tree.patients[0].studies.size() == 1);
    REQUIRE(tree.patients[0].studies[0].series.size() == 1);
    return tree.patients[0].studies[0].series[0];
}

size_t framesIn(const Series& series)
{
    size_t n = 0;
    for (const Stack& s : series.stacks)
        n += s.slices.size();
    return n;
}

const StackDistinction* distinction(const Stack& stack, const std::string& key)
{
    for (const auto& d : stack.distinctions)
        if (d.key == key)
            return &d;
    return nullptr;
}

bool noDuplicateWarning(const Stack& stack)
{
    return std::none_of(stack.warnings.begin(), stack.warnings.end(),
                        [](const std::string& w) { return w.find("duplicate") != std::string::npos; });
}

} // namespace

TEST_CASE("Siemens PD+T2 (one series, two echoes at the same positions) opens as two echoes", "[dicomio][corpus][stacks]")
{
    size_t frames = 0;
    const Series series = seriesIn("dcm_qa_pdt2/In/Siemens/VE11", frames);
    REQUIRE(series.stacks.size() == 2);
    CHECK(framesIn(series) == frames);  // nothing dropped
    std::vector<double> echoes;
    for (const Stack& stack : series.stacks) {
        CHECK(stack.geometry.slices == 35);
        CHECK(noDuplicateWarning(stack));
        const StackDistinction* te = distinction(stack, "echo_time");
        REQUIRE(te);
        echoes.push_back(te->number);
    }
    CHECK(echoes == std::vector<double>{11, 92});
    CHECK(series.stacks[0].label == "TE 11.00 ms");
    // Proton density is brighter than T2 in this sequence.
    CHECK(computeStatistics(*VolumeLoader().load(series.stacks[0]).volume).mean >
          computeStatistics(*VolumeLoader().load(series.stacks[1]).volume).mean);
}

TEST_CASE("GE field map and magnitude, told apart only by instance number, open as two stacks", "[dicomio][corpus][stacks]")
{
    size_t frames = 0;
    const Series series = seriesIn("dcm_qa_fmap/In/GE/6_CV_Neuro", frames);
    REQUIRE(series.stacks.size() == 2);
    CHECK(framesIn(series) == 32);
    for (const Stack& stack : series.stacks) {
        CHECK(stack.geometry.slices == 16);
        CHECK(noDuplicateWarning(stack));
    }
    CHECK(series.stacks[0].label == "part 1");
    CHECK(series.stacks[1].label == "part 2");
    // The first by instance number is the field map (Hz, signed), then the magnitude.
    CHECK(series.stacks[0].slices.front().instanceNumber < series.stacks[1].slices.front().instanceNumber);
    const VolumeStatistics map = computeStatistics(*VolumeLoader().load(series.stacks[0]).volume);
    const VolumeStatistics magnitude = computeStatistics(*VolumeLoader().load(series.stacks[1]).volume);
    CHECK(map.min < 0);
    CHECK(magnitude.min >= 0);
}

TEST_CASE("Siemens XA30 field map echoes and DWI b-values are stacks of their own", "[dicomio][corpus][stacks]")
{
    size_t frames = 0;
    const Series fieldMap = seriesIn("dcm_qa_xa30/In/8_gre_field_mapping", frames);
    REQUIRE(fieldMap.stacks.size() == 2);
    CHECK(distinction(fieldMap.stacks[0], "echo_time")->number == Approx(10));
    CHECK(distinction(fieldMap.stacks[1], "echo_time")->number == Approx(12.46));
    const Series phase = seriesIn("dcm_qa_xa30/In/9_gre_field_mapping", frames);
    CHECK(phase.stacks.size() == 1);

    const Series dwi = seriesIn("dcm_qa_xa30/In/10_DWI_dir80_PA", frames);
    REQUIRE(dwi.stacks.size() == 3);
    CHECK(framesIn(dwi) == frames);
    std::multiset<double> bValues;
    for (const Stack& stack : dwi.stacks) {
        CHECK(stack.geometry.slices == 39);
        REQUIRE(distinction(stack, "b_value"));
        bValues.insert(distinction(stack, "b_value")->number);
    }
    CHECK(bValues == std::multiset<double>{0, 2500, 2500});
    CHECK(dwi.stacks[0].label.rfind("b 0", 0) == 0);
    const Series adc = seriesIn("dcm_qa_xa30/In/11_DWI_dir80_PA", frames);
    CHECK(adc.stacks.size() == 1);
}

TEST_CASE("Philips and Siemens enhanced MR: every stack of a multi-frame object is reachable and labelled", "[dicomio][corpus][stacks]")
{
    size_t frames = 0;
    const Series philips = seriesIn("dcm_qa_enh/In/Philips", frames);
    REQUIRE(philips.stacks.size() == 2);
    CHECK(framesIn(philips) == frames);
    std::set<std::string> types;
    for (const Stack& stack : philips.stacks)
        types.insert(distinction(stack, "image_type")->text);
    CHECK(types == std::set<std::string>{"magnitude", "real"});

    const Series siemens = seriesIn("dcm_qa_enh/In/Siemens/XA10", frames);
    REQUIRE(siemens.stacks.size() == 4);  // four time points of one geometry
    CHECK(framesIn(siemens) == frames);
    for (size_t k = 0; k < siemens.stacks.size(); ++k) {
        CHECK(siemens.stacks[k].geometry.slices == siemens.stacks[0].geometry.slices);
        CHECK(distinction(siemens.stacks[k], "acquisition_number")->number == double(k + 1));
    }
}

TEST_CASE("the GE head CT names its spacing regimes instead of missing slices", "[dicomio][corpus][geometry]")
{
    size_t frames = 0;
    const Series series = seriesIn("dcm_qa_ct/In/GE", frames);
    REQUIRE(series.stacks.size() == 1);
    const auto& warnings = series.stacks[0].warnings;
    CHECK(std::find(warnings.begin(), warnings.end(), "spacing regimes: 4.0 mm x 13, 1.1 mm x 1, 7.0 mm x 13") != warnings.end());
    CHECK(std::none_of(warnings.begin(), warnings.end(), [](const std::string& w) { return w.find("missing") != std::string::npos; }));
    CHECK(series.stacks[0].label.empty());  // one stack: nothing to tell apart
}
