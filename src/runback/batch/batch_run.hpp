#pragma once
// A whole batch: records in (CSV or JSONL), one assessment out per record (JSONL or CSV), in
// input order, streaming, nothing lost: a record with a bad value is assessed on its other
// answers and carries an error; a record that cannot be read becomes an error row.

#include <runback/rules/model.hpp>

#include <array>
#include <iosfwd>
#include <string>
#include <vector>

namespace runback::batch {

enum class InputFormat { csv, jsonl };
enum class OutputFormat { jsonl, csv };

struct BatchOptions {
    std::string input;                 // a path, or "-" for standard input
    InputFormat from = InputFormat::csv;
    OutputFormat to = OutputFormat::jsonl;
    std::string output;                // a path, or empty / "-" for standard output
    char delimiter = ',';              // CSV input only
    std::vector<std::string> keep;     // input columns carried into the output
    bool header = true;                // CSV: the first record names the columns
    std::vector<std::string> columns;  // CSV without a header: the column names
    long row_offset = 0;               // added to every row number (chunks of a split file)
    long max_errors = 0;               // stop after this many error rows (0: never)
    unsigned jobs = 1;                 // worker threads
    bool progress = false;             // show a progress line on standard error
    std::string sheets_dir;            // also write an advice sheet per record there ("" for none)
    std::string sheet_format = "html"; // txt, md or html
    std::string sheet_date;            // printed on the sheets (YYYY-MM-DD)
    std::string emergency_number;      // named on the sheets ("" for the list)
};

struct BatchSummary {
    long records = 0;
    long errors = 0;                                 // records carrying an error
    std::array<long, 4> by_urgency{};                // indexed by rules::Urgency
    bool stopped_early = false;                      // --max-errors reached
    long sheets = 0;                                 // advice sheets written
};

// Runs the batch; problems that concern the whole run (an unreadable file, a CSV header with
// no question) throw runback::Error before any output is written. Notes such as unknown
// columns go to `diagnostics`.
BatchSummary run_batch(const BatchOptions& options, const rules::RuleBase& rule_base,
                       std::ostream& diagnostics);

}  // namespace runback::batch
