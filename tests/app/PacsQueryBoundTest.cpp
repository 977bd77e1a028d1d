// A query that matches more than the caller wants reads no more (C-FIND cancelled, QIDO-RS
// asked with limit) and says so - against the test Orthanc (ctest fixture "pacs: start Orthanc").
#include "OrthancPeer.h"

#include "hf/dicomio/net/RemoteQuery.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace hf;
using namespace hf::test;
using namespace hf::test::orthanc;

TEST_CASE("a query matching more than its bound returns the first matches and says to narrow it", "[pacs]")
{
    // Three patients HF301-HF303 (seeds of their own); "HF30?" matches the three of them.
    for (int seed : {301, 302, 303})
        storePhantom("pacs-bound-" + std::to_string(seed), seed);
    std::string reason;
    for (const std::string& address : {dimseNode.toStdString(), webNode.toStdString()}) {
        INFO(address);
        const PacsNode node = *parsePacsNode(address, reason);
        RemoteQuery q;
        q.patientId = "HF30?";

        const RemoteQueryResult all = findRemote(node, q);
        REQUIRE(all.ok);
        CHECK(all.records.size() == 3);
        CHECK_FALSE(all.truncated);
        CHECK(all.message == "3 studies found on " + nodeAddress(node));

        q.maxRecords = 2;
        const RemoteQueryResult bounded = findRemote(node, q);
        REQUIRE(bounded.ok);
        CHECK(bounded.records.size() == 2);
        CHECK(bounded.truncated);
        CHECK(bounded.message == "2 studies found on " + nodeAddress(node) + " (more match: only the first 2 read; narrow the search)");
        std::set<std::string> ids;
        for (const RemoteRecord& r : bounded.records)
            ids.insert(r.patient.id);
        CHECK(ids.size() == 2);
        for (const std::string& id : ids)
            CHECK((id == "HF301" || id == "HF302" || id == "HF303"));

        // The node still answers the next query at once: the cancelled one left nothing behind.
        q.maxRecords = 3;
        const RemoteQueryResult again = findRemote(node, q);
        REQUIRE(again.ok);
        CHECK(again.records.size() == 3);
        CHECK_FALSE(again.truncated);
    }
}

TEST_CASE("a patient's studies for priors: only the newest are asked for their series, and it says so", "[pacs][priors]")
{
    // One patient (seed 311), three studies on three dates.
    const QString oldest = storePhantom("pacs-bound-priors-2019", 311, {"--study-date", "20190101"});
    const QString middle = storePhantom("pacs-bound-priors-2021", 311, {"--study-date", "20210101", "--body-part", "HEAD"});
    const QString newest = storePhantom("pacs-bound-priors-2023", 311, {"--study-date", "20230101", "--body-part", "CHEST"});
    std::string reason;
    for (const std::string& address : {dimseNode.toStdString(), webNode.toStdString()}) {
        INFO(address);
        const PacsNode node = *parsePacsNode(address, reason);

        const PatientStudiesResult all = findPatientStudies(node, "HF311");
        REQUIRE(all.ok);
        REQUIRE(all.studies.size() == 3);
        CHECK_FALSE(all.truncated);
        CHECK(all.message == "3 of the patient's studies on the node");  // no patient identity: it may be logged
        CHECK(all.studies[0].study.uid == studyOf(newest).toStdString());  // newest first
        CHECK(all.studies[2].study.uid == studyOf(oldest).toStdString());

        const PatientStudiesResult bounded = findPatientStudies(node, "HF311", {}, 2);
        REQUIRE(bounded.ok);
        CHECK(bounded.truncated);
        CHECK(bounded.message == "2 of the patient's studies on the node (the patient has more: only the newest 2 looked at)");
        REQUIRE(bounded.studies.size() == 2);
        REQUIRE(bounded.bodyParts.size() == 2);
        CHECK(bounded.studies[0].study.uid == studyOf(newest).toStdString());
        CHECK(bounded.studies[1].study.uid == studyOf(middle).toStdString());
        CHECK(bounded.bodyParts[0] == std::vector<std::string>{"CHEST"});  // each study's series were asked for
        CHECK(bounded.bodyParts[1] == std::vector<std::string>{"HEAD"});
    }
}
