#include <runback/rules/loader.hpp>

#include <runback/rules/passes.hpp>
#include <runback/rules/yaml_reader.hpp>

#include <fmt/format.h>

namespace runback::rules {
namespace {

std::string join_problems(const std::vector<LoadProblem>& problems) {
    std::string text;
    for (const LoadProblem& problem : problems) {
        if (!text.empty()) text += '\n';
        text += problem.to_string();
    }
    return text;
}

}  // namespace

std::string LoadProblem::to_string() const {
    // A problem with the rule base as a whole (no 'rulebase' block) has no one place.
    if (where.file.empty()) return fmt::format("error: {}", message);
    return fmt::format("{}: error: {}", format_location(where), message);
}

LoadError::LoadError(std::vector<LoadProblem> problems)
    : std::runtime_error(join_problems(problems)), m_problems(std::move(problems)) {}

RuleBase load_rule_base(const std::vector<SourceFile>& files) {
    Problems problems;
    const Entries entries = collect_entries(files, problems);
    RuleBase base;
    Symbols symbols;
    declare_entities(entries, problems, base, symbols);
    resolve_references(entries, symbols, base);
    validate(base, problems);
    if (!problems.empty()) throw LoadError(problems.sorted(files));
    return base;
}

RuleBase load_from_string(const std::string& text, const std::string& name) {
    return load_rule_base({SourceFile{name, text}});
}

}  // namespace runback::rules
