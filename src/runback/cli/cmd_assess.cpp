// runback assess FILE: one person's answers in, one assessment out (text or JSON).

#include <runback/cli/answers_input.hpp>
#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/cli/training_log_option.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/report/explain.hpp>
#include <runback/report/record_output.hpp>
#include <runback/report/text_report.hpp>
#include <runback/util/ansi.hpp>
#include <runback/util/output.hpp>

#include <unistd.h>

#include <iostream>
#include <memory>

namespace runback::cli {
namespace {

struct AssessOptions {
    std::string file;
    std::string format = "text";
    std::string rules_dir;
    std::string output;
    std::string country;
    bool no_color = false;
    bool explain = false;
    TrainingLogOptions training_log;
};

ExitStatus assess(const AssessOptions& options) {
    if (options.explain && options.format != "text")
        throw Error("--explain goes with the text format", "use 'runback explain FILE' beside --format json");
    const auto rule_base = load_rules(options.rules_dir);
    const input::AnswerMapper mapper(*rule_base);
    auto answers = read_answers_reporting(mapper, options.file);
    const auto log = use_training_log(*rule_base, options.training_log);
    const auto notes = fill_from_log(log, answers.answers);
    const engine::Engine engine(*rule_base);
    auto assessment = engine.evaluate(answers.answers);
    mapper.add_key_warnings(answers.unknown_keys, true, assessment);

    std::string text;
    if (options.format == "json") {
        report::RecordInfo info;
        info.id = answers.id;
        info.row = 1;
        for (const auto& error : answers.errors) info.error += (info.error.empty() ? "" : "; ") + error;
        for (std::size_t q = 0; q < notes.size(); ++q)
            if (!notes[q].empty()) info.from_training_log.push_back(rule_base->questions[q].id);
        report::append_json(text, *rule_base, answers.answers, assessment, info);
        text += '\n';
    }
    util::Output output(options.output);
    if (options.format == "text") {
        report::TextOptions text_options;
        text_options.emergency_number = emergency_number_for(options.country);
        text_options.answer_notes = notes;
        text_options.colour = !options.no_color && options.output.empty() && util::colour_suits(STDOUT_FILENO);
        if (options.output.empty()) text_options.width = std::min<std::size_t>(util::terminal_width(STDOUT_FILENO), 100);
        text = report::render_text(*rule_base, answers.answers, assessment, text_options);
        if (options.explain) text += "\n" + report::render_explanation(*rule_base, answers.answers, assessment);
    }
    output.write(text);
    output.commit();
    if (log && log->had_problems)
        std::cerr << "runback: some of the training log could not be used (above); the assessment rests on the rest\n";
    if (answers.errors.empty()) return log && log->had_problems ? ExitStatus::failed : ExitStatus::success;
    std::cerr << "runback: the answers above were not used; the assessment rests on the others\n";
    return ExitStatus::failed;
}

}  // namespace

Handler setup_assess(CLI::App& command) {
    auto options = std::make_shared<AssessOptions>();
    command.add_option("FILE", options->file, "The answers: a YAML or JSON file, or - for standard input")
        ->required();
    command.add_option("--format", options->format, "text (for people, the default) or json")
        ->check(one_of({"text", "json"}));
    command.add_option("-o,--output", options->output, "Write to this file instead of standard output")
        ->type_name("FILE");
    add_country_option(command, options->country);
    command.add_flag("--no-color", options->no_color, "No colour or bold, even in a terminal");
    command.add_flag("--explain", options->explain,
                     "After the assessment, every rule that fired or nearly fired (text format only)");
    add_training_log_option(command, options->training_log);
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback assess examples/benign.yaml\n"
        "  runback assess answers.yaml --training-log export_12345.zip\n"
        "  runback assess answers.json --format json\n"
        "  echo 'fever: yes' | runback assess -");
    return [options] { return assess(*options); };
}

}  // namespace runback::cli
