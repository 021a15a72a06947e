#pragma once
// Parses one line of JSON Lines input, a single JSON object, into a JsonlRecord's flat list of
// fields: strictly RFC 8259, with \u escapes turned into UTF-8 and a nested array or object kept
// as raw text. Duplicate keys are not checked here (JsonlReader does it); the key positions
// recorded for each field locate them.
//
// The input contract, which lets string scanning skip bounds checks: the byte just past the
// line, line.data()[line.size()], must be a control character (its line end or a '\n'
// sentinel), and k_json_line_padding bytes starting at it must be readable, because strings
// are scanned 16 bytes at a time and a load may start at that byte.

#include <runback/batch/jsonl_reader.hpp>

#include <runback/util/text_wrap.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

// Readable bytes needed from the end of a line: a 16-byte load may start at the byte after it.
inline constexpr std::size_t k_json_line_padding = 16;

// Parses `line` (see the input contract above) as one JSON object into `out`, replacing
// out.fields with its members in input order and out.error with the first problem, located as
// "line N, column C: ..." with N from out.line (empty for a valid object); a malformed line
// keeps the fields completed before the problem. Field views point into `line` or into
// `unescaped`, which is cleared and reserved to the line's size so that they stay valid until
// its next use. `key_positions` is cleared, then gets where each field's key (its opening
// quote) starts in the line, one per field.
void parse_json_object(std::string_view line, JsonlRecord& out, std::string& unescaped,
                       std::vector<const char*>& key_positions);

// Error columns are counted in characters, as an editor shows them.
using util::column_of;

}  // namespace runback::batch
