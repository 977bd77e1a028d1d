#include "J2kCodec.h"

#include "HtJ2kCodec.h"

#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

namespace hf {
namespace {

const std::uint8_t jp2Signature[12] = {0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a};

bool startsJp2(const std::uint8_t* data, size_t size)
{
    return size >= sizeof jp2Signature && std::memcmp(data, jp2Signature, sizeof jp2Signature) == 0;
}

// OpenJPEG reads through callbacks; this one serves the fragment from memory, every move checked.
struct MemoryInput {
    const std::uint8_t* data;
    size_t size;
    size_t position = 0;
};

OPJ_SIZE_T readInput(void* buffer, OPJ_SIZE_T bytes, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    if (in->position >= in->size)
        return OPJ_SIZE_T(-1);
    const size_t n = std::min<size_t>(bytes, in->size - in->position);
    std::memcpy(buffer, in->data + in->position, n);
    in->position += n;
    return n;
}

OPJ_OFF_T skipInput(OPJ_OFF_T bytes, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    if (bytes < 0 ? size_t(-bytes) > in->position : size_t(bytes) > in->size - in->position)
        return -1;
    in->position = size_t(OPJ_OFF_T(in->position) + bytes);
    return bytes;
}

OPJ_BOOL seekInput(OPJ_OFF_T to, void* user)
{
    auto* in = static_cast<MemoryInput*>(user);
    if (to < 0 || size_t(to) > in->size)
        return OPJ_FALSE;
    in->position = size_t(to);
    return OPJ_TRUE;
}

void keepError(const char* message, void* user)
{
    auto* text = static_cast<std::string*>(user);
    *text = message ? message : "";
    while (!text->empty() && (text->back() == '\n' || text->back() == ' '))
        text->pop_back();
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter { void operator()(opj_codec_t* c) const { opj_destroy_codec(c); } };
struct StreamDeleter { void operator()(opj_stream_t* s) const { opj_stream_destroy(s); } };
struct ImageDeleter { void operator()(opj_image_t* i) const { opj_image_destroy(i); } };

// What the SIZ says against what the DICOM header says, before any sample is decoded.
std::string checkImage(const opj_image_t& image, const FrameShape& shape)
{
    const int components = int(image.numcomps);
    if (components != shape.samplesPerPixel)
        return "the JPEG 2000 codestream has " + std::to_string(components) + " components but Samples per Pixel is "
               + std::to_string(shape.samplesPerPixel);
    for (int c = 0; c < components; ++c) {
        const opj_image_comp_t& comp = image.comps[c];
        if (comp.dx != 1 || comp.dy != 1)
            return "JPEG 2000 with subsampled components is read by GDCM only";
        if (int(comp.w) != shape.columns || int(comp.h) != shape.rows)
            return "the JPEG 2000 codestream is " + std::to_string(comp.w) + "x" + std::to_string(comp.h)
                   + " but the header says " + std::to_string(shape.columns) + "x" + std::to_string(shape.rows);
        if (comp.prec < 1 || int(comp.prec) > shape.bitsAllocated)
            return "the JPEG 2000 codestream has " + std::to_string(comp.prec) + "-bit samples but Bits Allocated is "
                   + std::to_string(shape.bitsAllocated);
    }
    return {};
}

} // namespace

bool isJ2kTransferSyntax(const std::string& uid)
{
    return uid == "1.2.840.10008.1.2.4.90" || uid == "1.2.840.10008.1.2.4.91";
}

bool startsJ2kOrJp2(const std::uint8_t* fragment, size_t size)
{
    return startsJ2kCodestream(fragment, size) || startsJp2(fragment, size);
}

std::string decodeJ2kFrame(const std::uint8_t* codestream, size_t size, const FrameShape& shape, std::byte* out)
{
    if (shape.bitsAllocated != 8 && shape.bitsAllocated != 16)
        return "JPEG 2000 with Bits Allocated " + std::to_string(shape.bitsAllocated) + " is read by GDCM only";
    if (!startsJ2kOrJp2(codestream, size))
        return "the JPEG 2000 frame starts with neither a codestream (SOC, SIZ) nor a JP2 signature";
    std::string error;
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(startsJp2(codestream, size) ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(1 << 16, OPJ_TRUE));
    if (!codec || !stream)
        return "cannot start the JPEG 2000 decoder";
    opj_set_error_handler(codec.get(), keepError, &error);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        return "cannot set up the JPEG 2000 decoder: " + error;
    MemoryInput input{codestream, size};
    opj_stream_set_user_data(stream.get(), &input, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readInput);
    opj_stream_set_skip_function(stream.get(), skipInput);
    opj_stream_set_seek_function(stream.get(), seekInput);
    opj_image_t* header = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &header)) {
        opj_image_destroy(header);
        return "JPEG 2000 decoder: " + (error.empty() ? std::string("cannot read the codestream's main header") : error);
    }
    std::unique_ptr<opj_image_t, ImageDeleter> image(header);
    if (std::string problem = checkImage(*image, shape); !problem.empty())
        return problem;
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return "JPEG 2000 decoder: " + (error.empty() ? std::string("the codestream is damaged") : error);
    // Decoding may change the image (a JP2 palette, a colour box): checked again.
    if (std::string problem = checkImage(*image, shape); !problem.empty())
        return problem;
    const int components = int(image->numcomps);
    const size_t pixels = size_t(shape.columns) * size_t(shape.rows);
    for (int c = 0; c < components; ++c) {
        const OPJ_INT32* samples = image->comps[c].data;
        if (!samples)
            return "the JPEG 2000 decoder returned no samples";
        // Stored in the codestream's own signedness; the conversion then reads the bits as Pixel
        // Representation and Bits Stored say (as pydicom corrects a mismatching codestream).
        FrameShape stored = shape;
        stored.isSigned = image->comps[c].sgnd != 0;
        for (size_t p = 0; p < pixels; ++p)
            storeSample(out, p * size_t(components) + size_t(c), samples[p], stored);
    }
    return {};
}

} // namespace hf
