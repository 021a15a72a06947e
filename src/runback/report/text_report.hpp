#pragma once
// The assessment as plain text for a runner: urgency first, then likely causes with the answers
// behind them, what to do, what to avoid, when to see someone, and the disclaimer.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <string>

namespace runback::report {

// Renders the assessment to fit `width` columns.
std::string render_text(const rules::RuleBase& rule_base, const engine::Answers& answers,
                        const engine::Assessment& assessment, std::size_t width = 78);

}  // namespace runback::report
