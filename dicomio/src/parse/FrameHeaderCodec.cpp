#include "hf/dicomio/FrameHeaderCodec.h"

#include "ScanResultCodec.h"

namespace hf {

std::string encodeFrameHeaders(const std::vector<FrameHeader>& frames)
{
    ScanResult result;
    result.frames = frames;
    return encodeScanResult(result);
}

std::optional<std::vector<FrameHeader>> decodeFrameHeaders(const std::string& bytes)
{
    auto result = decodeScanResult(bytes);
    if (!result || !result->errors.empty())
        return std::nullopt;
    return std::move(result->frames);
}

} // namespace hf
