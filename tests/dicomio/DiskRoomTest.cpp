// DiskRoom: what the receiver and retrievals ask before each instance.
#include "TestPaths.h"

#include "hf/dicomio/DiskRoom.h"

#include <catch2/catch.hpp>

#include <sys/statvfs.h>

using namespace hf;

TEST_CASE("disk room: short when less than the reserve is free, with the folder and both figures in MB", "[disk-room]")
{
    const std::string folder = test::scratch("disk-room").string();
    struct statvfs disk {};
    REQUIRE(statvfs(folder.c_str(), &disk) == 0);
    const std::uint64_t free = std::uint64_t(disk.f_bavail) * disk.f_frsize;
    REQUIRE(free > (std::uint64_t(64) << 20));  // the test needs a disk with some room

    CHECK(DiskRoom{folder, 0}.shortage().empty());                          // 0: never short
    CHECK(DiskRoom{folder, std::uint64_t(1) << 20}.shortage().empty());     // 1 MB kept: room
    CHECK(DiskRoom{folder, free / 2}.shortage().empty());

    const std::string shortage = DiskRoom{folder, free + (std::uint64_t(1) << 40)}.shortage();
    const std::string kept = std::to_string((free + (std::uint64_t(1) << 40)) >> 20);
    CHECK(shortage.rfind("the disk holding " + folder + " has ", 0) == 0);
    CHECK(shortage.size() > kept.size());
    CHECK(shortage.substr(shortage.size() - (kept.size() + 13)) == kept + " MB kept free");
    // Its free figure is the disk's (within what other programs write meanwhile).
    const size_t has = shortage.find(" has ") + 5;
    const std::uint64_t saidFree = std::stoull(shortage.substr(has, shortage.find(" MB free") - has));
    CHECK(saidFree + 512 >= (free >> 20));
    CHECK(saidFree <= (free >> 20) + 512);
}

TEST_CASE("disk room: a folder that cannot be asked is not called short (the write will say)", "[disk-room]")
{
    CHECK(DiskRoom{test::scratch("disk-room-missing").string() + "/not/there", std::uint64_t(1) << 60}.shortage().empty());
}
