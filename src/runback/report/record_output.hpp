#pragma once
// One assessment as the contract's Output section defines it: a JSON object (assess --format
// json, batch --to jsonl) or a CSV row (batch --to csv).

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace runback::report {

// What an output row says about the input record besides its assessment.
struct RecordInfo {
    std::optional<std::string> id;      // the record's id value, where it has one
    long row = 0;                       // position among the input's records, from 1
    std::string error;                  // a problem with the record, or empty
    std::vector<std::pair<std::string, std::string>> kept;   // input columns carried over
    // Questions answered from a training log (assess --training-log); batch has none. Only
    // the plain JSON writer shows them.
    std::vector<std::string> from_training_log;
};

// Appends the assessment as one JSON object (no newline).
void append_json(std::string& out, const rules::RuleBase& rule_base,
                 const engine::Answers& answers, const engine::Assessment& assessment,
                 const RecordInfo& info);

// Appends the JSON object for a record that could not be read: row, id where known, error.
void append_unreadable_json(std::string& out, const RecordInfo& info);

// The CSV output's header line (with a newline), then the kept columns' names.
std::string csv_header(const std::vector<std::string>& kept_columns);

// Appends the assessment as one CSV row (with a newline).
void append_csv(std::string& out, const rules::RuleBase& rule_base,
                const engine::Assessment& assessment, const RecordInfo& info);

// Appends the CSV row for a record that could not be read.
void append_unreadable_csv(std::string& out, const RecordInfo& info, std::size_t kept_columns);

}  // namespace runback::report
