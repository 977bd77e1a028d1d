// libFuzzer target over our own header reader, in this process (no GDCM, no child processes):
// the preflight's walk, parsePlainHeader, and what the scanner makes of the elements it gives
// (FrameHeaderReader: identity, image, LUTs, overlays, functional groups). HeaderScanner runs
// it on threads of the application itself, so a crash here would be one there.
#include "FrameHeaderReader.h"
#include "HeaderPreflight.h"
#include "PlainHeaderParser.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    static const std::string path = "/dev/shm/hounsfield-fuzz-header-" + std::to_string(getpid()) + ".dcm";
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    const hf::HeaderStructure structure = hf::checkHeaderStructure(path);
    // Also the raw bytes as a header, as if the preflight had passed them: the parser must hold
    // on its own.
    for (const std::string_view header : {std::string_view(structure.header), std::string_view(reinterpret_cast<const char*>(data), size)}) {
        hf::ElementSet meta, dataSet;
        if (!hf::parsePlainHeader(header, structure.pixelDataElement, meta, dataSet))
            continue;
        std::vector<hf::FrameHeader> frames, objects;
        std::vector<hf::FileError> errors;
        hf::FrameHeaderReader(path, meta, dataSet).appendTo(frames, objects, errors);
    }
    return 0;
}
