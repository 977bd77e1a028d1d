// Reading QIDO-RS answers (DICOM JSON) as they are parsed: the values kept are the ones a DOM
// reading gave, an answer larger than its bound is cut without being held, and what is not a
// list of results says so.
#include "QidoAnswer.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <string>

using namespace hf;

namespace {

long maxResidentMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

const std::set<std::string> kWanted{"00100010", "00100020", "0020000D", "00201208", "00200032", "00080061"};

} // namespace

TEST_CASE("QIDO-RS answer: the wanted attributes' values as text, whatever else the archive sends", "[qido]")
{
    // As an archive writes it: person names as objects, numbers as numbers, several values,
    // attributes without a Value, tags nobody asked for, and a result that is not an object.
    const std::string body = R"([
      {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE", "Ideographic": "X"}]},
       "00100020": {"vr": "LO", "Value": ["HF7"]},
       "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
       "00201208": {"vr": "IS", "Value": [500]},
       "00200032": {"vr": "DS", "Value": [-12.5, 0, 3]},
       "00080061": {"vr": "CS", "Value": ["CT", null, "PT"]},
       "00081030": {"vr": "LO", "Value": ["not asked for"]}},
      42,
      {"00100010": {"vr": "PN"},
       "00100020": {"vr": "LO", "Value": []},
       "0020000D": {"vr": "UI", "Value": ["1.2.4"]},
       "00201208": {"vr": "IS", "Value": [{"nested": ["x"]}]},
       "0020000D": {"vr": "UI", "Value": ["1.2.5"]}},
      {"0020000D": {"vr": "UI", "Value": ["1.2.6"], "Value": "not a list"},
       "00100010": {"vr": "PN", "Value": [{"Alphabetic": "A", "Alphabetic": 5}]},
       "00100020": {"vr": "LO", "Value": ["X"]}, "00100020": {"vr": "LO"}}
    ])";
    const QidoAnswer answer = QidoAnswer::read(body, kWanted, 100);
    REQUIRE(answer.ok);
    CHECK_FALSE(answer.truncated);
    REQUIRE(answer.results.size() == 3);
    const auto& first = answer.results[0];
    CHECK(first.at("00100010") == "DOE^JANE");
    CHECK(first.at("00100020") == "HF7");
    CHECK(first.at("0020000D") == "1.2.3");
    CHECK(first.at("00201208") == "500");
    CHECK(first.at("00200032") == "-12.500000\\0\\3");
    CHECK(first.at("00080061") == "CT\\\\PT");
    CHECK(first.count("00081030") == 0);
    const auto& second = answer.results[1];
    CHECK(second.count("00100010") == 0);  // no Value: absent
    CHECK(second.at("00100020").empty());
    CHECK(second.at("0020000D") == "1.2.5");  // given twice: the last counts
    CHECK(second.at("00201208").empty());     // an element that is neither a value nor a name
    // What a key given twice says last counts, as in a document tree: nothing here.
    const auto& third = answer.results[2];
    CHECK(third.count("0020000D") == 0);
    CHECK(third.at("00100010").empty());
    CHECK(third.count("00100020") == 0);
}

TEST_CASE("QIDO-RS answer: past the bound nothing more is read or held", "[qido]")
{
    SECTION("more results than asked for")
    {
        std::string body = "[";
        for (int i = 0; i < 10; ++i)
            body += R"({"0020000D": {"vr": "UI", "Value": ["1.2.)" + std::to_string(i) + "\"]}},";
        body += "{}]";
        const QidoAnswer answer = QidoAnswer::read(body, kWanted, 4);
        REQUIRE(answer.ok);
        CHECK(answer.truncated);
        REQUIRE(answer.results.size() == 4);
        CHECK(answer.results[3].at("0020000D") == "1.2.3");
        CHECK(QidoAnswer::read(body, kWanted, 11).results.size() == 11);
        CHECK_FALSE(QidoAnswer::read(body, kWanted, 11).truncated);
    }
    SECTION("a huge answer costs about its own size, not a document tree of it")
    {
        // 4 million empty results (12 MB), then one result with 2 million attributes nobody
        // asked for (36 MB): as a tree these took about 1.4 GB.
        std::string empties = "[";
        for (int i = 0; i < 4'000'000; ++i)
            empties += "{},";
        empties += "{}]";
        std::string wide = "[{";
        for (int i = 0; i < 2'000'000; ++i)
            wide += "\"" + std::to_string(10000000 + i) + "\":{},";
        wide += "\"0020000D\": {\"vr\": \"UI\", \"Value\": [\"9.9\"]}}]";
        const long before = maxResidentMb();
        const QidoAnswer many = QidoAnswer::read(empties, kWanted, 20000);
        const QidoAnswer one = QidoAnswer::read(wide, kWanted, 20000);
        const long grown = maxResidentMb() - before;
        INFO("peak resident memory grew by " << grown << " MB");
        CHECK(grown < 150);
        CHECK(many.ok);
        CHECK(many.truncated);
        CHECK(many.results.size() == 20000);
        REQUIRE(one.results.size() == 1);
        CHECK(one.results[0].size() == 1);
        CHECK(one.results[0].at("0020000D") == "9.9");
    }
}

TEST_CASE("QIDO-RS answer: what is not a list of results says so; an empty answer is no results", "[qido]")
{
    for (const std::string body : {"{\"0020000D\": {}}", "\"a string\"", "17", "null"}) {
        INFO(body);
        const QidoAnswer answer = QidoAnswer::read(body, kWanted, 10);
        CHECK_FALSE(answer.ok);
        CHECK(answer.error == "JSON that is not a list of results");
        CHECK(answer.results.empty());
    }
    for (const std::string body : {"[{\"0020000D\": ", "<html>busy</html>", "[{}] trailing", "[1,]"}) {
        INFO(body);
        const QidoAnswer answer = QidoAnswer::read(body, kWanted, 10);
        CHECK_FALSE(answer.ok);
        CHECK(answer.error.rfind("something that is not JSON (", 0) == 0);
        CHECK(answer.results.empty());
    }
    for (const std::string body : {"", "  \r\n", "[]"}) {
        const QidoAnswer answer = QidoAnswer::read(body, kWanted, 10);
        CHECK(answer.ok);
        CHECK(answer.results.empty());
    }
}
