// runback explain FILE: for rule authors, every rule that fired for a set of answers and every
// rule that nearly fired, with the answers involved.

#include <runback/cli/answers_input.hpp>
#include <runback/cli/command.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/engine/engine.hpp>
#include <runback/input/answers_file.hpp>
#include <runback/report/explain.hpp>

#include <iostream>
#include <memory>

namespace runback::cli {
namespace {

struct ExplainOptions {
    std::string file;
    std::string rules_dir;
};

ExitStatus explain(const ExplainOptions& options) {
    const auto rule_base = load_rules(options.rules_dir);
    const input::AnswerMapper mapper(*rule_base);
    const auto answers = read_answers_reporting(mapper, options.file);
    const engine::Engine engine(*rule_base);
    auto assessment = engine.evaluate(answers.answers);
    mapper.add_key_warnings(answers.unknown_keys, false, assessment);
    std::cout << report::render_explanation(*rule_base, answers.answers, assessment);
    return answers.errors.empty() ? ExitStatus::success : ExitStatus::failed;
}

}  // namespace

Handler setup_explain(CLI::App& command) {
    auto options = std::make_shared<ExplainOptions>();
    command.add_option("FILE", options->file, "The answers: a YAML or JSON file, or - for standard input")
        ->required();
    add_rules_option(command, options->rules_dir);
    command.footer(
        "Examples:\n"
        "  runback explain examples/nerve-symptoms.yaml\n"
        "  runback explain answers.yaml --rules my-rules/\n"
        "  runback assess answers.yaml --explain   (the assessment, then the explanation)");
    return [options] { return explain(*options); };
}

}  // namespace runback::cli
