#pragma once
// A patient with more studies on the test Orthanc than a search looks at: `count` one-image
// studies of the template file's patient, a day apart back from `newest` (YYYYMMDD), UIDs from
// `uidRoot` (tests/pacs/many-studies.py), stored as one ZIP through Orthanc's REST API.
#include "ProcessRunner.h"

#include <catch2/catch.hpp>

#include <QString>

namespace hf::test {

inline void storeManyStudies(const QString& templateFile, const QString& zip, int count, const QString& newest, int uidRoot)
{
    REQUIRE(runProcess("/usr/bin/python3", {QString(HF_SOURCE_DIR) + "/tests/pacs/many-studies.py", templateFile, zip, QString::number(count),
                                            newest, QString::number(uidRoot)})
                .exitCode == 0);
    const ProcessResult stored =
        runProcess("curl", {"-sf", "-X", "POST", "--data-binary", "@" + zip, QString("http://127.0.0.1:%1/instances").arg(HF_ORTHANC_HTTP)});
    REQUIRE(stored.exitCode == 0);
    REQUIRE(stored.out.count("\"ParentStudy\"") == count);  // one answer per instance stored
}

} // namespace hf::test
