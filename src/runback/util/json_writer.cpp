#include <runback/util/json_writer.hpp>

#include <fmt/format.h>

namespace runback::util {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += k_hex[(c >> 4) & 0xF];
                out += k_hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void append_json_number(std::string& out, double value) { fmt::format_to(std::back_inserter(out), "{}", value); }

void JsonWriter::separate() {
    if (m_need_comma) m_out += ',';
    m_need_comma = true;
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    m_out += '{';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    m_out += '}';
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    m_out += '[';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    m_out += ']';
    m_need_comma = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    append_json_string(m_out, name);
    m_out += ':';
    m_need_comma = false;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    append_json_string(m_out, text);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    separate();
    append_json_number(m_out, number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

}  // namespace runback::util
