#include "hf/dicomio/PatientOrientation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace hf {

std::string orientationLabel(const Vec3& direction, double threshold)
{
    const Vec3 d = direction.normalized();
    struct Letter {
        double magnitude;
        char letter;
    };
    // LPS: +x is the patient's left, +y posterior, +z head.
    std::array<Letter, 3> letters{{{std::abs(d.x), d.x > 0 ? 'L' : 'R'},
                                   {std::abs(d.y), d.y > 0 ? 'P' : 'A'},
                                   {std::abs(d.z), d.z > 0 ? 'H' : 'F'}}};
    std::stable_sort(letters.begin(), letters.end(), [](const Letter& a, const Letter& b) { return a.magnitude > b.magnitude; });
    std::string label;
    for (const auto& l : letters)
        if (l.magnitude >= threshold || label.empty())
            label += l.letter;
    return label;
}

} // namespace hf
