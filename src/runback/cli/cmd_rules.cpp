// runback rules check: load and validate a rule base, listing every problem with its place.

#include <runback/cli/command.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/rules/loader.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace runback::cli {
namespace {

ExitStatus check(const std::string& rules_dir) {
    const std::string name = rules_dir.empty() ? "the built-in rule base" : "'" + rules_dir + "'";
    try {
        const auto rule_base = load_rules(rules_dir);
        std::cout << fmt::format(
            "{}: no problems found ({} {}: {} questions, {} causes, {} actions, {} rules)\n", name,
            rule_base->name, rule_base->version, rule_base->questions.size(),
            rule_base->causes.size(), rule_base->actions.size(), rule_base->rules.size());
        return ExitStatus::success;
    } catch (const rules::LoadError& e) {
        for (const auto& problem : e.problems()) std::cout << problem.to_string() << "\n";
        std::cout << fmt::format("{}: {} problem(s) found\n", name, e.problems().size());
        return ExitStatus::failed;
    }
}

}  // namespace

Handler setup_rules(CLI::App& command) {
    auto rules_dir = std::make_shared<std::string>();
    command.require_subcommand(1, 1);
    CLI::App* check_command = command.add_subcommand(
        "check", "Validate the rule base and list every problem with file, line and column");
    add_rules_option(*check_command, *rules_dir);
    check_command->footer("Examples:\n  runback rules check\n  runback rules check --rules my-rules/");
    return [rules_dir] { return check(*rules_dir); };
}

}  // namespace runback::cli
