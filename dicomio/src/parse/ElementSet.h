#pragma once
// A parsed data set as the header readers see it: elements in ascending tag order, each value a
// byte range, each sequence its items. Made from a file's header bytes by parsePlainHeader, or
// from GDCM's parse by elementsOf for the files left to GDCM, so one set of readers interprets
// both. Values point into memory owned by whoever made the set (the header bytes, GDCM's File)
// and are valid only as long as it lives.
#include <cstdint>
#include <string_view>
#include <vector>

namespace hf {

struct DicomTag {
    constexpr DicomTag(std::uint16_t group, std::uint16_t element) : key(std::uint32_t(group) << 16 | element) {}
    std::uint32_t key;
};

class ElementSet;

struct Element {
    std::uint32_t tag = 0;                // group << 16 | element
    char vr[2] = {0, 0};                  // as written; zeros when the file has implicit VR
    const char* data = nullptr;           // the value (nullptr: empty, or a sequence)
    std::uint32_t length = 0;
    std::vector<ElementSet> items;        // a sequence's items, in order

    bool empty() const { return items.empty() && length == 0; }
    bool hasVr(char first, char second) const { return vr[0] == first && vr[1] == second; }
    std::string_view bytes() const { return data ? std::string_view(data, length) : std::string_view(); }
};

class ElementSet {
public:
    // The element with this tag, or nullptr.
    const Element* find(DicomTag tag) const;
    // Appends; the makers add in ascending tag order (find relies on it).
    void append(Element element) { m_elements.push_back(std::move(element)); }
    void reserve(size_t n) { m_elements.reserve(n); }
    void clear() { m_elements.clear(); }
    bool empty() const { return m_elements.empty(); }
    std::uint32_t lastTag() const { return m_elements.empty() ? 0 : m_elements.back().tag; }

private:
    std::vector<Element> m_elements;
};

} // namespace hf
