#pragma once
// The assessment as plain text for a runner: urgency first, then likely causes with the answers
// behind them, what to do, what to avoid, when to see someone, and the disclaimer.

#include <runback/engine/answers.hpp>
#include <runback/engine/assessment.hpp>
#include <runback/rules/model.hpp>

#include <string>
#include <vector>

namespace runback::report {

struct TextOptions {
    std::size_t width = 78;              // columns to wrap to
    std::string emergency_number;        // the number to call; "" for the list that works anywhere
    bool colour = false;                 // ANSI colour and bold for a terminal
    // Per question: "" or where its answer came from ("from your training log"), shown after it.
    std::vector<std::string> answer_notes;
};

// Renders the assessment for a person.
std::string render_text(const rules::RuleBase& rule_base, const engine::Answers& answers,
                        const engine::Assessment& assessment, const TextOptions& options = {});

}  // namespace runback::report
