#include "QidoAnswer.h"

#include <nlohmann/json.hpp>

namespace hf {
namespace {

using Json = nlohmann::json;

// Depths: 1 inside the list, 2 inside a result, 3 inside an attribute, 4 inside its Value
// array, 5 inside a person name object there.
class Reader : public nlohmann::json_sax<Json> {
public:
    Reader(const std::set<std::string>& wanted, size_t maxResults, QidoAnswer& answer)
        : m_wanted(wanted), m_maxResults(maxResults), m_answer(answer)
    {
    }
    bool stoppedAtBound = false;

    bool null() override { return scalar({}); }
    bool boolean(bool) override { return scalar({}); }
    bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(std::to_string(v)); }
    bool string(string_t& v) override
    {
        if (m_depth == 5 && m_inValue && m_member5 == "Alphabetic")
            m_personName = v;
        return scalar(v);
    }
    bool binary(binary_t&) override { return scalar({}); }
    bool start_object(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    // A key given twice replaces what the first one said, as in a document tree.
    bool key(string_t& k) override
    {
        if (m_depth == 2) {
            m_tag = m_inResult && m_wanted.count(k) ? k : std::string();
            if (!m_tag.empty())
                m_answer.results.back().erase(m_tag);
        } else if (m_depth == 3) {
            m_member3 = k;
            if (m_inAttribute && k == "Value")
                m_answer.results.back().erase(m_tag);
        } else if (m_depth == 5) {
            m_member5 = k;
            if (k == "Alphabetic")
                m_personName.clear();
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override
    {
        m_answer.error = std::string("something that is not JSON (") + e.what() + ")";
        return false;
    }

private:
    // A value at the current depth (a scalar, or an object or array once it closes).
    bool scalar(const std::string& text)
    {
        if (m_depth == 0)
            return false;  // the answer is one scalar: not a list
        if (m_depth == 4 && m_inValue)
            append(text);
        return true;
    }
    bool open(bool object)
    {
        if (m_depth == 0) {
            if (object)
                return false;  // not a list
        } else if (m_depth == 1 && object) {
            if (m_answer.results.size() == m_maxResults) {
                m_answer.truncated = stoppedAtBound = true;  // an archive that ignores limit is cut here
                return false;
            }
            m_answer.results.emplace_back();
            m_inResult = true;
        } else if (m_depth == 2) {
            m_inAttribute = object && m_inResult && !m_tag.empty();
            m_member3.clear();
        } else if (m_depth == 3) {
            m_inValue = !object && m_inAttribute && m_member3 == "Value";
            if (m_inValue) {
                m_values = &m_answer.results.back()[m_tag];  // a tag given twice: the last one counts
                m_values->clear();
                m_first = true;
            }
        } else if (m_depth == 4 && m_inValue) {
            m_personName.clear();
            m_member5.clear();
        }
        ++m_depth;
        return true;
    }
    bool close()
    {
        --m_depth;
        if (m_depth == 1) {
            m_inResult = false;
            m_tag.clear();
        } else if (m_depth == 2)
            m_inAttribute = false;
        else if (m_depth == 3)
            m_inValue = false;
        else if (m_depth == 4 && m_inValue)
            append(m_personName);  // an element that was an object (PN) or an array: "" unless a name
        return true;
    }
    void append(const std::string& text)
    {
        if (!m_first)
            *m_values += '\\';
        *m_values += text;
        m_first = false;
    }

    const std::set<std::string>& m_wanted;
    size_t m_maxResults;
    QidoAnswer& m_answer;
    int m_depth = 0;
    bool m_inResult = false, m_inAttribute = false, m_inValue = false, m_first = true;
    std::string m_tag, m_member3, m_member5, m_personName;
    std::string* m_values = nullptr;  // the attribute whose Value array is being read (a map node: stable)
};

} // namespace

QidoAnswer QidoAnswer::read(const std::string& body, const std::set<std::string>& wantedTags, size_t maxResults)
{
    QidoAnswer answer;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        answer.ok = true;  // 204 No Content, or an empty body: no results
        return answer;
    }
    Reader reader(wantedTags, maxResults, answer);
    const bool parsed = Json::sax_parse(body, &reader, nlohmann::detail::input_format_t::json, true);
    if (!parsed && !reader.stoppedAtBound) {
        if (answer.error.empty())
            answer.error = "JSON that is not a list of results";
        answer.results.clear();
        return answer;
    }
    answer.ok = true;
    return answer;
}

} // namespace hf
