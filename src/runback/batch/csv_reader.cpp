#include <runback/batch/csv_reader.hpp>

#include <runback/batch/stream_input.hpp>

#include <runback/util/text_wrap.hpp>

#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runback::batch {

namespace {

constexpr std::size_t k_min_record_size = 16;
// Bytes after the capacity: the '\n' sentinel at the end of the data, and room for a 16-byte
// load that starts at the sentinel.
constexpr std::size_t k_padding = 16;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// Finds the first of two bytes. Fields are short and of every length, so a byte loop
// mispredicts its exit on nearly every field; one 16-byte comparison finds the end of most
// fields without a mispredicted branch.
class ByteFinder {
public:
    ByteFinder(char a, char b)
#if defined(__SSE2__)
        : m_a(_mm_set1_epi8(a)), m_b(_mm_set1_epi8(b))
#else
        : m_a(a), m_b(b)
#endif
    {
    }

    // The first of the two bytes at or after `p`; one must come before the end of the padded
    // buffer.
    char* find(char* p) const
    {
#if defined(__SSE2__)
        for (;; p += 16) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const int mask = _mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(chunk, m_a), _mm_cmpeq_epi8(chunk, m_b)));
            if (mask != 0) {
                return p + std::countr_zero(static_cast<unsigned>(mask));
            }
        }
#else
        while (*p != m_a && *p != m_b) {
            ++p;
        }
        return p;
#endif
    }

private:
#if defined(__SSE2__)
    __m128i m_a;
    __m128i m_b;
#else
    char m_a;
    char m_b;
#endif
};

// Only the first problem of a record is reported; later ones are often its consequences.
void fail(CsvRecord& out, std::size_t line, const char* line_begin, const char* at,
          std::string_view what)
{
    if (out.error.empty()) {
        out.error = fmt::format("line {}, column {}: {}", line, util::column_of(line_begin, at), what);
    }
}

std::string oversized(std::size_t line, std::size_t limit)
{
    constexpr std::size_t k_mib = std::size_t{1} << 20;
    return fmt::format("line {}: the record is longer than {} (is a quote left open?)", line,
                       limit % k_mib == 0 ? fmt::format("{} MiB", limit / k_mib)
                                          : fmt::format("{} bytes", limit));
}

}  // namespace

CsvReader::CsvReader(std::istream& in, CsvOptions options) : m_in(in), m_options(options)
{
    const char d = m_options.delimiter;
    if (d == '"' || d == '\r' || d == '\n') {
        throw Error("a CSV delimiter cannot be a quote or a line end", "use ',', ';' or a tab");
    }
    m_options.block_size = std::max<std::size_t>(m_options.block_size, 1);
    m_options.max_record_size = std::max(m_options.max_record_size, k_min_record_size);
    m_buffer.resize(std::min(m_options.block_size, buffer_limit()) + k_padding);
    m_buffer[0] = '\n';
}

bool CsvReader::next(CsvRecord& out, Split split)
{
    if (!m_bom_checked) {
        skip_bom();
    }
    for (;;) {
        Scan scan = split == Split::plain_later ? take_plain_record(out) : Scan::need_more;
        if (scan == Scan::need_more) {
            scan = scan_record(out);
        }
        switch (scan) {
        case Scan::record:
            out.number = ++m_records;
            return true;
        case Scan::empty_line:
            break;
        case Scan::end:
            out.fields.clear();
            return false;
        case Scan::need_more:
            if (refill() == Refill::full) {
                skip_oversized_record(out);
                return true;
            }
            break;
        }
    }
}

CsvReader::Scan CsvReader::take_plain_record(CsvRecord& out)
{
    char* const base = m_buffer.data();
    char* const begin = base + m_begin;
    char* const end = base + m_end;
    // A line end before any quote ends a record whose fields need no unquoting. The sentinel
    // at `end` stops the search but is no line end of the input: there scan_record decides.
    const char* const stop = ByteFinder('"', '\n').find(begin);
    if (stop == end || *stop != '\n') {
        return Scan::need_more;
    }
    auto size = static_cast<std::size_t>(stop - begin);
    if (size > 0 && stop[-1] == '\r') {
        --size;
    }
    if (size > m_options.max_record_size) {
        return Scan::need_more;
    }
    m_begin = static_cast<std::size_t>(stop + 1 - base);
    out.line = m_line++;
    if (size == 0) {
        return Scan::empty_line;
    }
    out.fields.clear();
    out.error.clear();
    out.deferred = true;
    out.plain_text = std::string_view(begin, size);
    return Scan::record;
}

namespace {

#if defined(__SSE2__)
// A bit per byte of the sixteen at `chunk` that is `wanted`'s byte.
unsigned byte_mask(const char* chunk, __m128i wanted)
{
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted)));
}
#endif

}  // namespace

std::size_t split_plain_record(std::string_view text, char delimiter, std::vector<std::string_view>& room)
{
    const char* const data = text.data();
    const std::size_t size = text.size();
    std::size_t count = 0;
    std::size_t start = 0;
    // Room for a chunk's fields and the last one; checked per chunk, not per field.
    const auto make_room = [&](std::size_t more) {
        if (room.size() < count + more) {
            room.resize(std::max(2 * room.size(), count + more));
        }
    };
#if defined(__SSE2__)
    // Sixteen bytes at a time, a bit per delimiter, four at once in a 64-bit mask: the loop
    // over a mask's bits ends at a point no branch predictor can guess, so the fewer masks
    // the better. The last few bytes are copied out, padded with line ends (never the
    // delimiter), so that no load reads past the text.
    const __m128i wanted = _mm_set1_epi8(delimiter);
    const auto mask_of = [wanted](const char* chunk) {
        return std::uint64_t{byte_mask(chunk, wanted)} | std::uint64_t{byte_mask(chunk + 16, wanted)} << 16 |
               std::uint64_t{byte_mask(chunk + 32, wanted)} << 32 | std::uint64_t{byte_mask(chunk + 48, wanted)} << 48;
    };
    const std::size_t whole_chunks = size / 64 * 64;
    char tail[64];
    std::memset(tail, '\n', sizeof tail);
    std::memcpy(tail, data + whole_chunks, size - whole_chunks);
    for (std::size_t at = 0; at <= whole_chunks; at += 64) {
        make_room(65);
        std::string_view* field = room.data() + count;
        for (std::uint64_t mask = mask_of(at < whole_chunks ? data + at : tail); mask != 0; mask &= mask - 1) {
            const std::size_t end = at + static_cast<std::size_t>(std::countr_zero(mask));
            *field++ = std::string_view(data + start, end - start);
            start = end + 1;
        }
        count = static_cast<std::size_t>(field - room.data());
    }
#else
    for (std::size_t at = 0; at < size; ++at) {
        if (data[at] == delimiter) {
            make_room(2);
            room[count++] = std::string_view(data + start, at - start);
            start = at + 1;
        }
    }
    make_room(1);
#endif
    room[count++] = std::string_view(data + start, size - start);
    return count;
}

CsvReader::Scan CsvReader::scan_record(CsvRecord& out)
{
    char* const base = m_buffer.data();
    char* const end = base + m_end;
    char* p = base + m_begin;
    const char delimiter = m_options.delimiter;
    const ByteFinder field_end_finder(delimiter, '\n');
    const ByteFinder quote_finder('"', '\n');
    out.fields.clear();
    out.error.clear();
    out.deferred = false;
    out.line = m_line;
    m_escaped_fields.clear();
    if (p == end) {
        return m_eof ? Scan::end : Scan::need_more;
    }

    // The loops below run without bounds checks: *end is always the '\n' sentinel.
    std::size_t line = m_line;
    const char* line_begin = p;
    bool ended_by_line_end = false;
    for (;;) {
        char* const field = p;
        if (*p == '"') {
            const std::size_t quote_line = line;
            const char* const quote_line_begin = line_begin;
            char* const content = ++p;
            bool doubled = false;
            for (;;) {
                p = quote_finder.find(p);
                if (p == end) {
                    break;
                }
                if (*p == '\n') {
                    ++line;
                    line_begin = ++p;
                    continue;
                }
                if (p + 1 == end && !m_eof) {
                    return Scan::need_more;  // "" or a closing quote: the next byte decides
                }
                if (p[1] != '"') {
                    break;
                }
                doubled = true;
                p += 2;
            }
            if (p == end) {
                if (!m_eof) {
                    return Scan::need_more;
                }
                if (doubled) {
                    m_escaped_fields.push_back(out.fields.size());
                }
                out.fields.emplace_back(content, static_cast<std::size_t>(p - content));
                if (out.error.empty()) {
                    out.error =
                        fmt::format("unterminated quoted field starting at line {}, column {}",
                                    quote_line, util::column_of(quote_line_begin, field));
                }
                break;
            }
            const char* const close = p++;
            if ((p == end || (p + 1 == end && *p == '\r')) && !m_eof) {
                return Scan::need_more;
            }
            if (*p == '\r' && p[1] == '\n') {
                ++p;  // CRLF; at the end of the input p[1] is the sentinel
            }
            if (*p == delimiter || *p == '\n') {
                if (doubled) {
                    m_escaped_fields.push_back(out.fields.size());
                }
                out.fields.emplace_back(content, static_cast<std::size_t>(close - content));
            } else {
                // Text after the closing quote: report it, then read on as if the field were
                // unquoted so the record still ends at its own line end.
                fail(out, line, line_begin, p,
                     fmt::format("unexpected text after the closing quote of field {}",
                                 out.fields.size() + 1));
                p = field_end_finder.find(p);
                if (p == end && !m_eof) {
                    return Scan::need_more;
                }
                const char* field_end = p;
                if (*p == '\n' && field_end[-1] == '\r') {
                    --field_end;
                }
                out.fields.emplace_back(field, static_cast<std::size_t>(field_end - field));
            }
        } else {
            p = field_end_finder.find(p);
            if (p == end && !m_eof) {
                return Scan::need_more;
            }
            const char* field_end = p;
            if (*p == '\n' && field_end > field && field_end[-1] == '\r') {
                --field_end;
            }
            out.fields.emplace_back(field, static_cast<std::size_t>(field_end - field));
        }
        // p is on the delimiter, the line end or the end of the input.
        if (p == end) {
            break;
        }
        if (*p == '\n') {
            ++p;
            ended_by_line_end = true;
            break;
        }
        ++p;
    }

    const bool empty_line = out.fields.size() == 1 && out.fields[0].empty() &&
                            base[m_begin] != '"';
    auto size = static_cast<std::size_t>(p - (base + m_begin));
    if (ended_by_line_end) {
        size -= size >= 2 && p[-2] == '\r' ? 2 : 1;
    }
    m_begin = static_cast<std::size_t>(p - base);
    m_line = line + (ended_by_line_end ? 1 : 0);
    if (empty_line) {
        return Scan::empty_line;
    }
    if (size > m_options.max_record_size) {
        // It fitted in the buffer's slack for a line end, but is still over the limit.
        out.fields.clear();
        out.error = oversized(out.line, m_options.max_record_size);
        return Scan::record;
    }
    // Collapse doubled quotes in place, now that the record is complete and will not be parsed
    // again: the result is shorter, so it fits where the field was.
    for (const std::size_t index : m_escaped_fields) {
        std::string_view& value = out.fields[index];
        char* const begin = base + (value.data() - base);
        const char* read = begin;
        const char* const stop = begin + value.size();
        char* write = begin;
        while (read < stop) {
            const char c = *read++;
            *write++ = c;
            if (c == '"') {
                ++read;
            }
        }
        value = std::string_view(begin, static_cast<std::size_t>(write - begin));
    }
    return Scan::record;
}

CsvReader::Refill CsvReader::refill()
{
    if (m_eof) {
        return Refill::end;
    }
    char* data = m_buffer.data();
    const std::size_t pending = m_end - m_begin;
    if (m_begin > 0) {
        std::memmove(data, data + m_begin, pending);
        m_begin = 0;
        m_end = pending;
    }
    std::size_t capacity = m_buffer.size() - k_padding;
    if (m_end == capacity) {
        if (capacity >= buffer_limit()) {
            return Refill::full;
        }
        capacity = std::min(capacity * 2, buffer_limit());
        m_buffer.resize(capacity + k_padding);
        data = m_buffer.data();
    }
    const std::size_t got = read_block(m_in, data + m_end, capacity - m_end, "the CSV input");
    m_end += got;
    if (got == 0) {
        m_eof = true;
    }
    data[m_end] = '\n';
    return Refill::more;
}

void CsvReader::skip_oversized_record(CsvRecord& out)
{
    out.fields.clear();
    out.deferred = false;
    out.line = m_line;
    out.number = ++m_records;
    out.error = oversized(m_line, m_options.max_record_size);
    // The buffer holds only this record: every line end in it was inside quotes.
    const char* data = m_buffer.data();
    m_line += static_cast<std::size_t>(std::count(data + m_begin, data + m_end, '\n'));
    m_begin = m_end;
    for (;;) {
        if (m_begin == m_end) {
            if (m_eof) {
                return;
            }
            refill();
            continue;
        }
        data = m_buffer.data();
        const void* found = std::memchr(data + m_begin, '\n', m_end - m_begin);
        if (found != nullptr) {
            m_begin = static_cast<std::size_t>(static_cast<const char*>(found) - data) + 1;
            ++m_line;
            return;
        }
        m_begin = m_end;
    }
}

void CsvReader::skip_bom()
{
    m_bom_checked = true;
    while (m_end - m_begin < k_bom.size() && !m_eof) {
        refill();
    }
    if (std::string_view(m_buffer.data() + m_begin, m_end - m_begin).starts_with(k_bom)) {
        m_begin += k_bom.size();
    }
}

}  // namespace runback::batch
