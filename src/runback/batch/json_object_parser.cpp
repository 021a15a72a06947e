#include <runback/batch/json_object_parser.hpp>

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runback::batch {

namespace {

constexpr int k_max_depth = 100;

// The first '"', '\\' or control character at or after `p`: the end of a run of plain string
// text. Strings are short and of every length, so a byte loop mispredicts its exit on nearly
// every string; one 16-byte comparison finds the end of most without a mispredicted branch.
// The caller guarantees a control character (a line end or the sentinel) before the end of
// the padded buffer.
const char* find_string_special(const char* p)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (;; p += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(chunk, last_control), last_control);
        const __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
        const int mask = _mm_movemask_epi8(_mm_or_si128(special, control));
        if (mask != 0) {
            return p + std::countr_zero(static_cast<unsigned>(mask));
        }
    }
#else
    while (*p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) {
        ++p;
    }
    return p;
#endif
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c)
{
    if (is_digit(c)) {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// A recursive-descent parser for one line. Each parse function returns false after recording
// the first error, which ends the parse: later text cannot be trusted. String scanning relies on
// the header's input contract (a control character after the line, and k_json_line_padding
// readable bytes from it) instead of checking bounds.
class ObjectParser {
public:
    ObjectParser(std::string_view line, std::size_t line_number, JsonlRecord& out,
                 std::string& unescaped, std::vector<const char*>& key_positions)
        : m_line_begin(line.data()), m_p(line.data()), m_end(line.data() + line.size()),
          m_line_number(line_number), m_out(out), m_unescaped(unescaped),
          m_key_positions(key_positions)
    {
    }

    void parse_object()
    {
        skip_space();
        if (m_p == m_end || *m_p != '{') {
            fail(m_p, fmt::format("expected a JSON object ('{{'){}", found_instead()));
            return;
        }
        ++m_p;
        skip_space();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
        } else if (!parse_members()) {
            return;
        }
        skip_space();
        if (m_p != m_end) {
            fail(m_p, "unexpected text after the object");
        }
    }

private:
    bool fail(const char* at, std::string_view what)
    {
        m_out.error = fmt::format("line {}, column {}: {}", m_line_number,
                                  column_of(m_line_begin, at), what);
        return false;
    }

    std::string_view found_instead() const
    {
        if (m_p == m_end) {
            return "";
        }
        switch (*m_p) {
        case '[': return ", found an array";
        case '"': return ", found a string";
        case 't': case 'f': return ", found a boolean";
        case 'n': return ", found null";
        default: return *m_p == '-' || is_digit(*m_p) ? ", found a number" : "";
        }
    }

    void skip_space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) {
            ++m_p;
        }
    }

    bool parse_members()
    {
        for (;;) {
            skip_space();
            if (m_p == m_end || *m_p != '"') {
                return fail(m_p, "expected a string key");
            }
            const char* const key_position = m_p;
            std::string_view key;
            if (!parse_string(key) || !parse_colon()) {
                return false;
            }
            JsonField& field = m_out.fields.emplace_back();
            field.key = key;
            m_key_positions.push_back(key_position);
            if (!parse_value(field, 0)) {
                m_out.fields.pop_back();  // keep only complete fields
                m_key_positions.pop_back();
                return false;
            }
            if (!parse_separator('}')) {
                return false;
            }
            if (m_p[-1] == '}') {
                return true;
            }
        }
    }

    bool parse_colon()
    {
        skip_space();
        if (m_p == m_end || *m_p != ':') {
            return fail(m_p, "expected ':' after a key");
        }
        ++m_p;
        skip_space();
        return true;
    }

    // After a value: consumes ',' or `close`.
    bool parse_separator(char close)
    {
        skip_space();
        if (m_p < m_end && (*m_p == ',' || *m_p == close)) {
            ++m_p;
            return true;
        }
        return fail(m_p, close == '}' ? "expected ',' or '}' after a value"
                                      : "expected ',' or ']' after a value");
    }

    bool parse_value(JsonField& field, int depth)
    {
        if (m_p == m_end) {
            return fail(m_p, "expected a value");
        }
        switch (*m_p) {
        case '"':
            field.kind = JsonKind::string;
            return parse_string(field.text);
        case '{':
        case '[': {
            const char* const start = m_p;
            if (!skip_container(depth)) {
                return false;
            }
            field.kind = JsonKind::nested;
            field.text = std::string_view(start, static_cast<std::size_t>(m_p - start));
            return true;
        }
        case 't': return parse_literal(field, "true", JsonKind::boolean, true);
        case 'f': return parse_literal(field, "false", JsonKind::boolean, false);
        case 'n': return parse_literal(field, "null", JsonKind::null, false);
        default:
            if (*m_p == '-' || is_digit(*m_p)) {
                return parse_number(field);
            }
            return fail(m_p, "expected a value");
        }
    }

    template <std::size_t N>
    bool parse_literal(JsonField& field, const char (&word)[N], JsonKind kind, bool value)
    {
        constexpr std::size_t size = N - 1;
        if (static_cast<std::size_t>(m_end - m_p) < size || std::memcmp(m_p, word, size) != 0) {
            return fail(m_p, "expected true, false or null");
        }
        field.kind = kind;
        field.text = std::string_view(m_p, size);
        field.boolean = value;
        m_p += size;
        return true;
    }

    bool parse_number(JsonField& field)
    {
        const char* const start = m_p;
        const bool negative = *m_p == '-';
        std::uint64_t mantissa = 0;  // wraps when long, but is then not used
        std::ptrdiff_t digit_count = 0;
        auto digits = [&] {
            const char* const first = m_p;
            while (m_p < m_end && is_digit(*m_p)) {
                mantissa = mantissa * 10 + static_cast<std::uint64_t>(*m_p++ - '0');
            }
            digit_count += m_p - first;
            return m_p > first;
        };
        if (negative) {
            ++m_p;
        }
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
            ++digit_count;
        } else if (!digits()) {
            return fail(start, "invalid number");
        }
        const char* const int_end = m_p;
        std::ptrdiff_t fraction_digits = 0;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            const char* const fraction = m_p;
            if (!digits()) {
                return fail(start, "invalid number");
            }
            fraction_digits = m_p - fraction;
        }
        bool has_exponent = false;
        bool negative_exponent = false;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            has_exponent = true;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-')) {
                negative_exponent = *m_p++ == '-';
            }
            if (!digits()) {
                return fail(start, "invalid number");
            }
        }
        field.kind = JsonKind::number;
        field.text = std::string_view(start, static_cast<std::size_t>(m_p - start));
        if (!has_exponent && digit_count <= 15) {
            // Clinger's fast path, for the short numbers answers are: the digits and the power
            // of ten are both exact doubles, so one division rounds correctly.
            constexpr double k_powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
            const double value = static_cast<double>(mantissa) / k_powers_of_ten[fraction_digits];
            field.number = negative ? -value : value;
            return true;
        }
        if (std::from_chars(start, m_p, field.number).ec == std::errc::result_out_of_range) {
            // Out of range: too small becomes zero, too large infinite (the text keeps the
            // digits). The exponent's sign, or a zero integer part, tells which.
            const bool zero_integer = int_end[-1] == '0' && int_end - start == (negative ? 2 : 1);
            const bool tiny = has_exponent ? negative_exponent : zero_integer;
            field.number = std::copysign(tiny ? 0.0 : HUGE_VAL, negative ? -1.0 : 1.0);
        }
        return true;
    }

    bool parse_string(std::string_view& out)
    {
        const char* const open = m_p++;
        const char* run = m_p;
        m_p = find_string_special(m_p);
        // The common case, a string without escapes, is a view into the line.
        if (*m_p == '"' && m_p < m_end) {
            out = std::string_view(run, static_cast<std::size_t>(m_p++ - run));
            return true;
        }
        const std::size_t first = m_unescaped.size();
        for (;;) {
            m_unescaped.append(run, m_p);
            if (m_p >= m_end) {
                m_p = m_end;
                return fail(open, "unterminated string");
            }
            if (*m_p == '"') {
                break;
            }
            if (*m_p != '\\') {
                return fail(m_p, "unescaped control character in a string");
            }
            if (!parse_escape(open)) {
                return false;
            }
            run = m_p;
            m_p = find_string_special(m_p);
        }
        ++m_p;
        // m_unescaped was reserved to the line's size and never outgrows it, so earlier views
        // into it stay valid.
        out = std::string_view(m_unescaped.data() + first, m_unescaped.size() - first);
        return true;
    }

    bool parse_escape(const char* open)
    {
        const char* const escape = m_p++;
        if (m_p == m_end) {
            return fail(open, "unterminated string");
        }
        const char c = *m_p++;
        switch (c) {
        case '"': case '\\': case '/': m_unescaped += c; return true;
        case 'b': m_unescaped += '\b'; return true;
        case 'f': m_unescaped += '\f'; return true;
        case 'n': m_unescaped += '\n'; return true;
        case 'r': m_unescaped += '\r'; return true;
        case 't': m_unescaped += '\t'; return true;
        case 'u': break;
        default:
            return fail(escape, c > ' ' && c < 0x7F ? fmt::format("invalid escape '\\{}'", c)
                                                    : std::string("invalid escape"));
        }
        std::uint32_t cp = 0;
        if (!parse_hex4(cp)) {
            return fail(escape, "invalid \\u escape: expected 4 hex digits");
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') {
                return fail(escape, "invalid \\u escape: unpaired surrogate");
            }
            m_p += 2;
            if (!parse_hex4(low)) {
                return fail(m_p - 2, "invalid \\u escape: expected 4 hex digits");
            }
            if (low < 0xDC00 || low > 0xDFFF) {
                return fail(escape, "invalid \\u escape: unpaired surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(escape, "invalid \\u escape: unpaired surrogate");
        }
        append_utf8(m_unescaped, cp);
        return true;
    }

    bool parse_hex4(std::uint32_t& cp)
    {
        if (m_end - m_p < 4) {
            return false;
        }
        for (int i = 0; i < 4; ++i) {
            const int digit = hex_value(*m_p++);
            if (digit < 0) {
                return false;
            }
            cp = cp * 16 + static_cast<std::uint32_t>(digit);
        }
        return true;
    }

    // Checks an array or object that is a field's value; only its extent is kept. Kept out of
    // line: inlined, its frame would slow every call of parse_value.
    [[gnu::noinline]] bool skip_container(int depth)
    {
        if (depth >= k_max_depth) {
            return fail(m_p, fmt::format("nested deeper than {} levels", k_max_depth));
        }
        const char close = *m_p++ == '{' ? '}' : ']';
        skip_space();
        if (m_p < m_end && *m_p == close) {
            ++m_p;
            return true;
        }
        JsonField scratch;
        for (;;) {
            skip_space();
            if (close == '}') {
                if (m_p == m_end || *m_p != '"') {
                    return fail(m_p, "expected a string key");
                }
                if (!parse_string(scratch.key) || !parse_colon()) {
                    return false;
                }
            }
            if (!parse_value(scratch, depth + 1) || !parse_separator(close)) {
                return false;
            }
            if (m_p[-1] == close) {
                return true;
            }
        }
    }

    const char* m_line_begin;
    const char* m_p;
    const char* m_end;
    std::size_t m_line_number;
    JsonlRecord& m_out;
    std::string& m_unescaped;
    std::vector<const char*>& m_key_positions;
};

}  // namespace

void parse_json_object(std::string_view line, JsonlRecord& out, std::string& unescaped,
                       std::vector<const char*>& key_positions)
{
    out.fields.clear();
    out.error.clear();
    unescaped.clear();
    unescaped.reserve(line.size());
    key_positions.clear();
    ObjectParser(line, out.line, out, unescaped, key_positions).parse_object();
}

}  // namespace runback::batch
