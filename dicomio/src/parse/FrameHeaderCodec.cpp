#include "hf/dicomio/FrameHeaderCodec.h"

#include "ScanResultCodec.h"

namespace hf {

std::string encodeFrameHeaders(const FrameHeader* first, size_t count)
{
    return encodeFrames(first, count);
}

std::optional<std::vector<FrameHeader>> decodeFrameHeaders(const std::string& bytes)
{
    auto result = decodeScanResult(bytes);
    if (!result || !result->errors.empty())
        return std::nullopt;
    return std::move(result->frames);
}

} // namespace hf
