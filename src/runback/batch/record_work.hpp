#pragma once
// The work done on each batch, on any thread: turn each stored record into answers, assess
// them, and render the result; unreadable records become error rows. Nothing here is shared
// and mutable, so workers may run it at once.

#include <runback/batch/batch_run.hpp>
#include <runback/batch/csv_layout.hpp>
#include <runback/batch/json_key_roles.hpp>
#include <runback/batch/record_batch.hpp>
#include <runback/engine/answer_parser.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answer_mapper.hpp>
#include <runback/report/record_output.hpp>
#include <runback/report/record_renderer.hpp>
#include <runback/sheet/sheet_render.hpp>

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace runback::batch {

class RecordWork {
    // The unknown JSONL keys one call of operator() has seen, and whether each is near a red flag.
    struct UnknownKeys {
        std::vector<std::string> keys;
        std::vector<unsigned char> near_red_flag;
    };

public:
    // `layout` is the CSV's (nullptr for JSONL); it must outlive the work.
    RecordWork(const engine::Engine& engine, const input::AnswerMapper& mapper,
               const BatchOptions& options, const CsvLayout* layout);

    void operator()(RecordBatch& batch) const;

    // The CSV output's header line, with the kept columns.
    std::string csv_header(const std::vector<std::string>& kept_columns) const {
        return m_renderer.csv_header(kept_columns);
    }

    // Keys of JSONL records that name no question, in the order first seen.
    std::vector<std::string> unknown_keys() const;

private:
    // An error row for a record that could not be assessed (info.error says why); `line` is
    // working room.
    void append_unreadable(RecordBatch& batch, const report::RecordInfo& info, std::string& line) const;
    // A CSV record's fields, in `room` (reused from record to record): split here when the
    // reader left the record whole.
    std::span<const std::string_view> csv_fields(const RecordBatch& batch, const StoredRecord& record,
                                                 std::vector<std::string_view>& room) const;
    void decode_csv(std::span<const std::string_view> fields, const StoredRecord& record, engine::Answers& answers,
                    report::RecordInfo& info) const;
    // `noted`: the unknown keys this call of operator() has noted already (note_unknown_key);
    // `near` gets the record's keys that are near a red flag.
    void decode_jsonl(const RecordBatch& batch, const StoredRecord& record, engine::Answers& answers,
                      report::RecordInfo& info, UnknownKeys& noted, std::vector<std::string>& near) const;
    void note_unknown_key(std::string_view key, UnknownKeys& noted, std::vector<std::string>& near) const;
    // Appends the record's advice sheet to the batch (--sheets).
    void add_sheet(RecordBatch& batch, const engine::Answers& answers, const engine::Assessment& assessment,
                   const report::RecordInfo& info) const;
    // The line a record starts on when no record before it spans lines.
    std::size_t expected_line(const StoredRecord& record) const;
    void add_problem(report::RecordInfo& info, const StoredRecord& record, std::string_view problem) const;
    // The full reading of an answer, with its error, for text the fast path did not take.
    void read_answer_slowly(int question, std::string_view text, engine::DecimalMark mark, engine::Answers& answers,
                            report::RecordInfo& info, const StoredRecord& record) const;

    const engine::Engine& m_engine;
    const input::AnswerMapper& m_mapper;
    const BatchOptions& m_options;
    const CsvLayout* m_layout;
    engine::DecimalMark m_mark;
    engine::AnswerParser m_parser;
    report::RecordRenderer m_renderer;
    std::optional<JsonKeyRoles> m_key_roles;            // for JSONL records only
    std::optional<engine::Warning> m_csv_near_red_flag; // a header column near a red flag
    bool m_quiet_flags_asked = false;   // the CSV has a column for a quiet red flag
    std::optional<sheet::SheetFormat> m_sheet_format;   // when sheets are written
    mutable std::mutex m_unknown_mutex;
    mutable std::vector<std::string> m_unknown_keys;
};

}  // namespace runback::batch
