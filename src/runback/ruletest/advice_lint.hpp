#pragma once
// The advice checks of `runback rules check`: where the words of an action or a caution say
// more than its declarations tell the engine, so that the safety principles (docs/safety.md)
// would pass it by. The engine applies the principles to what is declared; these find what
// is not.
//
//   undeclared-activity      an action whose words speak of running, exercise, stretching,
//                            massage or bending the spine forward, without it in `involves`
//                            (error: an urgent result, or fragile bones, would get it without
//                            the caution it needs)
//   unmarked-wait-for-check  an action or caution whose words say to wait for a check-up,
//                            without `waits_for_check: true` (error: self_care would carry it)
//   urgent-without-feared-cause  a rule that sets urgent or emergency and names no cause
//                            marked `serious` (warning: the result would not say what is feared)

#include <runback/ruletest/rule_lint.hpp>

#include <vector>

namespace runback::ruletest {

// Appends the advice findings for `rule_base` to `findings`.
void lint_advice(const RuleBase& rule_base, std::vector<Finding>& findings);

}  // namespace runback::ruletest
