#include "hf/dicomio/TransferSyntaxes.h"

namespace hf {

const std::vector<TransferSyntaxName>& writableTransferSyntaxes()
{
    static const std::vector<TransferSyntaxName> all = {
        {"explicit", "1.2.840.10008.1.2.1", false},
        {"implicit", "1.2.840.10008.1.2", false},
        {"big-endian", "1.2.840.10008.1.2.2", false},
        {"deflate", "1.2.840.10008.1.2.1.99", false},
        {"rle", "1.2.840.10008.1.2.5", false},
        {"jpeg-baseline", "1.2.840.10008.1.2.4.50", true},
        {"jpeg-lossless", "1.2.840.10008.1.2.4.70", false},
        {"jpeg-ls", "1.2.840.10008.1.2.4.80", false},
        {"j2k", "1.2.840.10008.1.2.4.90", false},
        {"htj2k", "1.2.840.10008.1.2.4.201", false},  // HTJ2K Lossless, through OpenJPH
    };
    return all;
}

const TransferSyntaxName* transferSyntaxByName(const std::string& name)
{
    for (const auto& ts : writableTransferSyntaxes())
        if (ts.name == name)
            return &ts;
    return nullptr;
}

} // namespace hf
