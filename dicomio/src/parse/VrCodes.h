#pragma once
// The value representations of PS3.5 6.2 as numbers, for the walks over a header's bytes (string
// compares were a tenth of a scan).

namespace hf {

constexpr unsigned vrCode(char first, char second)
{
    return unsigned((unsigned char)first) << 8 | (unsigned char)second;
}

// Any other pair of letters is refused: GDCM and DCMTK each guess its length field differently
// from us and from each other (a 29 kB file once made a GDCM parse take 1.2 GB that way).
constexpr bool isKnownVr(unsigned vr)
{
    switch (vr) {
    case vrCode('A', 'E'): case vrCode('A', 'S'): case vrCode('A', 'T'): case vrCode('C', 'S'): case vrCode('D', 'A'):
    case vrCode('D', 'S'): case vrCode('D', 'T'): case vrCode('F', 'D'): case vrCode('F', 'L'): case vrCode('I', 'S'):
    case vrCode('L', 'O'): case vrCode('L', 'T'): case vrCode('O', 'B'): case vrCode('O', 'D'): case vrCode('O', 'F'):
    case vrCode('O', 'L'): case vrCode('O', 'V'): case vrCode('O', 'W'): case vrCode('P', 'N'): case vrCode('S', 'H'):
    case vrCode('S', 'L'): case vrCode('S', 'Q'): case vrCode('S', 'S'): case vrCode('S', 'T'): case vrCode('S', 'V'):
    case vrCode('T', 'M'): case vrCode('U', 'C'): case vrCode('U', 'I'): case vrCode('U', 'L'): case vrCode('U', 'N'):
    case vrCode('U', 'R'): case vrCode('U', 'S'): case vrCode('U', 'T'): case vrCode('U', 'V'):
        return true;
    default:
        return false;
    }
}

// VRs whose explicit-VR header has a 4-byte length after two reserved bytes.
constexpr bool hasLongLength(unsigned vr)
{
    switch (vr) {
    case vrCode('O', 'B'): case vrCode('O', 'D'): case vrCode('O', 'F'): case vrCode('O', 'L'): case vrCode('O', 'V'):
    case vrCode('O', 'W'): case vrCode('S', 'Q'): case vrCode('U', 'C'): case vrCode('U', 'N'): case vrCode('U', 'R'):
    case vrCode('U', 'T'): case vrCode('S', 'V'): case vrCode('U', 'V'):
        return true;
    default:
        return false;
    }
}

} // namespace hf
