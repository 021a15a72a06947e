#pragma once
// A streaming RFC 4180 CSV reader for batch input: it reads its stream in large blocks, hands out
// each record's fields as views into its own buffer and keeps memory flat whatever the input
// size.
//
// Choices beyond RFC 4180 (each has a test):
// - A line end is LF or CRLF. A lone CR is ordinary data (Classic Mac files are long gone), except
//   at the very end of the input.
// - A UTF-8 byte order mark at the very start of the input is skipped.
// - A truly empty line is skipped: it is not a record and takes no record number. Spreadsheets
//   write ",,," for an empty row, so an empty line is junk such as a stray blank line at the end.
//   A line holding only `""` is a record with one empty field.
// - A quote inside an unquoted field is an ordinary character, as in Python's csv module: `ab"c`
//   is `ab"c`, and 5'10" needs no quoting.
// - Text after the closing quote of a quoted field (`"ab"c`) makes the record malformed: what the
//   writer meant is a guess, so the record is reported rather than silently changed. Reading goes
//   on as if the rest of the field were unquoted, so the record still ends at its line end and
//   the following records are unaffected.
// - A quoted field still open at the end of the input makes the last record malformed
//   ("unterminated quoted field starting at line N"); it has swallowed the rest of the input.
// - A record longer than CsvOptions::max_record_size is malformed and has no fields. As it may be
//   a quote left open, reading skips to the first line end after the limit and goes on there.
// Malformed records keep the fields read so far, so the caller can still find an id.
//
// A record without a quote is split at every delimiter and nothing else. A caller that splits
// records on other threads asks next() to hand such records out whole (Split::plain_later): the
// reading thread then only finds their line ends, and split_plain_record splits them where they
// are used, with the same result.

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

// How to read a CSV stream.
struct CsvOptions {
    // The field separator: ',', ';' or '\t' in practice; any byte but '"', CR and LF.
    char delimiter = ',';
    // The buffer's starting size, so the bytes read at a time; tests make it tiny to exercise
    // buffer refills.
    std::size_t block_size = std::size_t{1} << 20;
    // The longest record accepted, in bytes without its line end; it bounds the buffer.
    std::size_t max_record_size = std::size_t{64} << 20;
};

// One record, reused from call to call so that reading allocates nothing in the steady state.
struct CsvRecord {
    // The fields, unquoted and unescaped; views into the reader's buffer, valid until the next
    // call to CsvReader::next.
    std::vector<std::string_view> fields;
    // The record's position among all records, from 1 (a header is record 1).
    std::size_t number = 0;
    // The physical line on which the record starts, from 1.
    std::size_t line = 0;
    // Why the record is malformed, with its location; empty for a well-formed record.
    std::string error;

    // Whether the record is well formed.
    bool ok() const { return error.empty(); }

    // Set when next() was asked to leave plain records whole and this is one: `fields` is
    // empty, and `plain_text` is the record without its line end, holding no quote, valid as
    // long as `fields` would be. split_plain_record gives its fields.
    bool deferred = false;
    std::string_view plain_text;
};

// When next() splits a record into fields.
enum class Split {
    now,          // every record: `fields`
    plain_later,  // records with a quote now; others are left whole (CsvRecord::deferred)
};

// The fields of a record that next() left whole: `text` cut at every `delimiter`, as views
// into it, at room[0, n); returns n. `room` grows as needed and never shrinks, so that reused
// for every record it is written only where the fields go.
std::size_t split_plain_record(std::string_view text, char delimiter, std::vector<std::string_view>& room);

// Reads CSV records one at a time from a stream (a file or standard input).
class CsvReader {
public:
    // Reads from `in`, which must outlive the reader. Throws runback::Error for an unusable
    // delimiter.
    explicit CsvReader(std::istream& in, CsvOptions options = {});

    // Fills `out` with the next record and returns true, or returns false at the end of the
    // input. A malformed record is returned too, with `error` set. Throws runback::Error when
    // the stream cannot be read.
    bool next(CsvRecord& out, Split split = Split::now);

private:
    enum class Scan { record, empty_line, need_more, end };

    // Hands out the record at m_begin whole when it is a complete line without a quote and not
    // over the size limit: Scan::record or Scan::empty_line. Scan::need_more otherwise, for
    // scan_record to decide.
    Scan take_plain_record(CsvRecord& out);
    enum class Refill { more, end, full };

    // Parses the record at m_begin into `out`; consumes it only when it is complete, so a
    // record cut by the end of the buffer is parsed again from its start after a refill.
    Scan scan_record(CsvRecord& out);
    // Keeps the unconsumed bytes, growing the buffer when they fill it, and reads more.
    Refill refill();
    // The most the buffer holds: the longest record and a CRLF.
    std::size_t buffer_limit() const { return m_options.max_record_size + 2; }
    // Reports the oversized record at m_begin and skips to the next line end after it.
    void skip_oversized_record(CsvRecord& out);
    // Skips a UTF-8 byte order mark at the start of the input.
    void skip_bom();

    std::istream& m_in;
    CsvOptions m_options;
    // Input bytes; [m_begin, m_end) is not yet consumed, and m_buffer[m_end] is a '\n' sentinel.
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_bom_checked = false;
    // The physical line at m_begin, and the number of records handed out.
    std::size_t m_line = 1;
    std::size_t m_records = 0;
    // Indexes of the current record's fields that hold doubled quotes to collapse.
    std::vector<std::size_t> m_escaped_fields;
};

}  // namespace runback::batch
