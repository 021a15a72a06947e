#include <runback/ruletest/rule_test_run.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace runback::ruletest {
namespace {

template <typename List, typename Get>
std::string names(const List& items, Get get) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + std::string(get(item));
    return text.empty() ? "none" : text;
}

// Checks one case's expectations against its assessment.
std::vector<std::string> compare(const rules::RuleBase& rb, const RuleTestCase& test, const engine::Assessment& got) {
    std::vector<std::string> failures;
    const auto level = [](rules::Urgency u) { return std::string(rules::to_id(u)); };
    if (test.urgency && got.urgency != *test.urgency)
        failures.push_back(fmt::format("expected urgency {}, got {}", level(*test.urgency), level(got.urgency)));
    if (test.urgency_at_least && got.urgency < *test.urgency_at_least)
        failures.push_back(fmt::format("expected urgency at least {}, got {}", level(*test.urgency_at_least), level(got.urgency)));
    const auto cause_list = names(got.causes, [&](const auto& c) { return rb.causes[static_cast<std::size_t>(c.cause)].id; });
    for (int cause : test.causes) {
        const auto found = std::find_if(got.causes.begin(), got.causes.end(), [&](const auto& c) { return c.cause == cause; });
        const auto& id = rb.causes[static_cast<std::size_t>(cause)].id;
        if (found == got.causes.end())
            failures.push_back(fmt::format("expected cause {}, which is not among the causes ({})", id, cause_list));
        else if (test.top > 0 && static_cast<std::size_t>(found - got.causes.begin()) >= test.top)
            failures.push_back(fmt::format("expected cause {} in the top {}, found it at {} ({})", id, test.top,
                                           found - got.causes.begin() + 1, cause_list));
    }
    for (int cause : test.not_causes)
        if (std::any_of(got.causes.begin(), got.causes.end(), [&](const auto& c) { return c.cause == cause; }))
            failures.push_back(fmt::format("expected no cause {}, but it is there ({})",
                                           rb.causes[static_cast<std::size_t>(cause)].id, cause_list));
    const auto action_list = names(got.actions, [&](const auto& a) { return rb.actions[static_cast<std::size_t>(a.action)].id; });
    const auto has_action = [&](int action) {
        return std::any_of(got.actions.begin(), got.actions.end(), [&](const auto& a) { return a.action == action; });
    };
    for (int action : test.actions)
        if (!has_action(action))
            failures.push_back(fmt::format("expected action {} ({})", rb.actions[static_cast<std::size_t>(action)].id, action_list));
    for (int action : test.not_actions)
        if (has_action(action))
            failures.push_back(fmt::format("expected no action {}, but it is recommended", rb.actions[static_cast<std::size_t>(action)].id));
    for (int action : test.cautioned) {
        const auto found = std::find_if(got.actions.begin(), got.actions.end(), [&](const auto& a) { return a.action == action; });
        const auto& id = rb.actions[static_cast<std::size_t>(action)].id;
        if (found == got.actions.end())
            failures.push_back(fmt::format("expected action {} with a caution, but it is not recommended ({})", id, action_list));
        else if (found->caution.empty())
            failures.push_back(fmt::format("expected action {} with a caution, but it has none", id));
    }
    for (int action : test.avoid)
        if (std::none_of(got.avoid.begin(), got.avoid.end(), [&](const auto& a) { return a.action == action; }))
            failures.push_back(fmt::format("expected {} among the actions to avoid ({})", rb.actions[static_cast<std::size_t>(action)].id,
                                           names(got.avoid, [&](const auto& a) { return rb.actions[static_cast<std::size_t>(a.action)].id; })));
    const auto has_warning = [&](const std::string& code) {
        return std::any_of(got.warnings.begin(), got.warnings.end(), [&](const auto& w) { return w.code == code; });
    };
    const auto warning_list = names(got.warnings, [](const auto& w) { return w.code; });
    for (const auto& code : test.warnings)
        if (!has_warning(code)) failures.push_back(fmt::format("expected warning {} ({})", code, warning_list));
    for (const auto& code : test.not_warnings)
        if (has_warning(code)) failures.push_back(fmt::format("expected no warning {}, but it is raised", code));
    return failures;
}

}  // namespace

RunResult run_rule_tests(const engine::Engine& engine, const std::vector<RuleTestCase>& cases) {
    const auto& rb = engine.rule_base();
    RunResult result;
    result.coverage = {std::vector<char>(rb.rules.size(), 0), std::vector<char>(rb.causes.size(), 0),
                       std::vector<char>(rb.actions.size(), 0)};
    for (const auto& test : cases) {
        const auto got = engine.evaluate(test.answers);
        for (int rule : got.fired_rules) result.coverage.rules[static_cast<std::size_t>(rule)] = 1;
        for (const auto& cause : got.causes) result.coverage.causes[static_cast<std::size_t>(cause.cause)] = 1;
        for (const auto& action : got.actions) result.coverage.actions[static_cast<std::size_t>(action.action)] = 1;
        for (const auto& avoid : got.avoid) result.coverage.actions[static_cast<std::size_t>(avoid.action)] = 1;
        CaseResult outcome{&test, compare(rb, test, got), got.fired_rules};
        if (!outcome.failures.empty()) ++result.failed;
        result.cases.push_back(std::move(outcome));
    }
    return result;
}

double percent(const std::vector<char>& reached) {
    if (reached.empty()) return 100;
    const auto count = std::count(reached.begin(), reached.end(), 1);
    return 100.0 * static_cast<double>(count) / static_cast<double>(reached.size());
}

}  // namespace runback::ruletest
