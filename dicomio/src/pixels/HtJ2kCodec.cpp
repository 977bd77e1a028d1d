#include "HtJ2kCodec.h"

// OpenJPH's headers need their own order: ojph_arch.h defines what the others use.
#include <openjph/ojph_arch.h>
#include <openjph/ojph_file.h>
#include <openjph/ojph_mem.h>
#include <openjph/ojph_params.h>
#include <openjph/ojph_codestream.h>
#include <openjph/ojph_message.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

namespace hf {
namespace {

// OpenJPH 0.9 prints its messages to process-wide FILE streams and then throws a bare "ojph
// error" (configure_error does not reach its macros). Its streams are pointed at an unbuffered
// cookie stream that keeps each thread's last message, so a failure can say what went wrong.
thread_local std::string lastOpenJphMessage;

ssize_t keepMessage(void*, const char* text, size_t size)
{
    lastOpenJphMessage.append(text, size);
    return ssize_t(size);
}

void routeMessages()
{
    static std::once_flag once;
    std::call_once(once, [] {
        cookie_io_functions_t functions{};
        functions.write = keepMessage;
        FILE* sink = fopencookie(nullptr, "w", functions);
        if (!sink)
            return;
        setvbuf(sink, nullptr, _IONBF, 0);
        ojph::set_error_stream(sink);
        ojph::set_warning_stream(sink);
        ojph::set_info_stream(sink);
    });
    lastOpenJphMessage.clear();
}

// "ojph error 0x00030091 at ojph_codestream.cpp:1234: the reason\n" -> "the reason".
std::string openJphReason(const char* fallback)
{
    std::string text = lastOpenJphMessage;
    const size_t error = text.rfind("ojph error");
    if (error != std::string::npos)
        text = text.substr(error);
    if (const size_t colon = text.find(": "); colon != std::string::npos)
        text = text.substr(colon + 2);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text.empty() ? fallback : text;
}

} // namespace

bool isHtJ2kTransferSyntax(const std::string& uid)
{
    return uid == "1.2.840.10008.1.2.4.201" || uid == "1.2.840.10008.1.2.4.202" || uid == "1.2.840.10008.1.2.4.203";
}

bool startsJ2kCodestream(const std::uint8_t* fragment, size_t size)
{
    return size >= 4 && fragment[0] == 0xff && fragment[1] == 0x4f && fragment[2] == 0xff && fragment[3] == 0x51;
}

std::string decodeHtJ2kFrame(const std::uint8_t* codestream, size_t size, const FrameShape& shape, std::byte* out)
{
    if (shape.bitsAllocated != 8 && shape.bitsAllocated != 16)
        return "HTJ2K with Bits Allocated " + std::to_string(shape.bitsAllocated) + " is not supported (8 or 16)";
    if (!startsJ2kCodestream(codestream, size))
        return "the HTJ2K frame does not start with a JPEG 2000 codestream (SOC, SIZ)";
    routeMessages();
    try {
        ojph::mem_infile input;
        input.open(codestream, size);
        ojph::codestream decoder;
        // Not resilient mode: a damaged codestream must fail, not decode partly into pixels a
        // reader would trust. (Neither mode stops OpenJPH 0.9's heap overflow on some fuzzed
        // codestreams, tests/regression/third-party/: the isolated child takes that fault.)
        decoder.read_headers(&input);
        ojph::param_siz siz = decoder.access_siz();
        const ojph::point extent = siz.get_image_extent(), offset = siz.get_image_offset();
        const int width = int(extent.x - offset.x), height = int(extent.y - offset.y);
        const int components = int(siz.get_num_components());
        if (width != shape.columns || height != shape.rows || components != shape.samplesPerPixel)
            return "the HTJ2K codestream is " + std::to_string(width) + "x" + std::to_string(height) + "x"
                   + std::to_string(components) + " but the header says " + std::to_string(shape.columns) + "x"
                   + std::to_string(shape.rows) + "x" + std::to_string(shape.samplesPerPixel);
        for (int c = 0; c < components; ++c) {
            const ojph::point down = siz.get_downsampling(ojph::ui32(c));
            if (down.x != 1 || down.y != 1)
                return "HTJ2K with subsampled components is not supported";
            if (siz.get_bit_depth(ojph::ui32(c)) > ojph::ui32(shape.bitsAllocated))
                return "the HTJ2K codestream has " + std::to_string(siz.get_bit_depth(ojph::ui32(c)))
                       + "-bit samples but Bits Allocated is " + std::to_string(shape.bitsAllocated);
        }
        decoder.set_planar(false);
        decoder.create();
        // Lines come out component by component within each row (not planar).
        for (int y = 0; y < height; ++y)
            for (int c = 0; c < components; ++c) {
                ojph::ui32 component = 0;
                ojph::line_buf* line = decoder.pull(component);
                if (!line || int(component) != c)
                    return "the HTJ2K decoder returned lines out of order";
                const size_t rowStart = size_t(y) * size_t(width);
                for (int x = 0; x < width; ++x)
                    storeSample(out, (rowStart + size_t(x)) * size_t(components) + size_t(c), line->i32[x], shape);
            }
        decoder.close();
        return {};
    } catch (const std::exception& e) {
        return "HTJ2K decoder: " + openJphReason(e.what());
    }
}

std::vector<std::uint8_t> encodeHtJ2kFrame(const std::byte* samples, const FrameShape& shape, int bitsStored)
{
    routeMessages();
    try {
        ojph::codestream encoder;
        ojph::param_siz siz = encoder.access_siz();
        siz.set_image_extent(ojph::point(ojph::ui32(shape.columns), ojph::ui32(shape.rows)));
        siz.set_num_components(ojph::ui32(shape.samplesPerPixel));
        for (int c = 0; c < shape.samplesPerPixel; ++c)
            siz.set_component(ojph::ui32(c), ojph::point(1, 1), ojph::ui32(bitsStored), shape.isSigned);
        siz.set_image_offset(ojph::point(0, 0));
        siz.set_tile_size(ojph::size(ojph::ui32(shape.columns), ojph::ui32(shape.rows)));
        siz.set_tile_offset(ojph::point(0, 0));
        ojph::param_cod cod = encoder.access_cod();
        cod.set_num_decomposition(5);
        cod.set_block_dims(64, 64);
        cod.set_progression_order("RPCL");
        cod.set_color_transform(false);
        cod.set_reversible(true);
        encoder.set_planar(false);
        ojph::mem_outfile output;
        output.open();
        encoder.write_headers(&output);
        ojph::ui32 component = 0;
        ojph::line_buf* line = encoder.exchange(nullptr, component);
        for (int y = 0; y < shape.rows; ++y)
            for (int c = 0; c < shape.samplesPerPixel; ++c) {
                const size_t rowStart = size_t(y) * size_t(shape.columns);
                for (int x = 0; x < shape.columns; ++x)
                    line->i32[x] = loadSample(samples, (rowStart + size_t(x)) * size_t(shape.samplesPerPixel) + size_t(c), shape);
                line = encoder.exchange(line, component);
            }
        encoder.flush();
        const auto* data = output.get_data();
        std::vector<std::uint8_t> bytes(data, data + output.tell());
        encoder.close();
        return bytes;
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace hf
