#include "ElementSet.h"

#include <algorithm>

namespace hf {

const Element* ElementSet::find(DicomTag tag) const
{
    const auto it = std::lower_bound(m_elements.begin(), m_elements.end(), tag.key,
                                     [](const Element& e, std::uint32_t key) { return e.tag < key; });
    return it != m_elements.end() && it->tag == tag.key ? &*it : nullptr;
}

} // namespace hf
