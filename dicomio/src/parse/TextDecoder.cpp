#include "TextDecoder.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <map>

namespace hf {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

std::string iconvToUtf8(const std::string& bytes, const char* from)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == iconv_t(-1))
        return bytes;
    std::string out;
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = bytes.size();
    char buffer[256];
    while (inLeft > 0) {
        char* o = buffer;
        size_t oLeft = sizeof buffer;
        const size_t rc = iconv(cd, &in, &inLeft, &o, &oLeft);
        out.append(buffer, size_t(o - buffer));
        if (rc == size_t(-1) && errno != E2BIG) {
            out += kReplacement;  // an invalid or incomplete sequence: skip a byte
            ++in;
            --inLeft;
        }
    }
    iconv_close(cd);
    return out;
}

void appendCodePoint(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// What bytes mean in the current state: G0 (bytes < 0x80) and G1 (bytes >= 0x80).
enum class G0 { Ascii, JisX0208, JisX0212 };
enum class G1 { None, SingleByte, Katakana, KsX1001, Gb2312 };

struct State {
    G0 g0 = G0::Ascii;
    G1 g1 = G1::None;
    std::string g1Encoding;  // iconv name for SingleByte
};

// Defined term of a single-byte or multi-byte set -> iconv name.
const std::map<std::string, std::string>& singleByteSets()
{
    static const std::map<std::string, std::string> sets = {
        {"ISO_IR 100", "ISO-8859-1"}, {"ISO_IR 101", "ISO-8859-2"}, {"ISO_IR 109", "ISO-8859-3"},
        {"ISO_IR 110", "ISO-8859-4"}, {"ISO_IR 144", "ISO-8859-5"}, {"ISO_IR 127", "ISO-8859-6"},
        {"ISO_IR 126", "ISO-8859-7"}, {"ISO_IR 138", "ISO-8859-8"}, {"ISO_IR 148", "ISO-8859-9"},
        {"ISO_IR 203", "ISO-8859-15"}, {"ISO_IR 166", "TIS-620"},
    };
    return sets;
}

State initialState(const std::string& first)
{
    State s;
    std::string term = first;
    if (term.rfind("ISO 2022 IR ", 0) == 0)
        term = "ISO_IR " + term.substr(12);
    if (term == "ISO_IR 13") {
        s.g1 = G1::Katakana;
    } else if (auto it = singleByteSets().find(term); it != singleByteSets().end()) {
        s.g1 = G1::SingleByte;
        s.g1Encoding = it->second;
    }
    return s;
}

// Applies the escape sequence at raw[i] (ESC ...) to state; returns its length (0: unknown).
size_t applyEscape(const std::string& raw, size_t i, State& s)
{
    auto at = [&](size_t k) { return i + k < raw.size() ? raw[i + k] : '\0'; };
    if (at(1) == '(' && (at(2) == 'B' || at(2) == 'J')) { s.g0 = G0::Ascii; return 3; }
    if (at(1) == '$' && at(2) == 'B') { s.g0 = G0::JisX0208; return 3; }
    if (at(1) == '$' && at(2) == '(' && at(3) == 'D') { s.g0 = G0::JisX0212; return 4; }
    if (at(1) == ')' && at(2) == 'I') { s.g1 = G1::Katakana; return 3; }
    if (at(1) == '$' && at(2) == ')' && at(3) == 'C') { s.g1 = G1::KsX1001; return 4; }
    if (at(1) == '$' && at(2) == ')' && at(3) == 'A') { s.g1 = G1::Gb2312; return 4; }
    if (at(1) == '-') {
        static const std::map<char, std::string> latin = {
            {'A', "ISO-8859-1"}, {'B', "ISO-8859-2"}, {'C', "ISO-8859-3"}, {'D', "ISO-8859-4"}, {'L', "ISO-8859-5"},
            {'G', "ISO-8859-6"}, {'F', "ISO-8859-7"}, {'H', "ISO-8859-8"}, {'M', "ISO-8859-9"}, {'T', "TIS-620"},
            {'b', "ISO-8859-15"}};
        if (auto it = latin.find(at(2)); it != latin.end()) {
            s.g1 = G1::SingleByte;
            s.g1Encoding = it->second;
            return 3;
        }
    }
    return 0;
}

bool isDelimiter(char c)
{
    return c == '^' || c == '=' || c == '\\' || c == '\r' || c == '\n' || c == '\t' || c == '\f';
}

std::string decodeIso2022(const std::string& raw, const State& initial)
{
    std::string out;
    State s = initial;
    size_t i = 0;
    while (i < raw.size()) {
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c == 0x1B) {
            const size_t length = applyEscape(raw, i, s);
            i += length ? length : 1;
            continue;
        }
        if (c < 0x80 && s.g0 != G0::Ascii) {
            if (i + 1 >= raw.size()) {
                out += kReplacement;
                break;
            }
            const std::string pair = raw.substr(i, 2);
            out += s.g0 == G0::JisX0208
                       ? iconvToUtf8("\x1b$B" + pair, "ISO-2022-JP")
                       : iconvToUtf8(std::string("\x8f") + char(pair[0] | 0x80) + char(pair[1] | 0x80), "EUC-JP");
            i += 2;
            continue;
        }
        if (c < 0x80) {
            out += char(c);
            if (isDelimiter(char(c)))
                s = initial;  // PS3.5 6.1.2.5.3: delimiters return to the initial sets
            ++i;
            continue;
        }
        switch (s.g1) {
        case G1::SingleByte: out += iconvToUtf8(std::string(1, char(c)), s.g1Encoding.c_str()); ++i; break;
        case G1::Katakana:
            if (c >= 0xA1 && c <= 0xDF) appendCodePoint(out, 0xFF61 + (c - 0xA1));
            else out += kReplacement;
            ++i;
            break;
        case G1::KsX1001:
        case G1::Gb2312:
            if (i + 1 < raw.size()) {
                out += iconvToUtf8(raw.substr(i, 2), s.g1 == G1::KsX1001 ? "EUC-KR" : "EUC-CN");
                i += 2;
            } else {
                out += kReplacement;
                ++i;
            }
            break;
        case G1::None: out += iconvToUtf8(std::string(1, char(c)), "ISO-8859-1"); ++i; break;
        }
    }
    return out;
}

} // namespace

std::string decodeDicomText(const std::string& raw, const std::vector<std::string>& sets)
{
    const std::string first = sets.empty() ? std::string() : sets.front();
    const bool asciiOnly = raw.find_first_of(std::string("\x1b") + std::string(1, '\0')) == std::string::npos
                           && std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (asciiOnly)
        return raw;
    if (first == "ISO_IR 192")
        return iconvToUtf8(raw, "UTF-8");  // validates: broken sequences become U+FFFD
    if (first == "GB18030" || first == "GBK")
        return iconvToUtf8(raw, first.c_str());
    const bool extensions = sets.size() > 1 || first.rfind("ISO 2022", 0) == 0 || raw.find('\x1b') != std::string::npos;
    if (!extensions) {
        auto it = singleByteSets().find(first);
        if (first == "ISO_IR 13")
            return decodeIso2022(raw, initialState(first));
        return iconvToUtf8(raw, it != singleByteSets().end() ? it->second.c_str() : "ISO-8859-1");
    }
    return decodeIso2022(raw, initialState(first));
}

} // namespace hf
