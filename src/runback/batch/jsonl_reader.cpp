#include <runback/batch/jsonl_reader.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runback::batch {

namespace {

constexpr std::size_t k_min_line_size = 16;
// Bytes after the capacity: the '\n' sentinel at the end of the data, and room for a 16-byte
// load that starts at the sentinel.
constexpr std::size_t k_padding = 16;
constexpr int k_max_depth = 100;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

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

// The 1-based column of `at` in characters, as an editor shows it.
std::size_t column_of(const char* line_begin, const char* at)
{
    std::size_t column = 1;
    for (const char* p = line_begin; p < at; ++p) {
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return column;
}

std::string describe_size(std::size_t bytes)
{
    constexpr std::size_t k_mib = std::size_t{1} << 20;
    return bytes % k_mib == 0 ? fmt::format("{} MiB", bytes / k_mib)
                              : fmt::format("{} bytes", bytes);
}

// A hash of a short key from a few whole-word reads rather than a loop over its bytes, as
// small-key hashes such as wyhash do: this runs for every key of every record.
std::uint64_t hash_key(std::string_view key)
{
    const char* const p = key.data();
    const std::size_t n = key.size();
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
        if (n > 16) {
            std::uint64_t middle = 0;
            std::memcpy(&middle, p + n / 2 - 4, 8);
            a ^= middle * 0xFF51AFD7ED558CCDu;
        }
    } else if (n >= 4) {
        std::uint32_t x = 0;
        std::uint32_t y = 0;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        a = x;
        b = y;
    } else if (n > 0) {
        a = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
            static_cast<unsigned char>(p[n - 1]) << 16;
    }
    std::uint64_t h = (a ^ 0x9E3779B97F4A7C15u) * (b ^ n ^ 0xBF58476D1CE4E5B9u);
    h ^= h >> 29;
    h *= 0x94D049BB133111EBu;
    return h ^ (h >> 32);
}

// A key as JSON would write it, so that a key with quotes or control characters reads clearly
// in a message.
std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + '"';
}

// A recursive-descent parser for one line. Each parse function returns false after recording
// the first error, which ends the parse: later text cannot be trusted. The byte after the line
// must be a control character (its line end, or the buffer's sentinel), and 16 bytes after it
// readable: string scanning relies on both instead of checking bounds.
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

JsonlReader::JsonlReader(std::istream& in, JsonlOptions options) : m_in(in), m_options(options)
{
    m_options.block_size = std::max<std::size_t>(m_options.block_size, 1);
    m_options.max_line_size = std::max(m_options.max_line_size, k_min_line_size);
    m_buffer.resize(std::min(m_options.block_size, buffer_limit()) + k_padding);
    m_buffer[0] = '\n';
}

bool JsonlReader::next(JsonlRecord& out)
{
    if (!m_bom_checked) {
        skip_bom();
    }
    out.fields.clear();
    out.error.clear();
    for (;;) {
        std::string_view line;
        const Line got = next_line(line);
        if (got == Line::end) {
            return false;
        }
        out.line = m_line++;
        if (got == Line::too_long || line.size() > m_options.max_line_size) {
            out.number = ++m_records;
            out.error = fmt::format("line {}: the line is longer than {}; skipped", out.line,
                                    describe_size(m_options.max_line_size));
            if (got == Line::too_long) {
                skip_rest_of_line();
            }
            return true;
        }
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        out.number = ++m_records;
        parse(line, out);
        return true;
    }
}

void JsonlReader::parse(std::string_view line, JsonlRecord& out)
{
    m_unescaped.clear();
    m_unescaped.reserve(line.size());
    m_key_positions.clear();
    ObjectParser(line, out.line, out, m_unescaped, m_key_positions).parse_object();
    if (!out.error.empty()) {
        return;
    }
    const std::size_t duplicate = find_duplicate_key(out);
    if (duplicate < out.fields.size()) {
        out.error = fmt::format("line {}, column {}: duplicate key {}", out.line,
                                column_of(line.data(), m_key_positions[duplicate]),
                                quoted(out.fields[duplicate].key));
    }
}

std::size_t JsonlReader::find_duplicate_key(const JsonlRecord& out)
{
    const std::size_t count = out.fields.size();
    if (count < 2) {
        return count;
    }
    // Mostly empty, so that most keys land in a free slot at once.
    std::size_t size = 64;
    while (size < 4 * count) {
        size *= 2;
    }
    if (m_key_slots.size() < size) {
        m_key_slots.resize(size);
    }
    if (++m_generation == 0) {  // wrapped: old stamps could look current
        std::fill(m_key_slots.begin(), m_key_slots.end(), KeySlot{});
        m_generation = 1;
    }
    const std::size_t mask = m_key_slots.size() - 1;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view key = out.fields[i].key;
        const std::uint64_t hash = hash_key(key);
        const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
        std::size_t index = hash & mask;
        while (m_key_slots[index].generation == m_generation) {
            const KeySlot& slot = m_key_slots[index];
            if (slot.hash == short_hash && out.fields[slot.field].key == key) {
                return i;
            }
            index = (index + 1) & mask;
        }
        m_key_slots[index] = {m_generation, short_hash, static_cast<std::uint32_t>(i)};
    }
    return count;
}

JsonlReader::Line JsonlReader::next_line(std::string_view& line)
{
    for (;;) {
        const char* data = m_buffer.data();
        const void* found = std::memchr(data + m_scanned, '\n', m_end - m_scanned);
        std::size_t stop = m_end;
        if (found != nullptr) {
            stop = static_cast<std::size_t>(static_cast<const char*>(found) - data);
        } else if (!m_eof) {
            m_scanned = m_end;
            if (!refill()) {
                return Line::too_long;
            }
            continue;
        } else if (m_begin == m_end) {
            return Line::end;
        }
        line = std::string_view(data + m_begin, stop - m_begin);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        m_begin = m_scanned = std::min(stop + 1, m_end);
        return Line::ok;
    }
}

bool JsonlReader::refill()
{
    char* data = m_buffer.data();
    const std::size_t pending = m_end - m_begin;
    if (m_begin > 0) {
        std::memmove(data, data + m_begin, pending);
        m_scanned -= m_begin;
        m_begin = 0;
        m_end = pending;
    }
    std::size_t capacity = m_buffer.size() - k_padding;
    if (m_end == capacity) {
        if (capacity >= buffer_limit()) {
            return false;
        }
        capacity = std::min(capacity * 2, buffer_limit());
        m_buffer.resize(capacity + k_padding);
        data = m_buffer.data();
    }
    const std::size_t wanted = capacity - m_end;
    m_in.read(data + m_end, static_cast<std::streamsize>(wanted));
    if (m_in.bad()) {
        throw Error("cannot read the JSON Lines input", {}, ExitStatus::failed);
    }
    const auto got = static_cast<std::size_t>(m_in.gcount());
    m_end += got;
    m_eof = got < wanted;
    data[m_end] = '\n';
    return true;
}

void JsonlReader::skip_rest_of_line()
{
    // The buffer holds only the start of this line: drop it, then everything up to a line end.
    m_begin = m_scanned = m_end;
    for (;;) {
        if (m_begin == m_end) {
            if (m_eof) {
                return;
            }
            refill();
            continue;
        }
        const char* data = m_buffer.data();
        const void* found = std::memchr(data + m_begin, '\n', m_end - m_begin);
        if (found != nullptr) {
            m_begin = m_scanned =
                static_cast<std::size_t>(static_cast<const char*>(found) - data) + 1;
            return;
        }
        m_begin = m_scanned = m_end;
    }
}

void JsonlReader::skip_bom()
{
    m_bom_checked = true;
    while (m_end - m_begin < k_bom.size() && !m_eof) {
        refill();
    }
    if (std::string_view(m_buffer.data() + m_begin, m_end - m_begin).starts_with(k_bom)) {
        m_begin = m_scanned = m_begin + k_bom.size();
    }
}

}  // namespace runback::batch
