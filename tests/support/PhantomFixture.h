#pragma once
// Writes a small phantom with PhantomWriter and loads it back the way the GUI does.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/PhantomWriter.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

namespace hf::test {

struct LoadedPhantom {
    PhantomModel model;
    StudyTree tree;
    LoadResult loaded;
    std::vector<FileError> scanErrors;
    std::filesystem::path folder;
};

inline PhantomOptions smallPhantom(const std::string& syntax = "explicit")
{
    PhantomOptions o;
    o.columns = 48;
    o.rows = 40;
    o.slices = 12;
    o.columnSpacing = 1.5;
    o.rowSpacing = 1.5;
    o.sliceSpacing = 3.0;
    o.syntax = syntax;
    return o;
}

inline LoadedPhantom writeAndLoad(const PhantomOptions& options, const std::string& name)
{
    LoadedPhantom p{PhantomModel(options), {}, {}, {}, scratch(name)};
    PhantomWriter(p.model).write(p.folder.string());
    ScanResult scan = HeaderScanner().scan({p.folder.string()});
    p.scanErrors = scan.errors;
    p.tree = StackBuilder().build(std::move(scan.frames));
    if (const Stack* stack = p.tree.firstStack())
        p.loaded = VolumeLoader().load(*stack);
    return p;
}

} // namespace hf::test
