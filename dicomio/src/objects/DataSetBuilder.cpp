#include "DataSetBuilder.h"

#include <cmath>
#include <cstdio>

namespace hf {

std::string decimalString(double value)
{
    char buf[32];
    for (int precision = 10; precision > 0; --precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::string(buf).size() <= 16)
            break;
    }
    return buf;
}

DataSetBuilder& DataSetBuilder::text(std::uint16_t group, std::uint16_t element, gdcm::VR vr, const std::string& value)
{
    std::string v = value;
    if (v.size() % 2)
        v.push_back(vr == gdcm::VR::UI ? '\0' : ' ');
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(vr);
    de.SetByteValue(v.data(), gdcm::VL(std::uint32_t(v.size())));
    m_ds.Replace(de);
    return *this;
}

DataSetBuilder& DataSetBuilder::us(std::uint16_t group, std::uint16_t element, std::uint16_t value)
{
    gdcm::DataElement de(gdcm::Tag(group, element));
    de.SetVR(gdcm::VR::US);
    de.SetByteValue(reinterpret_cast<const char*>(&value), 2);
    m_ds.Replace(de);
    return *this;
}

DataSetBuilder& DataSetBuilder::number(std::uint16_t group, std::uint16_t element, gdcm::VR vr, double value)
{
    return text(group, element, vr, vr == gdcm::VR::IS ? std::to_string(std::llround(value)) : decimalString(value));
}

} // namespace hf
