// 16- and 32-bit RGB kept at full depth (they were cut to their high byte): every channel of
// every pixel against pydicom's, from RLE and from native data in both planar configurations.
#include "PydicomReference.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

using namespace hf;
using namespace hf::test;

namespace {

// Frame after frame, row after row, pixel after pixel, R G B: numpy's order for pixel_array.
std::vector<double> colourValues(const Volume& v)
{
    std::vector<double> values;
    const auto& g = v.geometry();
    for (int k = 0; k < g.slices; ++k)
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                for (int c = 0; c < 3; ++c)
                    values.push_back(v.componentAt(i, j, k, c));
    return values;
}

} // namespace

TEST_CASE("16- and 32-bit RGB keep every channel's full value, from RLE and native data in either planar configuration",
          "[dicomio][formats][colour]")
{
    const auto [source, type] = GENERATE(table<std::string, VoxelType>({{"SC_rgb_rle_16bit.dcm", VoxelType::Rgb16},
                                                                        {"SC_rgb_rle_16bit_2frame.dcm", VoxelType::Rgb16},
                                                                        {"SC_rgb_rle_32bit.dcm", VoxelType::Rgb32},
                                                                        {"SC_rgb_rle_32bit_2frame.dcm", VoxelType::Rgb32}}));
    const auto variant = GENERATE(as<std::string>(), "rle", "rgb-planar0", "rgb-planar1");
    INFO(source << " " << variant);
    auto path = pydicomFiles / source;
    if (variant != "rle") {
        const auto out = scratch("colour-depth-" + variant + "-" + source) / "variant.dcm";
        REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/reference/make-pixel-variant.py' " + variant
                             + " '" + path.string() + "' '" + out.string() + "'").c_str()) == 0);
        path = out;
    }
    const LoadResult loaded = loadFile(path);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.volume->type() == type);
    const std::vector<double> ours = colourValues(*loaded.volume);
    const std::vector<double> expected = pydicomValues(path, "a");
    REQUIRE(ours.size() == expected.size());
    size_t differing = 0;
    for (size_t i = 0; i < ours.size(); ++i)
        differing += ours[i] != expected[i];
    REQUIRE(differing == 0);
    // Values only a deeper channel holds: not 8 bits scaled back up.
    const double deepest = *std::max_element(ours.begin(), ours.end());
    REQUIRE(deepest > (type == VoxelType::Rgb16 ? 255.0 : 65535.0));
    REQUIRE(std::any_of(ours.begin(), ours.end(), [](double v) { return std::fmod(v, 256.0) != 0 && v > 255; }));
}
