#pragma once
// A batch of input records, copied out of the reader's buffer so that worker threads can assess
// them while the reader goes on, with the output they render. Text is kept as offsets into one
// arena, which may grow without invalidating anything.

#include <runback/batch/jsonl_reader.hpp>
#include <runback/report/text_cursor.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runback::batch {

// One field's text: a CSV cell (its position is its column) or a JSONL value.
struct StoredField {
    std::uint32_t text_offset = 0;
    std::uint32_t text_size = 0;
};

// What a JSONL field has besides its text, at the same index as its StoredField; CSV cells,
// the bulk of most runs, carry none of it.
struct StoredJsonField {
    std::uint32_t key_offset = 0;
    std::uint32_t key_size = 0;
    JsonKind kind = JsonKind::string;
    bool boolean = false;
    double number = 0;
};

struct StoredRecord {
    std::uint32_t first_field = 0;
    std::uint32_t field_count = 0;
    // A CSV record the reader left whole (CsvRecord::deferred): no fields stored, its text at
    // arena[text_offset, text_offset + text_size), split by the worker that assesses it.
    bool deferred = false;
    std::uint32_t text_offset = 0;
    std::uint32_t text_size = 0;
    std::size_t number = 0;        // the record's row number in the output
    std::size_t line = 0;          // the physical line it starts on
    std::string error;             // why it could not be read; empty when it could
};

// What the work on one record produced, for the summary and --max-errors.
struct RecordOutcome {
    std::uint32_t output_end = 0;  // where its output ends in RecordBatch::output
    std::uint32_t sheet_end = 0;   // where its advice sheet ends in RecordBatch::sheets (--sheets)
    std::optional<std::string> id; // its id, when it has one and sheets are written
    std::int8_t urgency = -1;      // rules::Urgency, or -1 for an unreadable record
    bool error = false;
};

struct RecordBatch {
    std::size_t sequence = 0;      // its place in the input, for writing in order
    std::string arena;
    std::vector<StoredField> fields;
    std::vector<StoredJsonField> json_fields;   // JSONL input only
    std::vector<StoredRecord> records;
    std::vector<RecordOutcome> outcomes;
    report::TextSpace output;      // written in place by the renderer
    std::string sheets;            // the records' advice sheets, end to end (--sheets)
    double input_position = -1;    // bytes of input read when it was filled, or -1 if unknown

    void clear() {
        arena.clear();
        fields.clear();
        json_fields.clear();
        records.clear();
        outcomes.clear();
        output.clear();
        sheets.clear();
    }
    std::string_view text(std::uint32_t offset, std::uint32_t size) const {
        return std::string_view(arena).substr(offset, size);
    }
    // Copies `text` into the arena and returns its offset.
    std::uint32_t keep(std::string_view text) {
        const auto offset = static_cast<std::uint32_t>(arena.size());
        arena.append(text);
        return offset;
    }
    // The same, followed by k_padding spare bytes: 32 bytes from the start of any part of the
    // text may be read at once (AnswerParser::try_parse_padded).
    static constexpr std::size_t k_padding = 32;
    std::uint32_t keep_padded(std::string_view text) {
        const auto offset = keep(text);
        arena.append(k_padding, '\0');
        return offset;
    }
    // Ends a record whose strings were kept one by one: k_padding spare bytes after the last,
    // so that each of them may be read as a padded one (what follows a string is the
    // record's later strings, then these).
    void end_padded_record() { arena.append(k_padding, '\0'); }
};

}  // namespace runback::batch
