#include "TagReading.h"

#include <gdcmSequenceOfItems.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace hf::tags {
namespace {

// The parsed items of a sequence element, or nullptr (GetValue() aborts on an empty element).
const gdcm::SequenceOfItems* sequenceOf(const gdcm::DataElement& de)
{
    if (de.IsEmpty())
        return nullptr;
    return dynamic_cast<const gdcm::SequenceOfItems*>(&de.GetValue());
}

} // namespace

std::string text(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::DataElement& de = ds.GetDataElement(tag);
    const gdcm::ByteValue* bv = de.GetByteValue();
    if (!bv || !bv->GetPointer())
        return {};
    std::string s(bv->GetPointer(), bv->GetLength());
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    size_t start = 0;
    while (start < s.size() && s[start] == ' ')
        ++start;
    return s.substr(start);
}

std::vector<std::string> texts(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    std::vector<std::string> out;
    const std::string s = text(ds, tag);
    if (s.empty())
        return out;
    size_t pos = 0;
    while (true) {
        const size_t end = s.find('\\', pos);
        std::string part = s.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        while (!part.empty() && part.back() == ' ')
            part.pop_back();
        out.push_back(part.substr(std::min(part.find_first_not_of(' '), part.size())));
        if (end == std::string::npos)
            return out;
        pos = end + 1;
    }
}

std::vector<double> numbers(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    std::vector<double> out;
    for (const auto& part : texts(ds, tag)) {
        char* stop = nullptr;
        const double v = std::strtod(part.c_str(), &stop);
        if (stop != part.c_str() && std::isfinite(v))
            out.push_back(v);
    }
    return out;
}

std::optional<double> number(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    auto v = numbers(ds, tag);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

std::optional<double> float64(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    if (!ds.FindDataElement(tag))
        return std::nullopt;
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv || !bv->GetPointer() || bv->GetLength() < 8)
        return std::nullopt;
    double v;
    std::memcpy(&v, bv->GetPointer(), 8);
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

std::optional<int> unsigned16(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    if (!ds.FindDataElement(tag))
        return std::nullopt;
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv || !bv->GetPointer() || bv->GetLength() < 2)
        return std::nullopt;
    std::uint16_t v;
    std::memcpy(&v, bv->GetPointer(), 2);
    return int(v);
}

size_t itemCount(const gdcm::DataSet& ds, const gdcm::Tag& sequence)
{
    if (!ds.FindDataElement(sequence))
        return 0;
    const gdcm::SequenceOfItems* sq = sequenceOf(ds.GetDataElement(sequence));
    return sq ? sq->GetNumberOfItems() : 0;
}

const gdcm::DataSet* item(const gdcm::DataSet& ds, const gdcm::Tag& sequence, size_t index)
{
    if (!ds.FindDataElement(sequence))
        return nullptr;
    const gdcm::SequenceOfItems* sq = sequenceOf(ds.GetDataElement(sequence));
    if (!sq || index >= sq->GetNumberOfItems())
        return nullptr;
    return &sq->GetItem(index + 1).GetNestedDataSet();
}

std::optional<std::uint32_t> unsigned32(const gdcm::DataSet& ds, const gdcm::Tag& tag)
{
    if (!ds.FindDataElement(tag))
        return std::nullopt;
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    if (!bv || !bv->GetPointer() || bv->GetLength() < 4)
        return std::nullopt;
    std::uint32_t v;
    std::memcpy(&v, bv->GetPointer(), 4);
    return v;
}

const gdcm::DataSet* firstItem(const gdcm::DataSet& ds, const gdcm::Tag& sequence)
{
    return item(ds, sequence, 0);
}

} // namespace hf::tags
