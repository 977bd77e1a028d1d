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
