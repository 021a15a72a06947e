// runback batch FILE --from csv|jsonl --to jsonl|csv: many respondents in, one result each out.

#include <runback/batch/batch_run.hpp>
#include <runback/batch/csv_layout.hpp>
#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/util/dates.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <thread>
#include <unistd.h>
#include <map>
#include <memory>

namespace runback::cli {
namespace {

struct BatchCommandOptions {
    batch::BatchOptions batch;
    std::string delimiter = ",";
    std::string columns;
    bool no_header = false;
    long jobs = 0;
    std::string rules_dir;
    std::string country;
};

char parse_delimiter(const std::string& text) {
    if (text == "\\t" || text == "tab" || text == "\t") return '\t';
    if (text.size() == 1 && text != "\"" && text != "\n" && text != "\r") return text[0];
    throw Error(fmt::format("--delimiter '{}' is not a single character", text),
                "use --delimiter ';' or --delimiter '\\t' (tab)");
}

void print_summary(const batch::BatchSummary& summary, long max_errors) {
    std::cerr << fmt::format(
        "runback: {} record(s): {} emergency, {} urgent, {} see_clinician, {} self_care; {} with "
        "errors\n",
        summary.records, summary.by_urgency[3], summary.by_urgency[2], summary.by_urgency[1],
        summary.by_urgency[0], summary.errors);
    if (summary.sheets > 0) std::cerr << fmt::format("runback: {} advice sheet(s) written\n", summary.sheets);
    if (summary.stopped_early)
        std::cerr << fmt::format("runback: stopped after {} error row(s), as --max-errors {} asks; "
                                 "the records after it were not read\n", summary.errors, max_errors);
}

ExitStatus run(BatchCommandOptions& options) {
    options.batch.delimiter = parse_delimiter(options.delimiter);
    if (options.no_header != !options.columns.empty())
        throw Error(options.no_header ? "--no-header needs --columns to name the columns"
                                      : "--columns goes with --no-header",
                    "for a headerless chunk: --no-header --columns id,fever,pain_location,...");
    options.batch.header = !options.no_header;
    if (!options.columns.empty()) options.batch.columns = batch::split_column_list(options.columns);
    if (options.batch.from != batch::InputFormat::csv && options.no_header)
        throw Error("--no-header and --columns are for CSV input");
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    options.batch.jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : cores;
    options.batch.progress = ::isatty(STDERR_FILENO) == 1;
    options.batch.sheet_date = util::today_iso_date();
    options.batch.emergency_number = emergency_number_for(options.country);
    const auto rule_base = load_rules(options.rules_dir);
    const auto summary = batch::run_batch(options.batch, *rule_base, std::cerr);
    print_summary(summary, options.batch.max_errors);
    return summary.errors > 0 ? ExitStatus::failed : ExitStatus::success;
}

}  // namespace

Handler setup_batch(CLI::App& command) {
    auto options = std::make_shared<BatchCommandOptions>();
    command.add_option("FILE", options->batch.input, "The records: a CSV or JSONL file, or - for standard input")
        ->required();
    const std::map<std::string, batch::InputFormat> from{{"csv", batch::InputFormat::csv},
                                                         {"jsonl", batch::InputFormat::jsonl}};
    const std::map<std::string, batch::OutputFormat> to{{"jsonl", batch::OutputFormat::jsonl},
                                                        {"csv", batch::OutputFormat::csv}};
    command.add_option("--from", options->batch.from, "Input format: csv or jsonl")
        ->required()
        ->type_name("FORMAT")
        ->transform(CLI::CheckedTransformer(from).description(""))
        ->transform(one_of({"csv", "jsonl"}));   // a transform runs before those added earlier
    command.add_option("--to", options->batch.to, "Output format: jsonl (the default) or csv")
        ->type_name("FORMAT")
        ->transform(CLI::CheckedTransformer(to).description(""))
        ->transform(one_of({"jsonl", "csv"}));
    command.add_option("-o,--output", options->batch.output,
                       "Write to this file (atomically) instead of standard output")
        ->type_name("FILE");
    command.add_option("--delimiter", options->delimiter, "CSV field separator: , ; or \\t")->type_name("CHAR");
    command.add_option("--keep", options->batch.keep, "Copy this input column into the output (repeatable)")
        ->type_name("COLUMN");
    command.add_flag("--no-header", options->no_header, "The CSV has no header row (a chunk of a split file); give --columns");
    command.add_option("--columns", options->columns, "The columns of a headerless CSV, comma-separated")
        ->type_name("LIST");
    command.add_option("--row-offset", options->batch.row_offset,
                       "Add N to every row number (for chunks of a split file)")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--max-errors", options->batch.max_errors,
                       "Stop after N records with errors (default: never)")
        ->check(CLI::PositiveNumber);
    command.add_option("-j,--jobs", options->jobs, "Worker threads (default: the number of cores)")
        ->check(CLI::Range(1, 256));
    command.add_option("--sheets", options->batch.sheets_dir,
                       "Also write an advice sheet per record into this folder, named after its id")
        ->type_name("DIR");
    command.add_option("--sheet-format", options->batch.sheet_format, "The sheets' format: html (the default), pdf, md or txt")
        ->check(one_of({"txt", "md", "html", "pdf"}));
    add_country_option(command, options->country);
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback batch survey.csv --from csv --to jsonl -o results.jsonl\n"
        "  runback batch export.csv --from csv --delimiter ';' --to csv\n"
        "  cat records.jsonl | runback batch - --from jsonl --to csv\n"
        "  runback batch clinic.csv --from csv -o results.jsonl --sheets sheets/");
    return [options] { return run(*options); };
}

}  // namespace runback::cli
