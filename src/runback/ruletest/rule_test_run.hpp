#pragma once
// Runs rule test cases through the engine: which expectations failed (with what came out and
// the rules that fired), and which rules, causes and actions no case reached.

#include <runback/engine/engine.hpp>
#include <runback/ruletest/rule_test.hpp>

#include <string>
#include <vector>

namespace runback::ruletest {

struct CaseResult {
    const RuleTestCase* test = nullptr;
    std::vector<std::string> failures;   // one line each: what was expected and what came out
    std::vector<int> fired_rules;
};

// What the cases reached, per rule, cause and action of the rule base.
struct Coverage {
    std::vector<char> rules;
    std::vector<char> causes;
    std::vector<char> actions;   // recommended or listed to avoid
};

struct RunResult {
    std::vector<CaseResult> cases;
    Coverage coverage;
    std::size_t failed = 0;
};

RunResult run_rule_tests(const engine::Engine& engine, const std::vector<RuleTestCase>& cases);

// Percent of the rules, causes and actions reached (100 when there are none).
double percent(const std::vector<char>& reached);

}  // namespace runback::ruletest
