#pragma once
// Why a set of answers came out as it did, for rule authors (CLIPS's rule tracing, in words):
// every rule that fired, with where it is written, what it added and the answers behind it;
// then every rule that nearly fired, all of its conditions but one met, with the one that was
// not and whether it was answered otherwise or not at all.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <string>

namespace runback::report {

std::string render_explanation(const rules::RuleBase& rule_base, const engine::Answers& answers,
                               const engine::Assessment& assessment);

// A condition in words as it is written: "age < 18", "pain_duration is one of 1_to_6_weeks,
// 6_to_12_weeks", "all of (...)".
std::string describe_condition(const rules::RuleBase& rule_base, const rules::Condition& condition);

}  // namespace runback::report
