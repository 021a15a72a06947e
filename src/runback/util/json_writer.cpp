#include <runback/util/json_writer.hpp>

#include <fmt/format.h>

namespace runback::util {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    // Copy runs of plain characters whole; only quotes, backslashes and control characters
    // need a closer look.
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run_start, i - run_start);
        run_start = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    out.append(text.data() + run_start, text.size() - run_start);
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
