// One JPEG 2000 frame decoded again and again in one process: OpenJPEG (what the workstation
// uses, one thread per frame) with one and two threads, and Grok where it is installed
// (libgrokj2k1-dev; not a dependency of the product). docs/performance.md explains why these
// per-frame figures bound the whole-series ratio against GDCM's loop.
//   bench_j2k_decode FILE.dcm [--repeat N]
#include <gdcmReader.h>
#include <gdcmSequenceOfFragments.h>
#include <openjpeg.h>
#ifdef HF_HAVE_GROK
#include <grok.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> firstCodestream(const char* path)
{
    gdcm::Reader reader;
    reader.SetFileName(path);
    if (!reader.Read())
        return {};
    const gdcm::DataElement& pixels = reader.GetFile().GetDataSet().GetDataElement(gdcm::Tag(0x7fe0, 0x0010));
    const gdcm::SequenceOfFragments* fragments = pixels.GetSequenceOfFragments();
    if (!fragments || fragments->GetNumberOfFragments() == 0)
        return {};
    const gdcm::ByteValue* bytes = fragments->GetFragment(0).GetByteValue();
    return bytes ? std::vector<std::uint8_t>(bytes->GetPointer(), bytes->GetPointer() + bytes->GetLength()) : std::vector<std::uint8_t>{};
}

struct Input { const std::vector<std::uint8_t>* data; size_t at = 0; };

OPJ_SIZE_T readInput(void* out, OPJ_SIZE_T n, void* user)
{
    auto* in = static_cast<Input*>(user);
    if (in->at >= in->data->size())
        return OPJ_SIZE_T(-1);
    n = std::min<OPJ_SIZE_T>(n, in->data->size() - in->at);
    std::memcpy(out, in->data->data() + in->at, n);
    in->at += n;
    return n;
}
OPJ_OFF_T skipInput(OPJ_OFF_T n, void* user) { static_cast<Input*>(user)->at += size_t(n); return n; }
OPJ_BOOL seekInput(OPJ_OFF_T to, void* user) { static_cast<Input*>(user)->at = size_t(to); return OPJ_TRUE; }

bool decodeOpenJpeg(const std::vector<std::uint8_t>& codestream, int threads)
{
    Input input{&codestream};
    opj_stream_t* stream = opj_stream_create(1 << 16, OPJ_TRUE);
    opj_stream_set_user_data(stream, &input, nullptr);
    opj_stream_set_user_data_length(stream, codestream.size());
    opj_stream_set_read_function(stream, readInput);
    opj_stream_set_skip_function(stream, skipInput);
    opj_stream_set_seek_function(stream, seekInput);
    opj_codec_t* codec = opj_create_decompress(OPJ_CODEC_J2K);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    opj_setup_decoder(codec, &parameters);
    if (threads > 1)
        opj_codec_set_threads(codec, threads);
    opj_image_t* image = nullptr;
    const bool ok = opj_read_header(stream, codec, &image) && opj_decode(codec, stream, image) && opj_end_decompress(codec, stream);
    opj_image_destroy(image);
    opj_destroy_codec(codec);
    opj_stream_destroy(stream);
    return ok;
}

#ifdef HF_HAVE_GROK
bool decodeGrok(std::vector<std::uint8_t>& codestream)
{
    grk_stream_params stream{};
    stream.buf = codestream.data();
    stream.len = codestream.size();
    grk_decompress_core_params core{};
    grk_decompress_set_default_params(&core);
    grk_codec* codec = grk_decompress_init(&stream, &core);
    grk_header_info header{};
    const bool ok = codec && grk_decompress_read_header(codec, &header) && grk_decompress(codec, nullptr)
                    && grk_decompress_get_composited_image(codec);
    if (codec)
        grk_object_unref(codec);
    return ok;
}
#endif

template <class F> double millisecondsPerFrame(int repeat, F&& decode)
{
    decode();  // warm up (tables, first allocations)
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < repeat; ++r)
        if (!decode())
            return -1;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / repeat;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_j2k_decode FILE.dcm [--repeat N]\n");
        return 2;
    }
    const int repeat = argc > 3 && std::string(argv[2]) == "--repeat" ? std::max(1, std::atoi(argv[3])) : 20;
    std::vector<std::uint8_t> codestream = firstCodestream(argv[1]);
    if (codestream.empty()) {
        std::fprintf(stderr, "%s: no encapsulated frame\n", argv[1]);
        return 1;
    }
    for (int threads : {1, 2})
        std::printf("{\"decoder\": \"openjpeg\", \"threads\": %d, \"ms_per_frame\": %.2f}\n", threads,
                    millisecondsPerFrame(repeat, [&] { return decodeOpenJpeg(codestream, threads); }));
#ifdef HF_HAVE_GROK
    // Grok's thread pool is process-wide: one process per thread count.
    const int grokThreads = std::getenv("HF_GROK_THREADS") ? std::atoi(std::getenv("HF_GROK_THREADS")) : 1;
    grk_initialize(nullptr, std::uint32_t(grokThreads));
    std::printf("{\"decoder\": \"grok\", \"threads\": %d, \"ms_per_frame\": %.2f}\n", grokThreads,
                millisecondsPerFrame(repeat, [&] { return decodeGrok(codestream); }));
#endif
    return 0;
}
