#include "GdcmElements.h"

#include <gdcmDataSet.h>
#include <gdcmSequenceOfItems.h>

#include <cstring>

namespace hf {

ElementSet elementsOf(const gdcm::DataSet& dataSet)
{
    ElementSet out;
    out.reserve(dataSet.Size());
    for (const gdcm::DataElement& de : dataSet.GetDES()) {
        Element e;
        e.tag = std::uint32_t(de.GetTag().GetGroup()) << 16 | de.GetTag().GetElement();
        const char* vr = de.GetVR() == gdcm::VR::INVALID ? nullptr : gdcm::VR::GetVRString(de.GetVR());
        if (vr && std::strlen(vr) == 2)
            std::memcpy(e.vr, vr, 2);
        if (!de.IsEmpty()) {
            if (const gdcm::ByteValue* bv = de.GetByteValue(); bv && bv->GetPointer()) {
                e.data = bv->GetPointer();
                e.length = bv->GetLength();
            } else if (const auto* sq = dynamic_cast<const gdcm::SequenceOfItems*>(&de.GetValue())) {
                // (GetValue() aborts on an empty element, hence the check above.)
                e.items.reserve(sq->GetNumberOfItems());
                for (size_t i = 1; i <= sq->GetNumberOfItems(); ++i)
                    e.items.push_back(elementsOf(sq->GetItem(i).GetNestedDataSet()));
            }
        }
        out.append(std::move(e));
    }
    return out;
}

} // namespace hf
