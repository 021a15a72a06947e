#pragma once
// The deeper checks of `runback rules check`, on a rule base that loaded without errors: what
// is well formed but probably not what the author meant. Each finding has a level, a stable
// code (for editors and CI), a place, and a one-line fix.
//
//   unused-question     a question no rule tests (warning)
//   unraised-cause      a cause no rule raises (error: it can never be shown)
//   unused-action       an action no rule recommends, no cause addresses and no urgency gives
//                       (warning)
//   never-asked         a rule that tests a question the questionnaire never asks when the
//                       rest of the rule holds (warning: it can fire in batch, never in ask)
//   duplicate-condition two rules with the same condition (warning)
//   unhandled-option    an option of a choice question that no rule or guard tests (warning)
//   missing-source      a cause, action or rule without a source (error)
//   and the advice checks of advice_lint.hpp (undeclared-activity, unmarked-wait-for-check,
//   urgent-without-feared-cause).

#include <runback/rules/model.hpp>

#include <string>
#include <vector>

namespace runback::ruletest {

using rules::RuleBase;
using rules::SourceLocation;

enum class FindingLevel { warning, error };

struct Finding {
    FindingLevel level = FindingLevel::warning;
    std::string code;
    SourceLocation where;
    std::string message;
    std::string fix;

    // "file:line:column: warning [code]: message (fix: ...)"
    std::string to_string() const;
};

// Every finding, in file and line order.
std::vector<Finding> lint_rule_base(const RuleBase& rule_base);

}  // namespace runback::ruletest
