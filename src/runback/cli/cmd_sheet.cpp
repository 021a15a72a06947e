// runback sheet FILE: one person's answers in, a printable advice sheet out (text, Markdown,
// HTML or PDF), in the format --format names or the output file's extension implies.

#include <runback/cli/answers_input.hpp>
#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/cli/training_log_option.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/sheet/sheet_render.hpp>
#include <runback/util/dates.hpp>
#include <runback/util/output.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <unistd.h>

namespace runback::cli {
namespace {

struct SheetCommandOptions {
    std::string file;
    std::string format;
    std::string output;
    std::string name;
    std::string paper = "a4";
    std::string date;
    std::string country;
    std::string rules_dir;
    bool full = false;
    TrainingLogOptions training_log;
};

sheet::SheetFormat choose_format(const SheetCommandOptions& options) {
    if (!options.format.empty()) return *sheet::sheet_format_from_id(options.format);
    if (options.output.empty() || options.output == "-") return sheet::SheetFormat::txt;
    if (const auto format = sheet::sheet_format_from_path(options.output)) return *format;
    throw Error(fmt::format("cannot tell the sheet's format from the name '{}'", options.output),
                "end the name in .pdf, .html, .md or .txt, or give --format");
}

ExitStatus make_sheet(const SheetCommandOptions& options) {
    if (!options.date.empty() && !util::is_iso_date(options.date))
        throw Error(fmt::format("--date: '{}' is not a date written YYYY-MM-DD", options.date),
                    "for example --date 2026-03-01");
    const auto format = choose_format(options);
    if (format == sheet::SheetFormat::pdf && (options.output.empty() || options.output == "-") && ::isatty(STDOUT_FILENO))
        throw Error("a PDF sheet is not for a terminal", "give -o sheet.pdf, or redirect the output to a file");
    const auto rule_base = load_rules(options.rules_dir);
    const input::AnswerMapper mapper(*rule_base);
    auto answers = read_answers_reporting(mapper, options.file);
    const auto log = use_training_log(*rule_base, options.training_log);
    const auto notes = fill_from_log(log, answers.answers);

    const engine::Engine engine(*rule_base);
    auto assessment = engine.evaluate(answers.answers);
    mapper.add_key_warnings(answers.unknown_keys, false, assessment);
    sheet::SheetOptions sheet_options;
    if (!options.name.empty()) sheet_options.name = options.name;
    sheet_options.id = answers.id;
    sheet_options.date = options.date.empty() ? util::today_iso_date() : options.date;
    sheet_options.emergency_number = emergency_number_for(options.country);
    sheet_options.full = options.full;
    sheet_options.answer_notes = notes;
    if (log) sheet_options.training = sheet_training(*rule_base, *log, notes);
    const auto content = sheet::build_sheet(*rule_base, answers.answers, assessment, sheet_options);
    sheet::RenderOptions render_options;
    render_options.paper = options.paper == "letter" ? sheet::Paper::letter : sheet::Paper::a4;

    util::Output output(options.output);
    output.write(sheet::render_sheet(content, format, render_options));
    output.commit();
    if (log && log->had_problems)
        std::cerr << "runback: some of the training log could not be used (above); the sheet rests on the rest\n";
    if (answers.errors.empty()) return log && log->had_problems ? ExitStatus::failed : ExitStatus::success;
    std::cerr << "runback: the answers above were not used; the sheet rests on the others\n";
    return ExitStatus::failed;
}

}  // namespace

Handler setup_sheet(CLI::App& command) {
    auto options = std::make_shared<SheetCommandOptions>();
    command.add_option("FILE", options->file, "The answers: a YAML or JSON file, or - for standard input")
        ->required();
    command.add_option("--format", options->format,
                       "txt (80 columns), md (Markdown), html (one self-contained file) or pdf; "
                       "default: from the -o file's extension, else txt")
        ->check(one_of({"txt", "md", "html", "pdf"}));
    command.add_option("-o,--output", options->output, "Write the sheet to this file (atomically, readable by you only)")
        ->type_name("FILE");
    command.add_option("--name", options->name, "The name to print on the sheet")->type_name("NAME");
    command.add_option("--paper", options->paper, "Paper size for printing: a4 (the default) or letter")
        ->check(one_of({"a4", "letter"}));
    command.add_option("--date", options->date, "The date to print, YYYY-MM-DD (default: today)")->type_name("DATE");
    command.add_flag("--full", options->full,
                     "Every likely cause and action in full, even past one page (by default the less likely "
                     "ones are listed a line each so that the sheet fits on a page)");
    add_country_option(command, options->country);
    add_training_log_option(command, options->training_log);
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback sheet examples/benign.yaml\n"
        "  runback sheet answers.yaml --name 'Sam Runner' -o sam.html\n"
        "  runback sheet answers.yaml --format md > sheet.md\n"
        "  runback sheet answers.yaml --training-log export_12345.zip -o sheet.pdf");
    return [options] { return make_sheet(*options); };
}

}  // namespace runback::cli
