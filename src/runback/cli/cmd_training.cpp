// runback training PATH...: what a training log says about the running questions, with the
// weeks behind it as a chart, the longest recent run against the month before it, and every
// activity left out and why.

#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/cli/training_log_option.hpp>
#include <runback/training/training_report.hpp>
#include <runback/util/ansi.hpp>
#include <runback/util/output.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

namespace runback::cli {
namespace {

struct TrainingOptions {
    TrainingLogOptions log;
    std::string format = "text";
    std::string output;
    std::string rules_dir;
};

ExitStatus training_command(const TrainingOptions& options) {
    const auto rule_base = load_rules(options.rules_dir);
    const LoadedTrainingLog loaded = load_training_log(options.log);
    std::string text;
    if (options.format == "json") {
        text = training::render_training_json(*rule_base, loaded.log, loaded.summary);
    } else {
        training::ReportOptions report;
        if (options.output.empty()) report.width = std::min<std::size_t>(util::terminal_width(STDOUT_FILENO), 100);
        text = training::render_training_text(*rule_base, loaded.log, loaded.summary, report);
    }
    // Owner-only and atomic, as every file of answers: a training log is health data too.
    util::Output output(options.output);
    output.write(text);
    output.commit();
    for (const auto& problem : loaded.log.problems)
        std::cerr << "runback: warning: " << problem.where << ": " << problem.message << "\n";
    if (loaded.summary.list.runs.empty()) {
        std::cerr << "runback: no run was found in the training log, so it answers nothing\n";
        return ExitStatus::failed;
    }
    if (!loaded.log.problems.empty()) {
        std::cerr << "runback: some of the training log could not be read (above); the answers rest on the rest\n";
        return ExitStatus::failed;
    }
    return ExitStatus::success;
}

}  // namespace

Handler setup_training(CLI::App& command) {
    auto options = std::make_shared<TrainingOptions>();
    command.add_option("PATH", options->log.paths,
                       "Training logs: GPX, TCX or FIT files (each also .gz), a Strava bulk export (its zip or "
                       "folder), a Garmin Connect activities CSV, or a folder of them")
        ->required();
    command.add_option("--format", options->format, "text (for people, with a chart; the default) or json")
        ->check(one_of({"text", "json"}));
    add_training_reading_options(command, options->log);
    command.add_option("-o,--output", options->output, "Write to this file instead of standard output (readable by you only)")
        ->type_name("FILE");
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback training export_12345.zip\n"
        "  runback training runs/ --as-of 2026-11-30 --format json\n"
        "  runback assess answers.yaml --training-log export_12345.zip");
    return [options] { return training_command(*options); };
}

}  // namespace runback::cli
