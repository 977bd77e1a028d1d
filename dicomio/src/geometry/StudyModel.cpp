#include "hf/dicomio/StudyModel.h"

#include <algorithm>

namespace hf {

std::string displayName(const PatientIdentity& patient)
{
    std::string name = patient.name;
    std::replace(name.begin(), name.end(), '^', ' ');
    const auto first = name.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return name.substr(first, name.find_last_not_of(' ') - first + 1);
}

} // namespace hf
