#include "TagReading.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace hf::tags {

std::string_view bytes(const ElementSet& ds, DicomTag tag)
{
    const Element* e = ds.find(tag);
    return e ? e->bytes() : std::string_view();
}

std::string text(const ElementSet& ds, DicomTag tag)
{
    std::string_view s = bytes(ds, tag);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    return std::string(s);
}

std::vector<std::string> texts(const ElementSet& ds, DicomTag tag)
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

std::vector<double> numbers(const ElementSet& ds, DicomTag tag)
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

std::optional<double> number(const ElementSet& ds, DicomTag tag)
{
    auto v = numbers(ds, tag);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

namespace {

// The value's first bytes as a T, when it has that many.
template <typename T>
std::optional<T> binary(const ElementSet& ds, DicomTag tag)
{
    const std::string_view b = bytes(ds, tag);
    if (b.size() < sizeof(T))
        return std::nullopt;
    T v;
    std::memcpy(&v, b.data(), sizeof(T));
    return v;
}

} // namespace

std::optional<double> float64(const ElementSet& ds, DicomTag tag)
{
    const auto v = binary<double>(ds, tag);
    return v && std::isfinite(*v) ? v : std::nullopt;
}

std::optional<int> unsigned16(const ElementSet& ds, DicomTag tag)
{
    const auto v = binary<std::uint16_t>(ds, tag);
    return v ? std::optional<int>(*v) : std::nullopt;
}

std::optional<std::uint32_t> unsigned32(const ElementSet& ds, DicomTag tag)
{
    return binary<std::uint32_t>(ds, tag);
}

size_t itemCount(const ElementSet& ds, DicomTag sequence)
{
    const Element* e = ds.find(sequence);
    return e ? e->items.size() : 0;
}

const ElementSet* item(const ElementSet& ds, DicomTag sequence, size_t index)
{
    const Element* e = ds.find(sequence);
    return e && index < e->items.size() ? &e->items[index] : nullptr;
}

const ElementSet* firstItem(const ElementSet& ds, DicomTag sequence)
{
    return item(ds, sequence, 0);
}

} // namespace hf::tags
