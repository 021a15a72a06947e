#include <runback/util/json_writer.hpp>

#include <runback/util/utf8.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace runback::util {

namespace {

// Which bytes a JSON string cannot hold as they are (quotes, backslashes, control characters),
// and the bytes of multi-byte UTF-8, which must be checked: JSON text is UTF-8.
constexpr std::array<bool, 256> k_needs_escape = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 0x20; ++c) table[c] = true;
    for (std::size_t c = 0x80; c < 0x100; ++c) table[c] = true;
    table['"'] = table['\\'] = true;
    return table;
}();

// memcpy that accepts the null data of an empty string_view.
char* copy(char* out, const char* from, std::size_t size) {
    if (size != 0) std::memcpy(out, from, size);
    return out + size;
}

}  // namespace

char* write_json_string(char* out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    *out++ = '"';
    // Copy runs of plain characters whole; only quotes, backslashes and control characters
    // need a closer look.
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!k_needs_escape[c]) continue;
        if (c >= 0x80) {
            // Well-formed UTF-8 is kept as it is; a byte that is not becomes U+FFFD, so that
            // the output is always valid JSON whatever the input's encoding.
            if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
                i += length - 1;
                continue;
            }
            out = copy(out, text.data() + run_start, i - run_start);
            run_start = i + 1;
            out = copy(out, "\xEF\xBF\xBD", 3);
            continue;
        }
        out = copy(out, text.data() + run_start, i - run_start);
        run_start = i + 1;
        *out++ = '\\';
        switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\n': *out++ = 'n'; break;
        case '\r': *out++ = 'r'; break;
        case '\t': *out++ = 't'; break;
        default:
            std::memcpy(out, "u00", 3);
            out += 3;
            *out++ = k_hex[c >> 4];
            *out++ = k_hex[c & 0xF];
        }
    }
    out = copy(out, text.data() + run_start, text.size() - run_start);
    *out++ = '"';
    return out;
}

namespace {

constexpr std::array<double, 5> k_scales{1, 10, 100, 1000, 10000};

// `digits` with a point before its last `decimals` digits: (5, 2) is "0.05", (125, 1) "12.5".
char* write_fixed(char* out, std::uint64_t digits, int decimals) {
    char text[24];
    const char* end = std::to_chars(text, text + sizeof text, digits).ptr;
    const auto count = static_cast<int>(end - text);
    if (decimals == 0) return copy(out, text, static_cast<std::size_t>(count));
    if (count <= decimals) {
        *out++ = '0';
        *out++ = '.';
        for (int i = count; i < decimals; ++i) *out++ = '0';
        return copy(out, text, static_cast<std::size_t>(count));
    }
    out = copy(out, text, static_cast<std::size_t>(count - decimals));
    *out++ = '.';
    return copy(out, end - decimals, static_cast<std::size_t>(decimals));
}

}  // namespace

char* write_json_number(char* out, double value) {
    // fmt's shortest form without its general machinery, for the usual numbers: whole ones
    // below 10^15 and ones with up to 4 decimals below 10^9, which it prints with no
    // exponent. Digits m over 10^k are such a form when m / 10^k gives the value back (one
    // correctly rounded division of exact doubles, as a reader would); the smallest such k
    // has the fewest digits, and at that length there is only one, so fmt prints the same.
    // -0, the rest and anything not finite go to fmt.
    if (value >= 1 && value < 4294967296.0) {
        const auto whole = static_cast<std::uint32_t>(value);
        if (static_cast<double>(whole) == value) return std::to_chars(out, out + 10, whole).ptr;
    }
    const double magnitude = std::fabs(value);
    if (magnitude < 1e15 && (value != 0 || !std::signbit(value))) {
        for (std::size_t k = 0; k < k_scales.size() && (k == 0 || magnitude < 1e9); ++k) {
            // Below 2^51 the product is within far less than 0.5 of the integer it stands for.
            const auto digits = static_cast<std::uint64_t>(magnitude * k_scales[k] + 0.5);
            if (static_cast<double>(digits) / k_scales[k] != magnitude) continue;
            if (value < 0) *out++ = '-';
            return write_fixed(out, digits, static_cast<int>(k));
        }
    }
    return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

void append_json_string(std::string& out, std::string_view text) {
    // Room for the worst case, trimmed to what was written.
    const std::size_t start = out.size();
    out.resize(start + json_string_bound(text.size()));
    char* end = write_json_string(out.data() + start, text);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_json_number(std::string& out, double value) {
    char buffer[k_json_number_bound];
    out.append(buffer, write_json_number(buffer, value));
}

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
