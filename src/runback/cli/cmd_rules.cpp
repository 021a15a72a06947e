// runback rules check: load and validate a rule base, listing every problem with its place, then
// look deeper (unused questions, causes that cannot be raised ...).
// runback rules test: run the rule base's test cases, with coverage.
// runback rules graph: the rule base as a dot or mermaid picture.

#include <runback/cli/command.hpp>
#include <runback/cli/command_line.hpp>
#include <runback/cli/rule_base_option.hpp>
#include <runback/engine/engine.hpp>
#include <runback/rules/embedded.hpp>
#include <runback/rules/loader.hpp>
#include <runback/report/rule_graph.hpp>
#include <runback/ruletest/rule_lint.hpp>
#include <runback/ruletest/rule_test_run.hpp>
#include <runback/ruletest/vignette_run.hpp>
#include <runback/util/json_writer.hpp>
#include <runback/util/output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

namespace runback::cli {
namespace {

struct CheckOptions {
    std::string rules_dir;
    bool strict = false;
    std::string format = "text";
};

std::string finding_json(std::string_view level, std::string_view code, const rules::SourceLocation& where,
                         std::string_view message, std::string_view fix) {
    std::string out = "{\"level\":";
    util::append_json_string(out, level);
    out += ",\"code\":";
    util::append_json_string(out, code);
    out += ",\"file\":";
    util::append_json_string(out, where.file);
    out += fmt::format(",\"line\":{},\"column\":{},\"message\":", where.line, where.column);
    util::append_json_string(out, message);
    out += ",\"fix\":";
    util::append_json_string(out, fix);
    return out + "}";
}

// Loads the rule base (every load problem is an error) and then looks deeper (lint findings,
// errors and warnings). Warnings fail the check only with --strict.
ExitStatus check(const CheckOptions& options) {
    const std::string name = options.rules_dir.empty() ? "the built-in rule base" : "'" + options.rules_dir + "'";
    const bool json = options.format == "json";
    std::vector<std::string> items;
    std::size_t errors = 0, warnings = 0;
    std::string summary;
    try {
        const auto rule_base = load_rules(options.rules_dir);
        for (const auto& finding : ruletest::lint_rule_base(*rule_base)) {
            const bool error = finding.level == ruletest::FindingLevel::error;
            (error ? errors : warnings) += 1;
            items.push_back(json ? finding_json(error ? "error" : "warning", finding.code, finding.where, finding.message, finding.fix)
                                 : finding.to_string());
        }
        summary = fmt::format("{} {}: {} questions, {} causes, {} actions, {} rules", rule_base->name, rule_base->version,
                              rule_base->questions.size(), rule_base->causes.size(), rule_base->actions.size(),
                              rule_base->rules.size());
    } catch (const rules::LoadError& e) {
        for (const auto& problem : e.problems()) {
            ++errors;
            items.push_back(json ? finding_json("error", "load", problem.where, problem.message, "") : problem.to_string());
        }
    }
    const bool failed = errors > 0 || (options.strict && warnings > 0);
    if (json) {
        std::string out = "{\"rule_base\":";
        util::append_json_string(out, name);
        out += fmt::format(",\"errors\":{},\"warnings\":{},\"ok\":{},\"findings\":[", errors, warnings, failed ? "false" : "true");
        for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
        std::cout << out << "]}\n";
    } else {
        for (const auto& item : items) std::cout << item << "\n";
        if (errors == 0 && warnings == 0)
            std::cout << fmt::format("{}: no problems found ({})\n", name, summary);
        else
            std::cout << fmt::format("{}: {} error(s), {} warning(s){}{}\n", name, errors, warnings,
                                     summary.empty() ? "" : " (" + summary + ")",
                                     options.strict && errors == 0 ? "; --strict counts warnings as failures" : "");
    }
    return failed ? ExitStatus::failed : ExitStatus::success;
}

struct GraphOptions {
    std::string format = "dot";
    std::string output;
    std::string rules_dir;
};

ExitStatus graph(const GraphOptions& options) {
    const auto rule_base = load_rules(options.rules_dir);
    util::Output output(options.output);
    output.write(options.format == "mermaid" ? report::rule_graph_mermaid(*rule_base) : report::rule_graph_dot(*rule_base));
    output.commit();
    return ExitStatus::success;
}

struct TestOptions {
    std::vector<std::string> paths;
    std::string rules_dir;
    bool coverage = false;
    double min_coverage = -1;
};

void print_uncovered(std::string_view kind, const std::vector<char>& reached, const auto& items) {
    std::string missing;
    for (std::size_t i = 0; i < reached.size(); ++i)
        if (!reached[i]) missing += (missing.empty() ? "" : ", ") + items[i].id;
    std::cout << fmt::format("  {:<8} {:5.1f}%{}\n", kind, ruletest::percent(reached),
                             missing.empty() ? "" : "  not reached: " + missing);
}

ExitStatus run_tests(const TestOptions& options) {
    const auto rule_base = load_rules(options.rules_dir);
    std::vector<std::string> paths = options.paths;
    if (paths.empty() && !options.rules_dir.empty()) paths.push_back((std::filesystem::path(options.rules_dir) / "tests").string());
    const auto files = paths.empty() ? rules::embedded_rule_tests() : ruletest::read_test_files(paths);
    const auto suite = ruletest::read_rule_tests(*rule_base, files);
    if (!suite.problems.empty()) {
        for (const auto& problem : suite.problems) std::cout << problem << "\n";
        throw Error(fmt::format("{} problem(s) in the test files; no case was run", suite.problems.size()));
    }
    if (suite.cases.empty() && suite.vignettes.empty())
        throw Error("no test cases found", "write them in rules/tests/*.yaml (see docs/rule-authoring.md)");
    const engine::Engine engine(*rule_base);
    auto result = ruletest::run_rule_tests(engine, suite.cases);
    auto& coverage = result.coverage;
    const auto vignettes = ruletest::run_vignettes(engine, suite.vignettes, coverage.rules, coverage.causes, coverage.actions);
    const auto fired_list = [&](const std::vector<int>& rules) {
        std::string fired;
        for (int rule : rules) fired += (fired.empty() ? "" : ", ") + rule_base->rules[static_cast<std::size_t>(rule)].id;
        return fired.empty() ? std::string("none") : fired;
    };
    for (const auto& outcome : result.cases) {
        if (outcome.failures.empty()) continue;
        const auto& where = outcome.test->where;
        std::cout << fmt::format("{}:{}:{}: FAIL {}\n", where.file, where.line, where.column, outcome.test->name);
        for (const auto& failure : outcome.failures) std::cout << "  " << failure << "\n";
        std::cout << "  rules fired: " << fired_list(outcome.fired_rules) << "\n";
    }
    for (const auto& outcome : vignettes.results) {
        if (outcome.triage == ruletest::Triage::right) continue;
        const auto& vignette = *outcome.vignette;
        const auto& where = vignette.where;
        std::string sources;
        for (const auto& source : vignette.sources) sources += (sources.empty() ? "" : ", ") + source;
        std::cout << fmt::format("{}:{}:{}: {} {}\n", where.file, where.line, where.column,
                                 outcome.triage == ruletest::Triage::under ? "UNDER-TRIAGE" : "OVER-TRIAGE", vignette.name);
        std::cout << fmt::format("  the vignette's triage is {} ({}); runback gives {}{}\n", rules::to_id(vignette.triage),
                                 sources, rules::to_id(outcome.got), outcome.with.empty() ? "" : " with " + outcome.with);
        std::cout << "  rules fired: " << fired_list(outcome.fired_rules) << "\n";
    }
    const std::size_t mistriaged = vignettes.all.over + vignettes.all.under;
    if (!result.cases.empty())
        std::cout << fmt::format("{} case(s): {} passed, {} failed\n", result.cases.size(),
                                 result.cases.size() - result.failed, result.failed);
    if (!suite.vignettes.empty()) {
        std::cout << fmt::format("{} vignette(s): {} right, {} over-triaged, {} under-triaged\n", vignettes.all.cases,
                                 vignettes.all.right, vignettes.all.over, vignettes.all.under);
        std::cout << ruletest::triage_table(vignettes);
    }
    const double lowest = std::min({ruletest::percent(coverage.rules), ruletest::percent(coverage.causes),
                                    ruletest::percent(coverage.actions)});
    if (options.coverage || options.min_coverage >= 0) {
        std::cout << "coverage (what at least one case reaches):\n";
        print_uncovered("rules", coverage.rules, rule_base->rules);
        print_uncovered("causes", coverage.causes, rule_base->causes);
        print_uncovered("actions", coverage.actions, rule_base->actions);
    }
    const bool too_low = options.min_coverage >= 0 && lowest < options.min_coverage;
    if (too_low)
        std::cout << fmt::format("coverage {:.1f}% is below --min-coverage {}: add cases that reach what is listed above\n",
                                 lowest, options.min_coverage);
    return result.failed > 0 || mistriaged > 0 || too_low ? ExitStatus::failed : ExitStatus::success;
}

}  // namespace

Handler setup_rules(CLI::App& command) {
    auto check_options = std::make_shared<CheckOptions>();
    auto test = std::make_shared<TestOptions>();
    command.require_subcommand(1, 1);
    CLI::App* check_command = command.add_subcommand(
        "check", "Validate the rule base and list every problem with file, line and column");
    add_rules_option(*check_command, check_options->rules_dir);
    check_command->add_flag("--strict", check_options->strict, "Fail on warnings too, not only on errors");
    check_command->add_option("--format", check_options->format, "text (the default) or json, for editors and CI")
        ->check(one_of({"text", "json"}));
    check_command->footer("Examples:\n  runback rules check\n  runback rules check --rules my-rules/ --strict\n"
                          "  runback rules check --format json");
    CLI::App* test_command = command.add_subcommand(
        "test", "Run the rule base's test cases and vignettes (rules/tests/*.yaml), with coverage and triage rates");
    test_command->add_option("PATH", test->paths, "Test files or folders (default: the rule base's tests/)");
    test_command->add_flag("--coverage", test->coverage, "List the rules, causes and actions no case reaches");
    test_command->add_option("--min-coverage", test->min_coverage,
                             "Fail when fewer than this percent of rules, causes or actions are reached")
        ->check(CLI::Range(0.0, 100.0));
    add_rules_option(*test_command, test->rules_dir);
    test_command->footer(
        "Examples:\n  runback rules test --coverage\n  runback rules test --rules my-rules/ --min-coverage 100\n"
        "  runback rules test my-rules/tests/red_flags.yaml --rules my-rules/");
    auto graph_options = std::make_shared<GraphOptions>();
    CLI::App* graph_command = command.add_subcommand(
        "graph", "Draw the rule base: questions to rules to causes to actions (dot or mermaid)");
    graph_command->add_option("--format", graph_options->format, "dot (Graphviz, the default) or mermaid")
        ->check(one_of({"dot", "mermaid"}));
    graph_command->add_option("-o,--output", graph_options->output, "Write to this file instead of standard output")
        ->type_name("FILE");
    add_rules_option(*graph_command, graph_options->rules_dir);
    graph_command->footer("Examples:\n  runback rules graph | dot -Tsvg > rules.svg\n"
                          "  runback rules graph --format mermaid -o rules.mmd");
    return [check_options, test, test_command, graph_options, graph_command] {
        if (graph_command->parsed()) return graph(*graph_options);
        return test_command->parsed() ? run_tests(*test) : check(*check_options);
    };
}

}  // namespace runback::cli
