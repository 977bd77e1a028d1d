#include "hf/annotations/Geometry.h"

#include <catch2/catch.hpp>

using namespace hf;

TEST_CASE("length is the Euclidean distance in mm", "[annotations]")
{
    REQUIRE(lengthMm({0, 0, 0}, {3, 4, 12}) == Approx(13.0));
    REQUIRE(lengthMm({1, 1, 1}, {1, 1, 1}) == 0.0);
}

TEST_CASE("angles on known points are exact", "[annotations]")
{
    REQUIRE(angleDegrees({1, 0, 0}, {0, 0, 0}, {0, 1, 0}) == Approx(90.0));
    REQUIRE(angleDegrees({1, 0, 0}, {0, 0, 0}, {1, 1, 0}) == Approx(45.0));
    REQUIRE(angleDegrees({1, 0, 0}, {0, 0, 0}, {-1, 0, 0}) == Approx(180.0));
    REQUIRE(angleDegrees({1, 0, 0}, {0, 0, 0}, {0.5, std::sqrt(3.0) / 2, 0}) == Approx(60.0));
    REQUIRE(angleDegrees({0, 0, 0}, {0, 0, 0}, {1, 0, 0}) == 0.0);
}
