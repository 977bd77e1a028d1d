#pragma once
// Loading one file the product's way, and what pydicom (Debian's, run here on the same file)
// says its values are: the reference for decoder tests.
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace hf::test {

inline const std::filesystem::path pydicomFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

inline LoadResult loadFile(const std::filesystem::path& path)
{
    ScanResult scan = HeaderScanner().scan({path.string()});
    REQUIRE(scan.errors.empty());
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    return VolumeLoader().load(*tree.firstStack());
}

// What pydicom says the file's values are, frame after frame, x fastest (`expression` turns
// its `a`, the pixel array, and `d`, the data set, into the values).
inline std::vector<double> pydicomValues(const std::filesystem::path& path, const std::string& expression)
{
    const std::string script = "import pydicom,numpy,warnings; warnings.simplefilter('ignore'); d=pydicom.dcmread('" + path.string()
                               + "'); a=d.pixel_array; print(' '.join(repr(float(v)) for v in numpy.ravel(" + expression + ")))";
    const std::string command = "/usr/bin/python3 -c \"" + script + "\"";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string text;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe.get()))
        text.append(buffer, n);
    std::istringstream in(text);
    std::vector<double> values;
    for (double v; in >> v;)
        values.push_back(v);
    return values;
}

inline std::vector<double> volumeValues(const Volume& v)
{
    std::vector<double> values;
    const auto& g = v.geometry();
    for (int k = 0; k < g.slices; ++k)
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                values.push_back(v.valueAt(i, j, k));
    return values;
}

} // namespace hf::test
