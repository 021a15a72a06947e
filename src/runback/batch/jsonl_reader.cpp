#include <runback/batch/jsonl_reader.hpp>

#include <runback/batch/stream_input.hpp>

#include <runback/batch/json_object_parser.hpp>
#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace runback::batch {

namespace {

constexpr std::size_t k_min_line_size = 16;
// Bytes after the capacity: the '\n' sentinel at the end of the data, and room for the 16-byte
// load that parse_json_object may start at the sentinel.
constexpr std::size_t k_padding = k_json_line_padding;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

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
    parse_json_object(line, out, m_unescaped, m_key_positions);
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
    const std::size_t got = read_block(m_in, data + m_end, capacity - m_end, "the JSON Lines input");
    m_end += got;
    m_eof = got == 0;
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
