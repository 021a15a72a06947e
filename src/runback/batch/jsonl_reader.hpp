#pragma once
// A streaming JSON Lines reader for batch input: one JSON object per line, read into a flat,
// reusable list of (key, scalar value) pairs. The stream is read in large blocks and memory
// stays flat whatever the input size.
//
// Choices (each has a test):
// - A line end is LF or CRLF; a UTF-8 byte order mark at the very start is skipped.
// - A blank line (nothing, or only spaces, tabs and CR) is skipped: it is not a record and takes
//   no record number, but it counts as a line for locations.
// - A line that is not one valid JSON object is a malformed record whose error names the line
//   and the column in characters ("line 12, column 7: expected ',' or '}' after a value").
//   Reading goes on with the next line.
// - Parsing follows RFC 8259 strictly (no comments, trailing commas, NaN or raw control
//   characters in strings); \u escapes become UTF-8, and a lone surrogate is an error.
// - A key given twice makes the record malformed: which value was meant is a guess. It is
//   reported only on a line that is otherwise valid JSON.
// - Invalid UTF-8 inside strings is kept as it is, not checked.
// - A line longer than JsonlOptions::max_line_size is malformed and skipped.
// Malformed records keep the fields read before the problem, so the caller can still find an id.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

// How to read a JSON Lines stream.
struct JsonlOptions {
    // The buffer's starting size, so the bytes read at a time; tests make it tiny to exercise
    // buffer refills.
    std::size_t block_size = std::size_t{1} << 20;
    // The longest line accepted, in bytes; it bounds the buffer.
    std::size_t max_line_size = std::size_t{64} << 20;
};

// The kind of a JSON value.
enum class JsonKind { string, number, boolean, null, nested };

// One key and its value.
struct JsonField {
    // The key, unescaped.
    std::string_view key;
    // What the value is; an array or object is `nested` (the caller wants one value per key).
    JsonKind kind = JsonKind::null;
    // The value's text: a string unescaped, a number as written, "true", "false", "null", or
    // the raw text of a nested array or object.
    std::string_view text;
    // A number's value (zero or infinite when out of range); 0 for other kinds.
    double number = 0;
    // A boolean's value; false for other kinds.
    bool boolean = false;
};

// One record, reused from call to call so that reading allocates nothing in the steady state.
struct JsonlRecord {
    // The object's fields in input order; views valid until the next call to JsonlReader::next.
    std::vector<JsonField> fields;
    // The record's position among the non-blank lines, from 1.
    std::size_t number = 0;
    // The physical line of the record, from 1.
    std::size_t line = 0;
    // Why the line is not a usable object, with its location; empty for a good record.
    std::string error;

    // Whether the record is well formed.
    bool ok() const { return error.empty(); }
};

// Reads JSON Lines records one at a time from a stream (a file or standard input).
class JsonlReader {
public:
    // Reads from `in`, which must outlive the reader.
    explicit JsonlReader(std::istream& in, JsonlOptions options = {});

    // Fills `out` with the next record and returns true, or returns false at the end of the
    // input. A malformed record is returned too, with `error` set. Throws runback::Error when
    // the stream cannot be read.
    bool next(JsonlRecord& out);

private:
    enum class Line { ok, too_long, end };

    // Finds the next line (without its line end) and consumes it.
    Line next_line(std::string_view& line);
    // Keeps the unconsumed bytes, growing the buffer when they fill it, and reads more;
    // returns false when the buffer may not grow any more.
    bool refill();
    // The most the buffer holds: the longest line and a CRLF.
    std::size_t buffer_limit() const { return m_options.max_line_size + 2; }
    // Drops the rest of an oversized line, up to and including its line end.
    void skip_rest_of_line();
    // Skips a UTF-8 byte order mark at the start of the input.
    void skip_bom();
    // Parses `line` into `out`.
    void parse(std::string_view line, JsonlRecord& out);
    // The index of the first field whose key an earlier field has too, or the field count.
    std::size_t find_duplicate_key(const JsonlRecord& out);

    std::istream& m_in;
    JsonlOptions m_options;
    // Input bytes; [m_begin, m_end) is not yet consumed, and m_buffer[m_end] is a '\n' sentinel
    // followed by padding for 16-byte loads.
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    // Where the search for the next line end resumes, so a long line is scanned once.
    std::size_t m_scanned = 0;
    bool m_eof = false;
    bool m_bom_checked = false;
    // The physical line of the next line, and the number of records handed out.
    std::size_t m_line = 1;
    std::size_t m_records = 0;
    // Unescaped strings of the current line; reserved to the line's size so views stay valid.
    std::string m_unescaped;
    // One slot of the key set, in use when its generation is the current one, so that emptying
    // the set for the next record costs nothing.
    struct KeySlot {
        std::uint32_t generation = 0;
        std::uint32_t hash = 0;
        std::uint32_t field = 0;
    };
    // An open-addressing set of the current record's keys.
    std::vector<KeySlot> m_key_slots;
    std::uint32_t m_generation = 0;
    // Where each field's key starts in the line, for the column of a duplicate key.
    std::vector<const char*> m_key_positions;
};

}  // namespace runback::batch
