#pragma once
// Small helpers to put correctly padded values into a gdcm::DataSet we are writing.
#include <gdcmDataSet.h>

#include <cstdint>
#include <string>

namespace hf {

class DataSetBuilder {
public:
    explicit DataSetBuilder(gdcm::DataSet& ds) : m_ds(ds) {}

    // String VRs: padded to even length (UI with NUL, others with a space).
    DataSetBuilder& text(std::uint16_t group, std::uint16_t element, gdcm::VR vr, const std::string& value);
    DataSetBuilder& us(std::uint16_t group, std::uint16_t element, std::uint16_t value);
    DataSetBuilder& number(std::uint16_t group, std::uint16_t element, gdcm::VR vr, double value);

private:
    gdcm::DataSet& m_ds;
};

// A DS value: the shortest decimal that fits the 16-character limit.
std::string decimalString(double value);

} // namespace hf
