#pragma once
// The transfer syntaxes Hounsfield writes, by the short names of the command line.
#include <string>
#include <vector>

namespace hf {

struct TransferSyntaxName {
    std::string name;  // explicit, implicit, big-endian, deflate, rle, jpeg-baseline, jpeg-lossless, jpeg-ls, j2k, htj2k
    std::string uid;
    bool lossy;
};

const std::vector<TransferSyntaxName>& writableTransferSyntaxes();
// nullptr when the name is unknown.
const TransferSyntaxName* transferSyntaxByName(const std::string& name);

} // namespace hf
